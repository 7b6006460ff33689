import { z } from 'zod';
import { handleSyncJob, runSchedulerTick, SYNC_JOB, TICK_JOB } from '@/lib/directory-sync';
import { defineJob } from './define';

/**
 * One directory's sync run. Sent with singletonKey = directory id on a `short` queue: at most one waits per
 * directory; the directory's lease (lib/directory-sync/lease.ts) keeps two from running at once across processes.
 * A failed run throws, and pg-boss retries it with exponential backoff (30 s, 60 s, 120 s, ... with jitter).
 */
export const directorySyncJob = defineJob({
  name: SYNC_JOB,
  data: z.object({ tenantId: z.uuid(), directoryId: z.string().min(1).max(100), runId: z.uuid() }),
  queue: { policy: 'short', retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 2 * 60 * 60 },
  run: (data, { db, sender }) => handleSyncJob({ db, sender }, data),
});

/** Every minute (and on start): queues the runs due at anchor + k × 30 minutes and recovers stranded ones. */
export const directorySyncTickJob = defineJob({
  name: TICK_JOB,
  cron: '* * * * *',
  runOnStart: true,
  data: z.object({}),
  queue: { policy: 'short', retryLimit: 0, expireInSeconds: 5 * 60 },
  run: async (_data, { db, sender }) => {
    const tick = await runSchedulerTick({ db, sender });
    return { queued: tick.queued.length, skippedSlots: tick.skippedSlots.length, resent: tick.resent, deletionsFinished: tick.deletionsFinished };
  },
});
