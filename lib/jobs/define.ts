import type { z } from 'zod';
import type { Database } from '@/db/client';
import type { SendOptions } from './queue';

/**
 * A background job, declared in one file of its domain (`lib/<domain>/jobs/<name>.ts`) and listed once in
 * `lib/jobs/registry.ts` (the workers' list). Sending one needs only the declaration and `lib/jobs/queue.ts`.
 *
 *   export const syncDirectoryJob = defineJob({
 *     name: 'directory-sync.sync',                       // the pg-boss queue
 *     data: z.object({ directoryId: z.uuid() }),         // parsed when sent and again before `run`
 *     policy: 'stately',                                 // at most one queued and one running per singleton key
 *     singletonKey: (data) => data.directoryId,
 *     retry: { limit: 3, delaySeconds: 30, backoff: true },
 *     expireInSeconds: 30 * 60,                          // a run longer than this fails (and is retried)
 *     run: async (data, ctx) => { ...; await ctx.send(syncDirectoryJob, data, { startAfter: 30 * 60 }) },
 *   });
 *
 * pg-boss delivers a job at least once (a crashed worker's job is retried after it expires): `run` must be safe to
 * repeat. A throw fails the run; it is retried while `retry.limit` allows.
 */
export type JobDefinition<Data = unknown> = {
  /** Queue name, also the schedule's name, e.g. `hr.leaver-sweep`. Never rename a job that may have queued runs. */
  name: string;
  /** The job's data; checked when it is sent, and every run (sent or scheduled) is parsed with it before `run`. */
  data: z.ZodType<Data>;
  /** Cron expression in UTC for a recurring job (scheduled with `{}` as data); leave out for jobs that are only sent. */
  cron?: string;
  /** Also send one (with `{}`) when the workers start, so a run missed while no worker was up is caught up. */
  runOnStart?: boolean;
  /**
   * pg-boss queue policy: `standard` (default, no limit), `short` (at most one queued per singleton key),
   * `singleton` (at most one running per key), `stately` (at most one queued and one running per key).
   */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  /** The singleton key of a run, for the policy above; a send refused by the policy returns `null`. */
  singletonKey?(data: Data): string;
  /** Runs after a failure: `limit` retries, `delaySeconds` apart (doubling with `backoff`). pg-boss default: 2, 0. */
  retry?: { limit: number; delaySeconds?: number; backoff?: boolean };
  /** A run still going after this long is failed (and retried); also how long a crashed worker's run stays claimed. */
  expireInSeconds?: number;
  /** Runs of this job one process works at the same time (default 1), e.g. webhook deliveries to several endpoints. */
  workers?: number;
  run(data: Data, ctx: JobContext): Promise<unknown>;
};

export type JobContext = {
  /** The shared database client (not a transaction: open one for work that must be all or nothing). */
  db: Database;
  /** This run: its pg-boss id (the same across retries), its queue, and how many times it was retried already. */
  job: { id: string; name: string; retryCount: number };
  /** Sends another job (or this one again, e.g. with `startAfter`); pass `{ db: tx }` to send inside a transaction. */
  send: JobSender;
  /** Aborted when the worker is stopping: a long run should stop at a safe point and throw (it is then retried). */
  signal: AbortSignal;
};

export type JobSender = <Data>(job: JobDefinition<Data>, data: Data, options?: SendOptions) => Promise<string | null>;

export function defineJob<Data>(job: JobDefinition<Data>): JobDefinition<Data> {
  return job;
}
