import { z } from 'zod';
import type { JobDefinition, JobSender as QueueSender } from '@/lib/jobs/define';
import { defineJob } from '@/lib/jobs/define';
import { SYNC_JOB, TICK_JOB, type JobSender } from './context';
import { handleSyncJob } from './engine';
import { runSchedulerTick } from './scheduler';
import {
  DELIVER_JOB,
  FAN_OUT_JOB,
  runDeliveryJob,
  runFanOutJob,
  runWebhookTick,
  TICK_JOB as WEBHOOK_TICK_JOB,
} from './webhooks';

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
  run: async (data, ctx) => {
    const outcome = await handleSyncJob({ db: ctx.db, sender: directorySyncSender(ctx.send) }, data);
    // The run's events are committed: hand them to the webhook endpoints now rather than at the next minute's tick.
    await ctx.send(webhookFanOutJob, { tenantId: data.tenantId });
    return outcome;
  },
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
    return {
      queued: tick.queued.length,
      skippedSlots: tick.skippedSlots.length,
      resent: tick.resent,
      deletionsFinished: tick.deletionsFinished,
    };
  },
});

/** Endpoints delivered at the same time by one process (each delivery job is one endpoint). */
function deliveryWorkers(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.ROSTER_WEBHOOK_WORKERS);
  return Number.isInteger(value) && value > 0 ? Math.min(value, 64) : 8;
}

/** One run for one endpoint: its due deliveries, in order per directory (sent by fan-out, the tick and the UI). */
export const webhookDeliveryJob = defineJob({
  name: DELIVER_JOB,
  data: z.object({ endpointId: z.uuid() }),
  policy: 'short',
  singletonKey: (data) => data.endpointId,
  retry: { limit: 3, delaySeconds: 10 },
  expireInSeconds: 300,
  workers: deliveryWorkers(),
  run: ({ endpointId }, ctx) => runDeliveryJob({ db: ctx.db, sender: directorySyncSender(ctx.send) }, endpointId),
});

/** New outbox events of one tenant (or of all) become deliveries; sent by the sync after a commit. */
export const webhookFanOutJob = defineJob({
  name: FAN_OUT_JOB,
  data: z.object({ tenantId: z.uuid().optional() }),
  policy: 'short',
  singletonKey: (data) => data.tenantId ?? 'all',
  retry: { limit: 3, delaySeconds: 10 },
  expireInSeconds: 15 * 60,
  run: ({ tenantId }, ctx) => runFanOutJob({ db: ctx.db, sender: directorySyncSender(ctx.send) }, tenantId),
});

/** Every minute: fan-out of anything missed, due retries, pruning of the delivery log. */
export const webhookTickJob = defineJob({
  name: WEBHOOK_TICK_JOB,
  cron: '* * * * *',
  runOnStart: true,
  data: z.object({}),
  policy: 'short',
  singletonKey: () => WEBHOOK_TICK_JOB,
  retry: { limit: 1 },
  expireInSeconds: 5 * 60,
  run: (_data, ctx) => runWebhookTick({ db: ctx.db, sender: directorySyncSender(ctx.send) }),
});

const JOBS_BY_NAME: Record<string, JobDefinition<never>> = Object.fromEntries(
  [directorySyncJob, directorySyncTickJob, webhookDeliveryJob, webhookFanOutJob, webhookTickJob].map((job) => [
    job.name,
    job as JobDefinition<never>,
  ]),
);

/** The engine sends jobs by name; this maps its names to their declarations for the queue (lib/jobs/queue.ts). */
export function directorySyncSender(send: QueueSender): JobSender {
  return {
    send: (name, data, options) => {
      const job = JOBS_BY_NAME[name];
      if (!job) throw new Error(`Unknown Directory Sync job "${name}".`);
      const startAfter = options?.startAfter;
      return send(job, data as never, {
        ...(options?.singletonKey ? { singletonKey: options.singletonKey } : {}),
        ...(startAfter !== undefined
          ? { startAfter: typeof startAfter === 'string' ? new Date(startAfter) : startAfter }
          : {}),
      });
    },
  };
}
