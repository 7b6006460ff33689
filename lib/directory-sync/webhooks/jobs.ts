/**
 * What the webhook jobs do, with their inputs explicit (database, job sender, clock) so that lib/jobs only declares
 * them. Delivery is one job per endpoint (singleton key = endpoint id), so endpoints never wait for each other.
 */
import type { Database } from '@/db/client';
import type { JobSender } from '../context';
import { systemClock, type Clock } from '../schedule';
import { deliverEndpoint, endpointsWithDueDeliveries, type DeliveryDeps, type DeliveryRunResult } from './deliver';
import { pruneDeliveries } from './deliveries';
import { fanOut, fanOutAll } from './fan-out';

export const DELIVER_JOB = 'webhooks.deliver';
export const FAN_OUT_JOB = 'webhooks.fan-out';
export const TICK_JOB = 'webhooks.tick';

/** Finished deliveries are kept this long in the log. */
export const DELIVERY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** At most one delivery job per endpoint waits in the queue (pg-boss `short` policy + singleton key). */
export function sendDeliveryJob(sender: JobSender, endpointId: string): Promise<string | null> {
  return sender.send(DELIVER_JOB, { endpointId }, { singletonKey: endpointId });
}

/** For the sync engine, after it commits events: deliver them now rather than at the next tick. */
export function sendFanOutJob(sender: JobSender, tenantId: string): Promise<string | null> {
  return sender.send(FAN_OUT_JOB, { tenantId }, { singletonKey: tenantId });
}

export async function runDeliveryJob(
  deps: DeliveryDeps & { sender: JobSender },
  endpointId: string,
): Promise<DeliveryRunResult> {
  const result = await deliverEndpoint(deps, endpointId);
  if (result.more) await sendDeliveryJob(deps.sender, endpointId);
  return result;
}

type JobDeps = { db: Database; sender: JobSender; clock?: Clock };

async function sendDeliveryJobs(sender: JobSender, endpointIds: string[]): Promise<void> {
  for (const endpointId of new Set(endpointIds)) await sendDeliveryJob(sender, endpointId);
}

export async function runFanOutJob({ db, sender, clock = systemClock }: JobDeps, tenantId?: string) {
  const result = tenantId ? await fanOut(db, tenantId, clock()) : await fanOutAll(db, clock());
  await sendDeliveryJobs(sender, result.endpointIds);
  return { deliveries: result.deliveries, endpoints: new Set(result.endpointIds).size };
}

/**
 * Every minute: fan out events no job announced, send the jobs of endpoints whose retries are due (and of any whose
 * job was lost), and prune the log.
 */
export async function runWebhookTick({ db, sender, clock = systemClock }: JobDeps) {
  const now = clock();
  const fanned = await fanOutAll(db, now);
  const due = await endpointsWithDueDeliveries(db, now);
  await sendDeliveryJobs(sender, [...fanned.endpointIds, ...due]);
  const pruned = await pruneDeliveries(db, new Date(now.getTime() - DELIVERY_RETENTION_MS));
  return { deliveries: fanned.deliveries, endpoints: new Set([...fanned.endpointIds, ...due]).size, pruned };
}
