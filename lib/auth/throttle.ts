import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { loginThrottle } from '@/db/schema';
import type { Database, Executor } from '@/db/client';

/** Failures allowed before sign-in is slowed down, per email and per IP address. */
export const THROTTLE_POLICY = {
  emailFreeFailures: 5,
  ipFreeFailures: 20,
  baseDelaySeconds: 15,
  maxDelaySeconds: 15 * 60,
  forgetAfterSeconds: 60 * 60,
} as const;

export type ThrottleKey = { key: string; freeFailures: number };

export function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `email:${email.trim().toLowerCase()}`, freeFailures: THROTTLE_POLICY.emailFreeFailures }];
  if (ip) keys.push({ key: `ip:${ip}`, freeFailures: THROTTLE_POLICY.ipFreeFailures });
  return keys;
}

export function delayAfter(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  const delay = THROTTLE_POLICY.baseDelaySeconds * 2 ** (failures - freeFailures);
  return Math.min(delay, THROTTLE_POLICY.maxDelaySeconds);
}

type LockedRow = { failures: number; stale: boolean; wait: number };

/**
 * Check and record in one step: every attempt counts as a failure before the password is checked, under a row lock
 * on each key, so parallel guesses cannot all pass the check. Returns the seconds to wait (the attempt is refused and
 * not counted) or 0 (the attempt is allowed and counted; `attemptSucceeded` takes it back).
 */
export async function reserveAttempt(db: Database, keys: ThrottleKey[]): Promise<number> {
  const ordered = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1)); // one lock order: no deadlock between keys
  return db.transaction(async (tx) => {
    const rows: LockedRow[] = [];
    for (const { key } of ordered) {
      // The no-op update on conflict locks the row (new or existing) until the transaction ends.
      const result = await tx.execute<LockedRow>(sql`
        insert into login_throttle (key, failures, last_failure_at) values (${key}, 0, now())
        on conflict (key) do update set key = excluded.key
        returning failures,
                  last_failure_at < now() - make_interval(secs => ${THROTTLE_POLICY.forgetAfterSeconds}) as stale,
                  coalesce(ceil(extract(epoch from blocked_until - now())), 0)::int as wait`);
      rows.push(result.rows[0]);
    }
    const wait = Math.max(0, ...rows.map((row) => row.wait));
    if (wait > 0) return wait;
    for (const [i, { key, freeFailures }] of ordered.entries()) {
      const failures = rows[i].stale ? 1 : rows[i].failures + 1;
      const delay = delayAfter(failures, freeFailures);
      await tx
        .update(loginThrottle)
        .set({ failures, lastFailureAt: sql`now()`, blockedUntil: delay > 0 ? sql`now() + make_interval(secs => ${delay})` : null })
        .where(eq(loginThrottle.key, key));
    }
    return 0;
  });
}

/**
 * A successful sign-in: the email's failures are forgotten; the address gets its counted attempt back (a shared
 * office address must not run out because people sign in), and its block is lifted when that brings it under the limit.
 */
export async function attemptSucceeded(db: Executor, keys: ThrottleKey[]) {
  const [email, ...others] = keys;
  await db.delete(loginThrottle).where(eq(loginThrottle.key, email.key));
  for (const { key, freeFailures } of others) {
    await db
      .update(loginThrottle)
      .set({
        failures: sql`greatest(${loginThrottle.failures} - 1, 0)`,
        blockedUntil: sql`case when ${loginThrottle.failures} - 1 < ${freeFailures} then null else ${loginThrottle.blockedUntil} end`,
      })
      .where(eq(loginThrottle.key, key));
  }
}

/** Rows whose failures are forgotten and whose block is over; the security cleanup job deletes them. */
export async function deleteExpiredThrottles(db: Executor): Promise<number> {
  const deleted = await db
    .delete(loginThrottle)
    .where(
      and(
        lt(loginThrottle.lastFailureAt, sql`now() - make_interval(secs => ${THROTTLE_POLICY.forgetAfterSeconds})`),
        or(isNull(loginThrottle.blockedUntil), lt(loginThrottle.blockedUntil, sql`now()`)),
      ),
    )
    .returning({ key: loginThrottle.key });
  return deleted.length;
}

/** For tests and support: forget a key. */
export async function clearThrottle(db: Executor, keys: string[]) {
  await db.delete(loginThrottle).where(inArray(loginThrottle.key, keys));
}
