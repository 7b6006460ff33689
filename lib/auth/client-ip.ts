/**
 * The sign-in client's IP address for the per-IP throttle. Proxies append the address they saw to the right of
 * `X-Forwarded-For`, so only the entries added by our own proxies can be trusted: with ROSTER_TRUSTED_PROXY_HOPS
 * proxies in front (default 1: one reverse proxy, or Next itself when Roster is exposed directly), the address is
 * that many entries from the right. The leftmost entry is whatever the client chose to send.
 */
export function clientIp(headers: Record<string, unknown> | undefined, hops = trustedHops()): string | null {
  const forwarded = headers?.['x-forwarded-for'];
  const entries = typeof forwarded === 'string' ? forwarded.split(',').map((e) => e.trim()).filter(Boolean) : [];
  if (entries.length > 0) return entries[Math.max(0, entries.length - hops)] ?? null;
  const real = headers?.['x-real-ip'];
  return typeof real === 'string' && real.trim() ? real.trim() : null;
}

function trustedHops(): number {
  const hops = Number(process.env.ROSTER_TRUSTED_PROXY_HOPS ?? 1);
  return Number.isInteger(hops) && hops >= 1 ? hops : 1;
}
