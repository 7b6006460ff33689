/**
 * The polling rule: "Cezanne HR directories poll every 30 minutes starting from the time of the initial sync".
 * Runs are due at anchor + k × 30 minutes; slots missed while no worker ran are skipped, not queued up. Pure
 * functions of an injected time, so tests need no waiting.
 */

export const SYNC_INTERVAL_MS = 30 * 60 * 1000;

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** The first slot anchor + k × interval (k ≥ 1) strictly after `after`. */
export function nextSlotAfter(anchor: Date, after: Date, intervalMs = SYNC_INTERVAL_MS): Date {
  const elapsed = after.getTime() - anchor.getTime();
  const k = elapsed < 0 ? 1 : Math.floor(elapsed / intervalMs) + 1;
  return new Date(anchor.getTime() + k * intervalMs);
}

/** Slots that fell due between `due` (inclusive) and `now` beyond the one about to run: they are skipped. */
export function skippedSlots(due: Date, now: Date, intervalMs = SYNC_INTERVAL_MS): number {
  if (now.getTime() < due.getTime()) return 0;
  return Math.floor((now.getTime() - due.getTime()) / intervalMs);
}

export function isDue(nextSyncAt: Date | null, now: Date): boolean {
  return nextSyncAt !== null && nextSyncAt.getTime() <= now.getTime();
}

/** YYYY-MM-DD in UTC. */
export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}
