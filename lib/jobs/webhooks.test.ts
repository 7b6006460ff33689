import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { getDb } from '@/db/client';
import { webhookDeliveries } from '@/db/schema';
import { sendFanOutJob } from '@/lib/directory-sync/webhooks';
import { createTenant } from '@/tests/support/factories';
import { makeEndpoint, newDirectory, writeOutboxEvents } from '@/tests/support/webhook-factories';
import { startReceiver, type Receiver } from '@/tests/support/webhook-receiver';
import { waitFor } from '@/tests/support/wait-for';
import { webhookDeliveryJob, webhookFanOutJob } from '@/lib/directory-sync/jobs';
import type { JobDefinition } from './define';
import { startWorkers, type Workers } from './worker';

// The webhook queues and their workers only (startJobs would also prune other tests' schedules on this database).
describe('webhook jobs on pg-boss', () => {
  let boss: PgBoss;
  let workers: Workers;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    process.env.ROSTER_EGRESS_ALLOW_PRIVATE = '1';
    process.env.ROSTER_WEBHOOK_TIMEOUT_MS = '3000';
    const jobs = [webhookFanOutJob, { ...webhookDeliveryJob, workers: 2 }] as JobDefinition<unknown>[];
    // `only`: the other jobs' schedules on this shared test database are kept.
    workers = await startWorkers(jobs, {
      connectionString: process.env.DATABASE_URL as string,
      pollingIntervalSeconds: 0.5,
      only: jobs.map((job) => job.name),
    });
    boss = workers.boss;
  }, 60_000);

  afterAll(async () => {
    await workers?.stop({ timeoutSeconds: 1 });
    await Promise.all(receivers.map((receiver) => receiver.close()));
  });

  it('fan-out sends one delivery job per endpoint: a hanging endpoint does not hold up another one', async () => {
    const tenant = await createTenant();
    const hanging = await startReceiver(() => ({ hang: true }));
    const healthy = await startReceiver();
    receivers.push(hanging, healthy);
    const slow = await makeEndpoint(tenant.id, hanging.url);
    const fast = await makeEndpoint(tenant.id, healthy.url);
    const events = await writeOutboxEvents(
      tenant.id,
      newDirectory(),
      [1, 2, 3].map(() => ({ event: 'dsync.user.created' as const })),
    );

    const sent = Date.now();
    await sendFanOutJob(boss, tenant.id);

    await waitFor(() => healthy.received.length === 3);
    const fastMs = Date.now() - sent;
    expect(healthy.received.map((r) => (JSON.parse(r.body) as { id: string }).id)).toEqual(events.map((e) => e.id));
    expect(hanging.received.length).toBeLessThanOrEqual(1);
    expect(fastMs).toBeLessThan(3000);

    // The hanging endpoint's first delivery times out and waits for its retry; the later events wait behind it.
    const [head] = await waitFor(async () => {
      const rows = await getDb()
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, slow.endpoint.id));
      return rows.some((row) => row.status === 'retrying') ? rows.sort((a, b) => a.id - b.id) : null;
    });
    expect(head).toMatchObject({ status: 'retrying', attempts: 1, lastError: 'No complete answer within 3 s' });
    expect(Date.now() - sent).toBeGreaterThanOrEqual(3000);
    const fastRows = await getDb()
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, fast.endpoint.id));
    expect(fastRows.map((row) => row.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });
});
