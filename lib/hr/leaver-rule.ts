/**
 * The leaver rule: a person whose primary employment has ended (end date before today) is inactive. Pure (no
 * database imports), so client components that show "ended"/"Leaver since" use the same rule as the server.
 */

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** An employment ends at the end of its end date: on that day the person still works there. */
export function hasEnded(endDate: string | null | undefined, today = todayIso()): boolean {
  return Boolean(endDate) && (endDate as string) < today;
}

/** The active flag to store: HR's choice, except that a leaver is never active. */
export function effectiveActive(
  requested: boolean,
  primaryEndDate: string | null | undefined,
  today = todayIso(),
): boolean {
  return requested && !hasEnded(primaryEndDate, today);
}
