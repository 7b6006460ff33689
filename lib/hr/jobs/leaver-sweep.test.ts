import { describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, people } from '@/db/schema';
import { createTenant } from '@/tests/support/factories';
import { insertEmployment, insertPerson } from '@/tests/support/hr-factories';
import { jobHandler } from '@/lib/jobs/worker';
import { leaverSweepJob } from './leaver-sweep';

// The sweep covers every tenant of the shared test database, so these tests sweep as of 2000-01-01 with end dates in
// 1999: other test files' people (end dates from 2020 on) are never touched, and worker.test.ts's sweep (as of 1990)
// never touches these people.
const TODAY = '2000-01-01';
const runSweep = (data: unknown = { today: TODAY }) =>
  jobHandler(leaverSweepJob)([{ id: 'test', name: leaverSweepJob.name, data: data as object, retryCount: 0 }]);

async function personWith(
  tenantId: string,
  employment: { endDate: string | null; isPrimary: boolean } | null,
  active = true,
) {
  const person = await insertPerson(tenantId, { activeEmployee: active });
  if (employment) await insertEmployment(tenantId, person.id, { startDate: '1990-01-01', ...employment });
  return person;
}

const activeFlags = async (ids: string[]) =>
  Object.fromEntries(
    (
      await getDb().select({ id: people.id, active: people.activeEmployee }).from(people).where(inArray(people.id, ids))
    ).map((r) => [r.id, r.active]),
  );

const sweepAudits = (tenantId: string) =>
  getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, 'people.leavers_deactivated')));

describe('leaver sweep job (hr.leaver-sweep)', () => {
  it('deactivates exactly the people whose primary employment ended before today, in every tenant, and nobody else', async () => {
    const [a, b, quiet] = [await createTenant(), await createTenant(), await createTenant()];
    const leaverA = await personWith(a.id, { endDate: '1999-12-31', isPrimary: true });
    const leaverB = await personWith(b.id, { endDate: '1999-06-30', isPrimary: true });
    const endsToday = await personWith(a.id, { endDate: TODAY, isPrimary: true });
    const secondaryEnded = await personWith(a.id, { endDate: '1999-06-30', isPrimary: false });
    const noEndDate = await personWith(b.id, { endDate: null, isPrimary: true });
    const noEmployment = await personWith(b.id, null);
    const futureEnd = await personWith(quiet.id, { endDate: '2000-06-30', isPrimary: true });
    const ids = [leaverA, leaverB, endsToday, secondaryEnded, noEndDate, noEmployment, futureEnd].map((p) => p.id);

    const result = await runSweep();

    expect(result).toMatchObject({ tenants: expect.any(Number), people: expect.any(Number) });
    expect(await activeFlags(ids)).toEqual({
      [leaverA.id]: false,
      [leaverB.id]: false,
      [endsToday.id]: true,
      [secondaryEnded.id]: true,
      [noEndDate.id]: true,
      [noEmployment.id]: true,
      [futureEnd.id]: true,
    });
  });

  it('writes one audit entry by "system" per tenant that had leavers, listing their person codes; none for other tenants', async () => {
    const [a, quiet] = [await createTenant(), await createTenant()];
    const first = await personWith(a.id, { endDate: '1999-01-31', isPrimary: true });
    const second = await personWith(a.id, { endDate: '1999-02-28', isPrimary: true });
    await personWith(quiet.id, { endDate: '2001-01-01', isPrimary: true });

    await runSweep();

    const [entry, ...more] = await sweepAudits(a.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actorId: null,
      actorEmail: 'system',
      target: '2 people',
      details: { endedBefore: TODAY, count: 2, personCodes: [first.personCode, second.personCode].sort() },
    });
    expect(await sweepAudits(quiet.id)).toEqual([]);
  });

  it('is idempotent: a second run changes nobody and writes no audit entry', async () => {
    const tenant = await createTenant();
    const leaver = await personWith(tenant.id, { endDate: '1999-03-31', isPrimary: true });
    await runSweep();
    const [{ updatedAt }] = await getDb()
      .select({ updatedAt: people.updatedAt })
      .from(people)
      .where(eq(people.id, leaver.id));

    await runSweep();

    const [after] = await getDb().select().from(people).where(eq(people.id, leaver.id));
    expect(after.activeEmployee).toBe(false);
    expect(after.updatedAt).toEqual(updatedAt);
    expect(await sweepAudits(tenant.id)).toHaveLength(1);
  });

  it('an already inactive leaver is left alone and not audited', async () => {
    const tenant = await createTenant();
    await personWith(tenant.id, { endDate: '1999-03-31', isPrimary: true }, false);
    await runSweep();
    expect(await sweepAudits(tenant.id)).toEqual([]);
  });

  it('refuses job data with a malformed date, changing nothing', async () => {
    const tenant = await createTenant();
    const leaver = await personWith(tenant.id, { endDate: '1999-03-31', isPrimary: true });
    await expect(runSweep({ today: 'tomorrow' })).rejects.toThrow();
    expect(await activeFlags([leaver.id])).toEqual({ [leaver.id]: true });
  });
});
