// Load shedding at the edge: a client that is over its rate limit is answered by Roster's server (scripts/serve.mjs)
// before Next routes the request, so hammering at full speed costs almost nothing. lib/ registers what to refuse (a
// path prefix of three segments, e.g. /scim/v2/<tenant id>, with the answer) until its limit window ends; the map is
// shared through globalThis because the server and Next's bundles run in one process. Plain JS: both sides load it.

/** @typedef {{ until: number, status: number, contentType: string, body: string }} Shed */

/** @returns {Map<string, Shed>} */
function registry() {
  return (globalThis.rosterLoadShedding ??= new Map());
}

/** `/scim/v2/<id>/Users?x` → `/scim/v2/<id>` */
export function shedKey(path) {
  return path.split('?')[0].split('/', 4).join('/');
}

/** Refuse requests under `prefix` with this answer until `until` (epoch ms). */
export function shedUntil(prefix, until, answer) {
  registry().set(prefix, { until, ...answer });
}

/** The answer for a request that is shed, with its Retry-After in seconds; null when it must be served. */
export function shedAnswer(path, now = Date.now()) {
  const shed = registry();
  if (shed.size === 0) return null;
  const key = shedKey(path);
  const entry = shed.get(key);
  if (!entry) return null;
  if (entry.until <= now) {
    shed.delete(key);
    return null;
  }
  return { ...entry, retryAfter: Math.max(1, Math.ceil((entry.until - now) / 1000)) };
}

export function clearShedding() {
  registry().clear();
}
