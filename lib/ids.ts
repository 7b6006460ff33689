const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id in its canonical UUID text form; check before querying so a malformed id is a 404, not a database error. */
export const isUuid = (value: string): boolean => UUID_RE.test(value);
