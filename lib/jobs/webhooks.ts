import { z } from 'zod';
import { DELIVER_JOB, FAN_OUT_JOB, runDeliveryJob, runFanOutJob, runWebhookTick, TICK_JOB } from '@/lib/directory-sync/webhooks';
import { defineJob } from './define';

/** Endpoints delivered at the same time by one process (each delivery job is one endpoint). */
function deliveryWorkers(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.ROSTER_WEBHOOK_WORKERS);
  return Number.isInteger(value) && value > 0 ? Math.min(value, 64) : 8;
}

/** One run for one endpoint: its due deliveries, in order per directory (sent by fan-out, the tick and the UI). */
export const webhookDeliveryJob = defineJob({
  name: DELIVER_JOB,
  data: z.object({ endpointId: z.uuid() }),
  queue: { policy: 'short', retryLimit: 3, retryDelay: 10, expireInSeconds: 300 },
  workers: deliveryWorkers(),
  run: ({ endpointId }, { db, sender }) => runDeliveryJob({ db, sender }, endpointId),
});

/** New outbox events of one tenant (or of all, without a tenant) become deliveries; sent by the sync after a commit. */
export const webhookFanOutJob = defineJob({
  name: FAN_OUT_JOB,
  data: z.object({ tenantId: z.uuid().optional() }),
  queue: { policy: 'short', retryLimit: 3, retryDelay: 10, expireInSeconds: 15 * 60 },
  run: ({ tenantId }, { db, sender }) => runFanOutJob({ db, sender }, tenantId),
});

/** Every minute: fan-out of anything missed, due retries, pruning of the delivery log. */
export const webhookTickJob = defineJob({
  name: TICK_JOB,
  cron: '* * * * *',
  runOnStart: true,
  data: z.object({}),
  queue: { policy: 'short', retryLimit: 1, expireInSeconds: 5 * 60 },
  run: (_data, { db, sender }) => runWebhookTick({ db, sender }),
});
