import { inArray, sql } from 'drizzle-orm';
import { loginThrottle } from '@/db/schema';
import type { Executor } from '@/db/client';

/** Failures allowed before sign-in is slowed down, per email and per IP address. */
export const THROTTLE_POLICY = {
  emailFreeFailures: 5,
  ipFreeFailures: 20,
  baseDelaySeconds: 15,
  maxDelaySeconds: 15 * 60,
  forgetAfterSeconds: 60 * 60,
} as const;

export function throttleKeys(email: string, ip: string | null): { email: string; ip: string | null } {
  return { email: `email:${email.trim().toLowerCase()}`, ip: ip ? `ip:${ip}` : null };
}

/** Seconds to wait before the next attempt is allowed, or 0. */
export async function secondsUntilAllowed(db: Executor, keys: string[], now = new Date()): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  const waits = rows.map((row) => (row.blockedUntil ? Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000) : 0));
  return Math.max(0, ...waits);
}

export function delayAfter(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  const delay = THROTTLE_POLICY.baseDelaySeconds * 2 ** (failures - freeFailures);
  return Math.min(delay, THROTTLE_POLICY.maxDelaySeconds);
}

export async function recordFailure(db: Executor, key: string, freeFailures: number) {
  const forget = THROTTLE_POLICY.forgetAfterSeconds;
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, lastFailureAt: sql`now()` })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.lastFailureAt} < now() - make_interval(secs => ${forget}) then 1 else ${loginThrottle.failures} + 1 end`,
        lastFailureAt: sql`now()`,
      },
    })
    .returning({ failures: loginThrottle.failures });
  const delay = delayAfter(row.failures, freeFailures);
  if (delay > 0) {
    await db
      .update(loginThrottle)
      .set({ blockedUntil: sql`now() + make_interval(secs => ${delay})` })
      .where(inArray(loginThrottle.key, [key]));
  }
}

export async function clearFailures(db: Executor, key: string) {
  await db.delete(loginThrottle).where(inArray(loginThrottle.key, [key]));
}
