import type { z } from 'zod';
import type PgBoss from 'pg-boss';
import type { Database } from '@/db/client';

/** Sends a job (a pg-boss instance fits): jobs that schedule follow-up work use it. */
export type JobSender = {
  send(name: string, data: object, options?: { singletonKey?: string; startAfter?: Date | string | number }): Promise<string | null>;
};

export type JobContext = { db: Database; sender: JobSender };

/**
 * One background job: a pg-boss queue of the same name, its worker, and (with `cron`) its schedule. Jobs are entry
 * points like server actions: parse the data, call one lib/ function.
 */
export type JobDefinition<Data = unknown> = {
  /** Queue name, also the schedule's name, e.g. `hr.leaver-sweep`. */
  name: string;
  /** The job's data; every job, sent or scheduled, is parsed with it before `run`. */
  data: z.ZodType<Data>;
  /** Cron expression in UTC for a recurring job; leave out for jobs that are only sent. */
  cron?: string;
  /** Also send one when the server starts, so a run missed while the server was down is caught up. */
  runOnStart?: boolean;
  /** Queue options (retries, expiry); pg-boss defaults otherwise. */
  queue?: Omit<PgBoss.Queue, 'name'>;
  /** Jobs of this queue run at the same time in one process (default 1). */
  workers?: number;
  run(data: Data, ctx: JobContext): Promise<unknown>;
};

export function defineJob<Data>(job: JobDefinition<Data>): JobDefinition<Data> {
  return job;
}
