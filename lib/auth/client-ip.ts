/**
 * The client's address, for the sign-in throttle and the per-address limits on failed API authentication.
 *
 * Roster's server (scripts/serve.mjs, used by `npm start`) appends the TCP peer's address to `X-Forwarded-For` before
 * Next sees the request, and marks its process with ROSTER_PEER_ADDRESS_APPENDED=1. So the rightmost entry is the
 * peer, which nobody can forge. With no reverse proxy in front (ROSTER_TRUSTED_PROXY_HOPS=0, the default) the peer is
 * the client; behind n proxies that each append what they saw, the client is n entries left of the peer. Anything
 * further left is whatever the client chose to send.
 *
 * Without that server (`next dev`, a bare `next start`) the header is the client's own word: no address is known.
 */
export function clientIp(
  headers: HeaderSource | undefined,
  hops = trustedProxyHops(),
  peerAppended = peerAddressAppended(),
): string | null {
  if (!peerAppended) return null;
  const forwarded = readHeader(headers, 'x-forwarded-for');
  const entries = (forwarded ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  return entries[Math.max(0, entries.length - 1 - hops)];
}

type HeaderSource = Headers | Record<string, unknown>;

function readHeader(headers: HeaderSource | undefined, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  if (Array.isArray(value)) return value.join(',');
  return typeof value === 'string' ? value : null;
}

export function peerAddressAppended(env: Record<string, string | undefined> = process.env): boolean {
  return env.ROSTER_PEER_ADDRESS_APPENDED === '1';
}

/** ROSTER_TRUSTED_PROXY_HOPS: reverse proxies in front of Roster (default 0: clients connect to Roster directly). */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const hops = Number(env.ROSTER_TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(hops) && hops >= 0 && hops <= 10 ? hops : 0;
}
