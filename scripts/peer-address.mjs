// Used by scripts/serve.mjs: makes the TCP peer's address the rightmost X-Forwarded-For entry of every request.
//
// Next (`next start`) keeps an X-Forwarded-For header sent by the client and adds the socket address only when the
// header is missing (base-server.js: `req.headers['x-forwarded-for'] ??= socket.remoteAddress`), so a client that
// talks to Roster directly could choose its own address. Appending the peer ourselves, as any proxy does, makes the
// rightmost entry trustworthy; lib/auth/client-ip.ts counts ROSTER_TRUSTED_PROXY_HOPS entries left from it.

/** `::ffff:203.0.113.7` (an IPv4 peer on a dual-stack socket) → `203.0.113.7`. */
export function normalizeAddress(address) {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/** Appends the socket's remote address to X-Forwarded-For (joining repeated headers into one list first). */
export function appendPeerAddress(req) {
  const peer = req.socket?.remoteAddress ? normalizeAddress(req.socket.remoteAddress) : 'unknown';
  const sent = req.headers['x-forwarded-for'];
  const list = (Array.isArray(sent) ? sent.join(',') : (sent ?? '')).trim();
  req.headers['x-forwarded-for'] = list ? `${list}, ${peer}` : peer;
}

/** Set in the serving process so that lib/auth/client-ip.ts knows the rightmost entry is the peer. */
export const PEER_APPENDED_ENV = 'ROSTER_PEER_ADDRESS_APPENDED';
