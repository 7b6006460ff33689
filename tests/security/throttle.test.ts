// The sign-in throttle on real PostgreSQL: check-and-record is one locked step (parallel guesses cannot all pass the
// check), successful sign-ins do not use up a shared address, and the table does not grow without bound.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { loginThrottle } from '@/db/schema';
import { signInWithPassword } from '@/lib/auth/accounts';
import { deleteExpiredThrottles, THROTTLE_POLICY } from '@/lib/auth/throttle';
import { createStaff, createTenant, uniqueEmail } from '@/tests/support/factories';

const randomIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe('sign-in throttle', () => {
  it('parallel guesses for one email: only the free failures are checked, the rest are refused', async () => {
    const tenant = await createTenant();
    const staff = await createStaff(tenant.id, 'it_admin', { password: 'the right password' });
    const results = await Promise.all(
      Array.from({ length: 24 }, () => signInWithPassword(getDb(), staff.email, 'a wrong guess', randomIp())),
    );
    const checked = results.filter((r) => !r.ok && r.error === 'Wrong email or password.');
    const refused = results.filter((r) => !r.ok && /Too many failed attempts/.test(r.error));
    expect(checked).toHaveLength(THROTTLE_POLICY.emailFreeFailures);
    expect(refused).toHaveLength(24 - THROTTLE_POLICY.emailFreeFailures);
  });

  it('parallel guesses from one address across many emails: only the address allowance is checked', async () => {
    const ip = randomIp();
    const results = await Promise.all(
      Array.from({ length: 26 }, () => signInWithPassword(getDb(), uniqueEmail('spray'), 'a wrong guess', ip)),
    );
    expect(results.filter((r) => !r.ok && r.error === 'Wrong email or password.')).toHaveLength(
      THROTTLE_POLICY.ipFreeFailures,
    );
  });

  it('successful sign-ins do not use up an address (an office behind one NAT address)', async () => {
    const tenant = await createTenant();
    const ip = randomIp();
    const member = await createStaff(tenant.id, 'hr_professional', { password: 'the right password' });
    for (let i = 0; i <= THROTTLE_POLICY.ipFreeFailures; i++) {
      expect((await signInWithPassword(getDb(), member.email, 'the right password', ip)).ok).toBe(true);
    }
    const [row] = await getDb()
      .select()
      .from(loginThrottle)
      .where(inArray(loginThrottle.key, [`ip:${ip}`]));
    expect(row.failures).toBe(0);
    expect(row.blockedUntil).toBeNull();
  });

  it('forgotten rows are deleted; rows still counting or blocked stay', async () => {
    const db = getDb();
    const id = randomUUID().slice(0, 8);
    const keys = { old: `email:old-${id}`, blockedLong: `ip:blocked-${id}`, recent: `email:recent-${id}` };
    await db.insert(loginThrottle).values([
      { key: keys.old, failures: 3, lastFailureAt: sql`now() - interval '2 hours'` },
      {
        key: keys.blockedLong,
        failures: 40,
        lastFailureAt: sql`now() - interval '2 hours'`,
        blockedUntil: sql`now() + interval '5 minutes'`,
      },
      { key: keys.recent, failures: 2, lastFailureAt: sql`now() - interval '5 minutes'` },
    ]);
    expect(await deleteExpiredThrottles(db)).toBeGreaterThanOrEqual(1);
    const left = await db
      .select({ key: loginThrottle.key })
      .from(loginThrottle)
      .where(inArray(loginThrottle.key, Object.values(keys)));
    expect(left.map((r) => r.key).sort()).toEqual([keys.blockedLong, keys.recent].sort());
  });
});
