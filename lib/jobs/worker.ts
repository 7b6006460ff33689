/**
 * The working side of the job queue: starts pg-boss with a worker per job, the cron schedules and the run-on-start
 * sends, and stops them gracefully. Only process start-up calls this (instrumentation.ts for `next start`,
 * scripts/worker.ts for `npm run worker`), with the list from lib/jobs/registry.ts; domains never import it.
 *
 * Several processes may run workers on one database: pg-boss hands each job to one of them and sends each cron
 * run once.
 */
import PgBoss from 'pg-boss';
import { getBatchDb } from '@/db/client';
import type { JobContext, JobDefinition } from './define';
import { queueOptions, sendJob } from './queue';

/** `ROSTER_JOBS=off` (or 0/false/no) runs no worker and no schedule in a server process (sending still works). */
export function jobsEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return !['off', '0', 'false', 'no'].includes((env.ROSTER_JOBS ?? '').trim().toLowerCase());
}

export type WorkerOptions = {
  connectionString: string;
  /** How often an idle worker asks for a job (pg-boss default: 2 s). */
  pollingIntervalSeconds?: number;
  /** Work (and schedule) only these jobs; the others' schedules are kept. */
  only?: string[];
};

export type Workers = {
  boss: PgBoss;
  /** The jobs this process works. */
  jobs: JobDefinition<unknown>[];
  /** Aborts the runs' signals, waits up to `timeoutSeconds` for them to end, fails (hence retries) the rest. */
  stop(options?: { timeoutSeconds?: number }): Promise<void>;
};

function createBoss(connectionString: string): PgBoss {
  // A small pool of its own; the embedded database serves every connection from one session anyway.
  const embedded = process.env.ROSTER_EMBEDDED_DB === '1';
  const boss = new PgBoss({ connectionString, max: embedded ? 2 : 4, application_name: 'roster-jobs' });
  boss.on('error', (error) => console.error('[roster] background jobs:', error));
  return boss;
}

/** Runs fetched jobs of one queue: parses each one's data, then the job's `run`. A throw fails the run. */
export function jobHandler<Data>(job: JobDefinition<Data>, signal: AbortSignal = new AbortController().signal) {
  return async (batch: Pick<PgBoss.JobWithMetadata, 'id' | 'name' | 'data' | 'retryCount'>[]) => {
    const results = [];
    for (const item of batch) {
      const ctx: JobContext = {
        db: getBatchDb(),
        job: { id: item.id, name: item.name, retryCount: item.retryCount ?? 0 },
        send: sendJob,
        signal,
      };
      results.push(await job.run(job.data.parse(item.data ?? {}), ctx));
    }
    return results.length === 1 ? results[0] : results;
  };
}

/**
 * Starts pg-boss (creating or migrating its schema), then for every job: its queue (options from the definition),
 * its worker and its schedule; a run-on-start job is sent once. Schedules of jobs no longer listed are removed.
 */
export async function startWorkers(jobs: JobDefinition<unknown>[], options: WorkerOptions): Promise<Workers> {
  const boss = createBoss(options.connectionString);
  const stopping = new AbortController();
  const working = options.only ? jobs.filter((job) => options.only!.includes(job.name)) : jobs;
  try {
    await boss.start();
    const workOptions = {
      includeMetadata: true as const,
      batchSize: 1,
      ...(options.pollingIntervalSeconds && { pollingIntervalSeconds: options.pollingIntervalSeconds }),
    };
    for (const job of working) {
      const queue = { name: job.name, ...queueOptions(job) };
      await boss.createQueue(job.name, queue);
      await boss.updateQueue(job.name, queue);
      for (let i = 0; i < (job.workers ?? 1); i++)
        await boss.work(job.name, workOptions, jobHandler(job, stopping.signal));
      if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
      if (job.runOnStart) await sendJob(job, {});
    }
    const scheduled = new Set(jobs.filter((job) => job.cron).map((job) => job.name));
    for (const schedule of await boss.getSchedules()) {
      if (!scheduled.has(schedule.name)) await boss.unschedule(schedule.name);
    }
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw error;
  }
  return {
    boss,
    jobs: working,
    async stop({ timeoutSeconds = 20 } = {}) {
      stopping.abort();
      await boss.stop({ graceful: true, timeout: timeoutSeconds * 1000 });
    },
  };
}

/**
 * On SIGTERM or SIGINT: `stop` first, then the process's other handlers for that signal (Next's own shutdown), or
 * the signal's default (the process ends) when there are none. A second signal ends the process at once.
 */
export function stopOnSignals(stop: () => Promise<void>) {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const handler = () => {
      const others = process.listeners(signal).filter((listener) => listener !== handler) as ((
        signal: NodeJS.Signals,
      ) => void)[];
      process.removeAllListeners(signal);
      void stop()
        .catch((error) => console.error('[roster] background jobs did not stop cleanly:', error))
        .finally(() => {
          if (others.length) for (const other of others) other(signal);
          else process.kill(process.pid, signal);
        });
    };
    process.prependListener(signal, handler);
  }
}

const cache = globalThis as unknown as { rosterWorkers?: Promise<Workers | null> };

/**
 * The background jobs of a `next start` process (instrumentation.ts), once per process. Never throws: a failure is
 * logged and the app keeps serving without workers (jobs it sends wait for a worker elsewhere).
 */
export function startBackgroundJobs(jobs: JobDefinition<unknown>[]): Promise<Workers | null> {
  cache.rosterWorkers ??= (async () => {
    const connectionString = process.env.DATABASE_URL;
    if (!jobsEnabled()) {
      console.log('[roster] background jobs are off in this process (ROSTER_JOBS); run `npm run worker` elsewhere.');
      return null;
    }
    if (!connectionString) {
      console.warn('[roster] background jobs not started: DATABASE_URL is not set.');
      return null;
    }
    try {
      const workers = await startWorkers(jobs, { connectionString });
      stopOnSignals(async () => {
        await workers.stop();
        console.log('[roster] background jobs stopped.');
      });
      console.log(`[roster] background jobs started: ${describeJobs(workers.jobs)}`);
      return workers;
    } catch (error) {
      console.error('[roster] background jobs failed to start; the app runs without them.', error);
      return null;
    }
  })();
  return cache.rosterWorkers;
}

export function describeJobs(jobs: JobDefinition<unknown>[]): string {
  return jobs.map((job) => job.name + (job.cron ? ` (${job.cron} UTC)` : '')).join(', ');
}
