/** How pages show a moment: "2026-11-27 21:40 UTC" (to the minute, always UTC, the same on server and client). */
export function utcMinute(date: Date): string {
  return `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}
