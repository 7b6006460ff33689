import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import PgBoss from 'pg-boss';
import { getDb } from '@/db/client';
import { people } from '@/db/schema';
import { leaverSweepJob } from '@/lib/hr/jobs/leaver-sweep';
import { createTenant } from '@/tests/support/factories';
import { insertEmployment, insertPerson } from '@/tests/support/hr-factories';
import { defineJob, type JobDefinition } from './define';
import { cancelJob, getJobState, sendJob } from './queue';
import { JOBS } from './registry';
import { jobsEnabled, startBackgroundJobs, startWorkers, type Workers } from './worker';

async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const settled = <Data>(job: JobDefinition<Data>, id: string) =>
  waitFor(async () => {
    const state = await getJobState(job, id);
    return state && ['completed', 'failed', 'cancelled'].includes(state) ? state : null;
  });

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
      expect(await startBackgroundJobs(JOBS)).toBeNull();
    } finally {
      if (previous === undefined) delete process.env.ROSTER_JOBS;
      else process.env.ROSTER_JOBS = previous;
    }
  });
});

describe('job registry', () => {
  it('lists the leaver sweep as a daily job; names are unique; scheduled and run-on-start jobs accept {} as data', () => {
    expect(JOBS).toContain(leaverSweepJob);
    expect(leaverSweepJob.cron).toBe('5 0 * * *');
    expect(new Set(JOBS.map((job) => job.name)).size).toBe(JOBS.length);
    for (const job of JOBS.filter((j) => j.cron || j.runOnStart))
      expect(job.data.safeParse({}).success, job.name).toBe(true);
  });
});

describe('workers on the test database', () => {
  let workers: Workers;
  const probeRuns: unknown[] = [];
  const chainRuns: { step: number; retryCount: number }[] = [];
  // A job that only records its runs: proves run-on-start without sweeping the shared test database as of today.
  const probeJob = defineJob({
    name: 'test.worker-probe',
    data: z.object({ note: z.string().optional() }),
    runOnStart: true,
    run: async (data) => {
      probeRuns.push(data);
      return { ok: true };
    },
  });
  // Sends its next step from inside its run, with the sender the context gives.
  const chainJob: JobDefinition<{ step: number }> = defineJob({
    name: 'test.worker-chain',
    data: z.object({ step: z.number().int() }),
    retry: { limit: 1, delaySeconds: 1 },
    run: async ({ step }, ctx) => {
      chainRuns.push({ step, retryCount: ctx.job.retryCount });
      if (step < 3) await ctx.send(chainJob, { step: step + 1 });
      return { step };
    },
  });
  // Runs until the worker stops, then throws: graceful stop ends it and pg-boss keeps it for a retry.
  const stoppableStarted = new Set<string>();
  const stoppableJob = defineJob({
    name: 'test.worker-stoppable',
    data: z.object({}),
    retry: { limit: 2, delaySeconds: 60 },
    run: async (_data, ctx) => {
      stoppableStarted.add(ctx.job.id);
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
      throw new Error('stopped by the worker');
    },
  });
  const jobs = [{ ...leaverSweepJob, runOnStart: false }, probeJob, chainJob, stoppableJob] as JobDefinition<unknown>[];

  beforeAll(async () => {
    const connectionString = process.env.DATABASE_URL as string;
    // A schedule left by a job that no longer exists must be removed on start.
    const previous = new PgBoss({ connectionString, max: 1, supervise: false });
    await previous.start();
    await previous.createQueue('test.retired', { name: 'test.retired' });
    await previous.schedule('test.retired', '0 * * * *');
    await previous.stop({ graceful: false });
    workers = await startWorkers(jobs, { connectionString, pollingIntervalSeconds: 0.5 });
  }, 60_000);

  afterAll(async () => {
    await workers?.stop({ timeoutSeconds: 1 });
  });

  it('creates a queue per job with the options of its definition, schedules the leaver sweep daily (UTC); retired schedules are removed', async () => {
    const queues = await workers.boss.getQueues();
    expect(queues.map((q) => q.name)).toEqual(
      expect.arrayContaining(['hr.leaver-sweep', 'test.worker-probe', 'test.worker-chain']),
    );
    expect(queues.find((q) => q.name === 'hr.leaver-sweep')).toMatchObject({
      retryLimit: 3,
      retryDelay: 60,
      expireInSeconds: 15 * 60,
      policy: 'standard',
    });
    const schedules = await workers.boss.getSchedules();
    expect(schedules).toContainEqual(
      expect.objectContaining({ name: 'hr.leaver-sweep', cron: '5 0 * * *', timezone: 'UTC' }),
    );
    expect(schedules.map((s) => s.name)).not.toContain('test.retired');
    expect(schedules.map((s) => s.name)).not.toContain('test.worker-probe');
  });

  it('a run-on-start job is sent once when the workers start, and its worker runs it', async () => {
    await waitFor(async () => probeRuns.length > 0);
    expect(probeRuns[0]).toEqual({});
  });

  it('a job sends the next one from inside its run (ctx.send): all three steps run', async () => {
    const id = await sendJob(chainJob, { step: 1 });
    expect(await settled(chainJob, id!)).toBe('completed');
    await waitFor(async () => chainRuns.some((run) => run.step === 3));
    expect(chainRuns.map((run) => run.step).sort()).toEqual([1, 2, 3]);
    expect(chainRuns.every((run) => run.retryCount === 0)).toBe(true);
  });

  it('a sent leaver sweep job runs to completion and deactivates the leaver', async () => {
    const tenant = await createTenant();
    const leaver = await insertPerson(tenant.id);
    await insertEmployment(tenant.id, leaver.id, { startDate: '1980-01-01', endDate: '1989-09-30', isPrimary: true });

    // As of 1990 (leaver-sweep.test.ts sweeps as of 2000 with 1999 end dates): this sweep never touches its people
    // while those tests run in parallel on PostgreSQL.
    const id = await sendJob(leaverSweepJob, { today: '1990-01-01' });
    expect(await settled(leaverSweepJob, id!)).toBe('completed');
    const job = await workers.boss.getJobById(leaverSweepJob.name, id!);
    expect(job?.output).toMatchObject({ tenants: expect.any(Number), people: expect.any(Number) });
    const [row] = await getDb()
      .select({ active: people.activeEmployee })
      .from(people)
      .where(inArray(people.id, [leaver.id]));
    expect(row.active).toBe(false);
  });

  it('data is checked when sent: a bad job is refused before it reaches the queue', async () => {
    await expect(sendJob(leaverSweepJob, { today: 'not a date' })).rejects.toThrow();
  });

  it('a job whose stored data is bad fails instead of running', async () => {
    const id = await workers.boss.send(leaverSweepJob.name, { today: 'not a date' }, { retryLimit: 0 });
    expect(await settled(leaverSweepJob, id!)).toBe('failed');
  });

  it('stopping gracefully aborts the running jobs’ signal; a run that ends by throwing is kept for a retry', async () => {
    const id = await sendJob(stoppableJob, {});
    await waitFor(async () => stoppableStarted.has(id!));
    await workers.stop({ timeoutSeconds: 10 });
    expect(await getJobState(stoppableJob, id!)).toBe('retry');
    await cancelJob(stoppableJob, id!); // not to be picked up by a later run of this file
  });
});
