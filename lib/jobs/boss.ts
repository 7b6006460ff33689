import PgBoss from 'pg-boss';
import { getBatchDb } from '@/db/client';
import { logError } from '@/lib/log';
import type { JobDefinition } from './define';
import { JOBS } from './registry';

/** `ROSTER_JOBS=off` (or 0/false/no) runs no worker and no schedule in this process. */
export function jobsEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return !['off', '0', 'false', 'no'].includes((env.ROSTER_JOBS ?? '').trim().toLowerCase());
}

export type BossOptions = { connectionString: string; pollingIntervalSeconds?: number };

/** A pg-boss instance on `connectionString` with a small pool of its own (the embedded database has one session). */
export function createBoss({ connectionString }: BossOptions): PgBoss {
  const embedded = process.env.ROSTER_EMBEDDED_DB === '1';
  const boss = new PgBoss({ connectionString, max: embedded ? 2 : 4, application_name: 'roster-jobs' });
  boss.on('error', (error) => logError('background jobs', error));
  return boss;
}

/** Runs one job from the queue: parses its data, then the job's `run`. A throw fails the job (pg-boss retries it). */
export function jobHandler(job: JobDefinition<unknown>) {
  return async (batch: PgBoss.Job<unknown>[]) => {
    const results = [];
    for (const item of batch) results.push(await job.run(job.data.parse(item.data ?? {}), { db: getBatchDb() }));
    return results.length === 1 ? results[0] : results;
  };
}

/**
 * Starts pg-boss (creating or migrating its `pgboss` schema), then for every job: its queue, its worker and its
 * schedule; a run-on-start job is sent once. Schedules of jobs no longer listed are removed.
 */
export async function startJobs(options: BossOptions, jobs: JobDefinition<unknown>[] = JOBS): Promise<PgBoss> {
  const boss = createBoss(options);
  try {
    await boss.start();
    const workOptions = options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {};
    for (const job of jobs) {
      await boss.createQueue(job.name, { name: job.name, ...job.queue });
      if (job.queue) await boss.updateQueue(job.name, { name: job.name, ...job.queue });
      await boss.work(job.name, workOptions, jobHandler(job));
      if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
      if (job.runOnStart) await boss.send(job.name, {});
    }
    const scheduled = new Set(jobs.filter((job) => job.cron).map((job) => job.name));
    for (const schedule of await boss.getSchedules()) {
      if (!scheduled.has(schedule.name)) await boss.unschedule(schedule.name);
    }
    return boss;
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw error;
  }
}

const cache = globalThis as unknown as { rosterJobs?: Promise<PgBoss | null> };

/**
 * Starts the background jobs once per server process (called from instrumentation.ts). Never throws: a failure is
 * logged and the app keeps serving without jobs.
 */
export function startBackgroundJobs(): Promise<PgBoss | null> {
  cache.rosterJobs ??= (async () => {
    const connectionString = process.env.DATABASE_URL;
    if (!jobsEnabled()) {
      console.log('[roster] background jobs are off (ROSTER_JOBS).');
      return null;
    }
    if (!connectionString) {
      console.warn('[roster] background jobs not started: DATABASE_URL is not set.');
      return null;
    }
    try {
      const boss = await startJobs({ connectionString });
      console.log(`[roster] background jobs started: ${JOBS.map((job) => job.name + (job.cron ? ` (${job.cron} UTC)` : '')).join(', ')}`);
      return boss;
    } catch (error) {
      logError('background jobs failed to start; the app runs without them', error);
      return null;
    }
  })();
  return cache.rosterJobs;
}
