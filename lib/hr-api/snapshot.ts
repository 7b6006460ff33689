/** A `pg_snapshot` in its text form, `xmin:xmax:xip,xip,…` (validated, so it can go to SQL as a parameter). */
export type Snapshot = string;

export const MAX_ID = 2n ** 63n - 1n;

/** Checks a snapshot's text form: xmin ≤ every in-progress xid < xmax, ascending, at most 1,000 of them. */
export function isSnapshot(text: string): boolean {
  const match = /^(\d{1,19}):(\d{1,19}):((?:\d{1,19})(?:,\d{1,19}){0,999})?$/.exec(text);
  if (!match) return false;
  const [xmin, xmax] = [BigInt(match[1]), BigInt(match[2])];
  if (xmin > xmax || xmax > MAX_ID) return false;
  let previous = -1n;
  for (const part of match[3] ? match[3].split(',') : []) {
    const xid = BigInt(part);
    if (xid < xmin || xid >= xmax || xid <= previous) return false;
    previous = xid;
  }
  return true;
}
