/** How pages show a moment: "2026-11-27 21:40 UTC" (to the minute, always UTC, the same on server and client). */
export function utcMinute(date: Date): string {
  return `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}

/** "1 row", "2 rows", "1,200 people": a number with its noun in the right number (English). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? singular : plural}`;
}

/** When something runs out, in whole days from now (`daysLeft` as `daysUntil` counts it): "today", "tomorrow", "in 5 days". */
export function expiresIn(daysLeft: number): string {
  if (daysLeft <= 0) return 'today';
  if (daysLeft === 1) return 'tomorrow';
  return `in ${count(daysLeft, 'day')}`;
}
