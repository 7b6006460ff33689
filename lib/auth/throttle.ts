import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
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

export type ThrottleKey = { key: string; freeFailures: number };

export function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [
    { key: `email:${email.trim().toLowerCase()}`, freeFailures: THROTTLE_POLICY.emailFreeFailures },
  ];
  if (ip) keys.push({ key: `ip:${ip}`, freeFailures: THROTTLE_POLICY.ipFreeFailures });
  return keys;
}

export function delayAfter(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  const delay = THROTTLE_POLICY.baseDelaySeconds * 2 ** (failures - freeFailures);
  return Math.min(delay, THROTTLE_POLICY.maxDelaySeconds);
}

/** The failures after this attempt: the count restarts once old failures are forgotten. */
const nextFailures = sql`case when login_throttle.last_failure_at < now() - make_interval(secs => ${THROTTLE_POLICY.forgetAfterSeconds})
  then 1 else login_throttle.failures + 1 end`;
const blockedNow = sql`coalesce(login_throttle.blocked_until > now(), false)`;

/** SQL for delayAfter(nextFailures, free) as a timestamp (or null), the same doubling rule. */
function blockAfterNextFailure(free: number) {
  const { baseDelaySeconds, maxDelaySeconds } = THROTTLE_POLICY;
  return sql`case when ${nextFailures} >= ${free}
    then now() + make_interval(secs => least(${baseDelaySeconds} * power(2, least(${nextFailures} - ${free}, 30)), ${maxDelaySeconds}))
    else null end`;
}

/**
 * Check and record in one statement per attempt: every attempt counts as a failure before the password is checked,
 * decided under the row locks that INSERT … ON CONFLICT DO UPDATE takes, so parallel guesses cannot all pass the
 * check (and no lock waits on this process's event loop, busy with bcrypt during an attack). An attempt while a key is
 * blocked is refused and not counted. Returns the seconds to wait (refused) or 0 (allowed; `attemptSucceeded` takes
 * it back).
 */
export async function reserveAttempt(db: Executor, keys: ThrottleKey[]): Promise<number> {
  const ordered = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1)); // one lock order: no deadlock between keys
  const rows = await db
    .insert(loginThrottle)
    .values(
      ordered.map(({ key, freeFailures }) => ({
        key,
        failures: 1,
        lastFailureAt: sql`now()`,
        blockedUntil:
          freeFailures <= 1 ? sql`now() + make_interval(secs => ${THROTTLE_POLICY.baseDelaySeconds})` : null,
        lastAttemptRefused: false,
      })),
    )
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        lastAttemptRefused: blockedNow,
        failures: sql`case when ${blockedNow} then login_throttle.failures else ${nextFailures} end`,
        lastFailureAt: sql`case when ${blockedNow} then login_throttle.last_failure_at else now() end`,
        blockedUntil: sql`case when ${blockedNow} then login_throttle.blocked_until
          else (case excluded.key ${sql.join(
            ordered.map(({ key, freeFailures }) => sql`when ${key} then ${blockAfterNextFailure(freeFailures)}`),
            sql` `,
          )} end) end`,
      },
    })
    .returning({
      refused: loginThrottle.lastAttemptRefused,
      wait: sql<number>`coalesce(ceil(extract(epoch from ${loginThrottle.blockedUntil} - now())), 0)::int`,
    });
  const refused = rows.filter((row) => row.refused);
  return refused.length > 0 ? Math.max(1, ...refused.map((row) => row.wait)) : 0;
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
