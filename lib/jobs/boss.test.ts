import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type PgBoss from 'pg-boss';
import { getDb } from '@/db/client';
import { people } from '@/db/schema';
import { createTenant } from '@/tests/support/factories';
import { insertEmployment, insertPerson } from '@/tests/support/hr-factories';
import { createBoss, jobsEnabled, startBackgroundJobs, startJobs } from './boss';
import { defineJob, type JobDefinition } from './define';
import { leaverSweepJob } from './leaver-sweep';
import { JOBS } from './registry';

async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('ROSTER_JOBS switch', () => {
  it('jobs run unless ROSTER_JOBS is off, 0, false or no', () => {
    expect(jobsEnabled({})).toBe(true);
    expect(jobsEnabled({ ROSTER_JOBS: 'on' })).toBe(true);
    for (const off of ['off', 'OFF', '0', 'false', ' no ']) expect(jobsEnabled({ ROSTER_JOBS: off })).toBe(false);
  });

  it('with ROSTER_JOBS=off the server process starts no pg-boss at all', async () => {
    const previous = process.env.ROSTER_JOBS;
    process.env.ROSTER_JOBS = 'off';
    try {
      expect(await startBackgroundJobs()).toBeNull();
    } finally {
      if (previous === undefined) delete process.env.ROSTER_JOBS;
      else process.env.ROSTER_JOBS = previous;
    }
  });
});

describe('job registry', () => {
  it('lists the leaver sweep as a daily job, and job names are unique', () => {
    expect(JOBS).toContain(leaverSweepJob);
    expect(leaverSweepJob.cron).toBe('5 0 * * *');
    expect(new Set(JOBS.map((job) => job.name)).size).toBe(JOBS.length);
  });
});

describe('pg-boss on the test database', () => {
  let boss: PgBoss;
  const started: unknown[] = [];
  // A job that only records its runs: proves run-on-start without sweeping the shared test database as of today.
  const probeJob = defineJob({
    name: 'test.probe',
    data: z.object({ note: z.string().optional() }),
    runOnStart: true,
    run: async (data) => {
      started.push(data);
      return { ok: true };
    },
  });
  const jobs = [{ ...leaverSweepJob, runOnStart: false }, probeJob] as JobDefinition<unknown>[];

  beforeAll(async () => {
    const connectionString = process.env.DATABASE_URL as string;
    // A schedule left by a job that no longer exists must be removed on start.
    const previous = createBoss({ connectionString });
    await previous.start();
    await previous.createQueue('test.retired', { name: 'test.retired' });
    await previous.schedule('test.retired', '0 * * * *');
    await previous.stop({ graceful: false });
    boss = await startJobs({ connectionString, pollingIntervalSeconds: 0.5 }, jobs);
  }, 60_000);

  afterAll(async () => {
    await boss?.stop({ graceful: false });
  });

  it('starts, creates a queue per job and schedules the leaver sweep daily (UTC); retired schedules are removed', async () => {
    const queues = (await boss.getQueues()).map((q) => q.name);
    expect(queues).toEqual(expect.arrayContaining(['hr.leaver-sweep', 'test.probe']));
    const schedules = await boss.getSchedules();
    expect(schedules).toContainEqual(expect.objectContaining({ name: 'hr.leaver-sweep', cron: '5 0 * * *', timezone: 'UTC' }));
    expect(schedules.map((s) => s.name)).not.toContain('test.retired');
    expect(schedules.map((s) => s.name)).not.toContain('test.probe');
  });

  it('a run-on-start job is sent once when the jobs start, and its worker runs it', async () => {
    await waitFor(async () => started.length > 0);
    expect(started[0]).toEqual({});
  });

  it('a sent leaver sweep job runs to completion and deactivates the leaver', async () => {
    const tenant = await createTenant();
    const leaver = await insertPerson(tenant.id);
    await insertEmployment(tenant.id, leaver.id, { startDate: '1980-01-01', endDate: '1989-09-30', isPrimary: true });

    // As of 1990 (leaver-sweep.test.ts sweeps as of 2000 with 1999 end dates): this sweep never touches its people
    // while those tests run in parallel on PostgreSQL.
    const id = await boss.send(leaverSweepJob.name, { today: '1990-01-01' });
    expect(id).toBeTruthy();
    const job = await waitFor(async () => {
      const found = await boss.getJobById(leaverSweepJob.name, id as string);
      return found && ['completed', 'failed'].includes(found.state) ? found : null;
    });

    expect(job.state).toBe('completed');
    expect(job.output).toMatchObject({ tenants: expect.any(Number), people: expect.any(Number) });
    const [row] = await getDb().select({ active: people.activeEmployee }).from(people).where(inArray(people.id, [leaver.id]));
    expect(row.active).toBe(false);
  });

  it('a job with bad data fails instead of running', async () => {
    const id = await boss.send(leaverSweepJob.name, { today: 'not a date' }, { retryLimit: 0 });
    const job = await waitFor(async () => {
      const found = await boss.getJobById(leaverSweepJob.name, id as string);
      return found && ['completed', 'failed'].includes(found.state) ? found : null;
    });
    expect(job.state).toBe('failed');
  });
});
