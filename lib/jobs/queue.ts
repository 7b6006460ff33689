/**
 * The send-only side of the job queue (pg-boss). Any domain, server action, route handler or job sends work with
 * `sendJob(job, data, options)`; nothing here imports a domain, runs a worker or needs `ROSTER_JOBS` to be on.
 *
 *   await sendJob(syncDirectoryJob, { directoryId });                               // now
 *   await sendJob(syncDirectoryJob, { directoryId }, { startAfter: 30 * 60 });      // in 30 minutes (or a Date)
 *   await db.transaction(async (tx) => { ...; await sendJob(job, data, { db: tx }) }) // only if tx commits
 *   await getJobState(syncDirectoryJob, id)   // 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed' | null
 *   await cancelJob(syncDirectoryJob, id)
 *
 * `sendJob` returns the job id, or `null` when the job's policy refused it (its singleton key already has a queued
 * or running job). Inside a transaction ALWAYS pass `{ db: tx }`: the job is then written by the transaction's own
 * connection. Sending through another connection while a transaction is open deadlocks the embedded database
 * (PGlite serves every connection from one session, so the second connection waits for the first to finish).
 *
 * Queues are created on first send (and by the workers on start). The `pgboss` schema itself is installed with the
 * migrations (`migrateDatabase`), so a process that only sends (ROSTER_JOBS=off) never needs a started pg-boss.
 */
import PgBoss from 'pg-boss';
import type { Pool, PoolClient } from 'pg';
import { getDb, type Executor } from '@/db/client';
import type { JobDefinition } from './define';

export type SendOptions = {
  /** Write the job with this transaction (or database): it exists only if the transaction commits. */
  db?: Executor;
  /** Earliest start: a time, or seconds from now. */
  startAfter?: Date | number;
  /** Overrides the definition's `singletonKey(data)`. */
  singletonKey?: string;
  /** A job id chosen by the caller (a UUID), e.g. to store it before sending. */
  id?: string;
};

export type JobState = PgBoss.JobWithMetadata['state'];

/** pg-boss's schema (its default); `migrateDatabase` installs it. */
export const JOB_SCHEMA = 'pgboss';

/** pg-boss's own SQL runs on the app's pool, or on a transaction's connection (`{ db: tx }`). */
function sqlOn(executor?: Executor): PgBoss.Db {
  const client = () => pgClientOf(executor ?? getDb());
  return { executeSql: (text, values) => client().query(text, values) };
}

/** The pg client under a drizzle executor: a transaction's connection, or the database's pool. */
function pgClientOf(executor: Executor): Pool | PoolClient {
  // drizzle (node-postgres) keeps them in `session.client` and `$client`, outside its exported types.
  if ('rollback' in executor) return (executor as unknown as { session: { client: PoolClient } }).session.client;
  return (executor as unknown as { $client: Pool }).$client;
}

const cache = globalThis as unknown as { rosterSendOnlyQueue?: PgBoss };

/**
 * The send-only pg-boss client (never started: no worker, no schedule, no pool of its own). For reads such as
 * `getQueueSize`; send with `sendJob`, which also validates the data and creates the queue.
 */
export function getQueue(): Pick<PgBoss, 'getJobById' | 'getQueueSize' | 'cancel' | 'send'> {
  cache.rosterSendOnlyQueue ??= new PgBoss({ db: sqlOn(), supervise: false, schedule: false, migrate: false });
  return cache.rosterSendOnlyQueue;
}

/** pg-boss queue options from a job definition (used for the queue and, so a changed definition applies, each job). */
export function queueOptions<Data>(job: JobDefinition<Data>): Omit<PgBoss.Queue, 'name'> {
  // pg-boss refuses keys present with `undefined` values: only set what the definition says.
  const options: Omit<PgBoss.Queue, 'name'> = { policy: job.policy ?? 'standard' };
  if (job.retry) options.retryLimit = job.retry.limit;
  if (job.retry?.delaySeconds !== undefined) options.retryDelay = job.retry.delaySeconds;
  if (job.retry?.backoff !== undefined) options.retryBackoff = job.retry.backoff;
  if (job.expireInSeconds) options.expireInSeconds = job.expireInSeconds;
  return options;
}

const knownQueues = new Set<string>();

/** Creates the job's queue unless it exists, through the same connection as the send. */
async function ensureQueue<Data>(db: PgBoss.Db, job: JobDefinition<Data>) {
  if (knownQueues.has(job.name)) return;
  const { rows } = await db
    .executeSql(`select 1 from ${JOB_SCHEMA}.queue where name = $1`, [job.name])
    .catch((error: { code?: string }) => {
      if (error.code === '42P01')
        throw new Error(
          'The job store (schema pgboss) is not installed: run the migrations (scripts/with-db.mjs) first.',
        );
      throw error;
    });
  // Remembered only once seen committed: a queue created inside a transaction that rolls back is gone again.
  if (rows.length) knownQueues.add(job.name);
  else
    await db.executeSql(`select ${JOB_SCHEMA}.create_queue($1, $2)`, [
      job.name,
      { name: job.name, ...queueOptions(job) },
    ]);
}

/** Sends one run of `job`: validates `data`, then queues it (see the header for the options). */
export async function sendJob<Data>(
  job: JobDefinition<Data>,
  data: Data,
  options: SendOptions = {},
): Promise<string | null> {
  const parsed = job.data.parse(data);
  const db = sqlOn(options.db);
  await ensureQueue(db, job);
  const { policy: _policy, ...jobOptions } = queueOptions(job);
  return getQueue().send(job.name, parsed as object, {
    ...jobOptions,
    db,
    id: options.id,
    startAfter: options.startAfter,
    singletonKey: options.singletonKey ?? job.singletonKey?.(parsed),
  });
}

/** The state of a job run, or `null` when pg-boss no longer has it (deleted after its retention). */
export async function getJobState<Data>(
  job: JobDefinition<Data>,
  id: string,
  options: { db?: Executor } = {},
): Promise<JobState | null> {
  const found = await getQueue().getJobById(job.name, id, { db: sqlOn(options.db), includeArchive: true });
  return found?.state ?? null;
}

/** Cancels a queued or running job run (a running one is not interrupted, but is not retried). */
export async function cancelJob<Data>(
  job: JobDefinition<Data>,
  id: string,
  options: { db?: Executor } = {},
): Promise<void> {
  await getQueue().cancel(job.name, id, { db: sqlOn(options.db) });
}
