import { z } from 'zod';
import type { JobDefinition, JobSender as QueueSender } from '@/lib/jobs/define';
import { defineJob } from '@/lib/jobs/define';
import { SYNC_JOB, TICK_JOB, type JobSender } from './context';
import { handleSyncJob } from './engine';
import { runSchedulerTick } from './scheduler';

/**
 * One directory's sync run. At most one waits per directory (`short` policy, singleton key = directory id); the
 * directory's lease (lease.ts) keeps two from running at once across processes. A failed run throws, and pg-boss
 * retries it with exponential backoff (30 s, 60 s, 120 s, …).
 */
export const directorySyncJob = defineJob({
  name: SYNC_JOB,
  data: z.object({ tenantId: z.uuid(), directoryId: z.string().min(1).max(100), runId: z.uuid() }),
  policy: 'short',
  singletonKey: (data) => data.directoryId,
  retry: { limit: 5, delaySeconds: 30, backoff: true },
  expireInSeconds: 2 * 60 * 60,
  run: (data, ctx) => handleSyncJob({ db: ctx.db, sender: directorySyncSender(ctx.send) }, data),
});

/** Every minute (and on start): queues the runs due at anchor + k × 30 minutes and recovers stranded ones. */
export const directorySyncTickJob = defineJob({
  name: TICK_JOB,
  cron: '* * * * *',
  runOnStart: true,
  data: z.object({}),
  policy: 'short',
  singletonKey: () => TICK_JOB,
  retry: { limit: 0 },
  expireInSeconds: 5 * 60,
  run: async (_data, ctx) => {
    const tick = await runSchedulerTick({ db: ctx.db, sender: directorySyncSender(ctx.send) });
    return { queued: tick.queued.length, skippedSlots: tick.skippedSlots.length, resent: tick.resent, deletionsFinished: tick.deletionsFinished };
  },
});

const JOBS_BY_NAME: Record<string, JobDefinition<never>> = { [SYNC_JOB]: directorySyncJob as JobDefinition<never>, [TICK_JOB]: directorySyncTickJob as JobDefinition<never> };

/** The engine sends jobs by name; this maps its names to their declarations for the queue (lib/jobs/queue.ts). */
export function directorySyncSender(send: QueueSender): JobSender {
  return {
    send: (name, data, options) => {
      const job = JOBS_BY_NAME[name];
      if (!job) throw new Error(`Unknown Directory Sync job "${name}".`);
      const startAfter = options?.startAfter;
      return send(job, data as never, {
        ...(options?.singletonKey ? { singletonKey: options.singletonKey } : {}),
        ...(startAfter !== undefined ? { startAfter: typeof startAfter === 'string' ? new Date(startAfter) : startAfter } : {}),
      });
    },
  };
}
