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
import { createBoss, jobHandler } from './boss';
import type { JobDefinition } from './define';
import { webhookDeliveryJob, webhookFanOutJob } from './webhooks';

// The webhook queues and their workers only (startJobs would also prune other tests' schedules on this database).
describe('webhook jobs on pg-boss', () => {
  let boss: PgBoss;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    process.env.ROSTER_EGRESS_ALLOW_PRIVATE = '1';
    process.env.ROSTER_WEBHOOK_TIMEOUT_MS = '3000';
    boss = createBoss({ connectionString: process.env.DATABASE_URL as string });
    await boss.start();
    for (const job of [webhookFanOutJob, { ...webhookDeliveryJob, workers: 2 }] as JobDefinition<unknown>[]) {
      await boss.createQueue(job.name, { name: job.name, ...job.queue });
      for (let worker = 0; worker < (job.workers ?? 1); worker += 1) await boss.work(job.name, { pollingIntervalSeconds: 0.5 }, jobHandler(job, boss));
    }
  }, 60_000);

  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await Promise.all(receivers.map((receiver) => receiver.close()));
  });

  it('fan-out sends one delivery job per endpoint: a hanging endpoint does not hold up another one', async () => {
    const tenant = await createTenant();
    const hanging = await startReceiver(() => ({ hang: true }));
    const healthy = await startReceiver();
    receivers.push(hanging, healthy);
    const slow = await makeEndpoint(tenant.id, hanging.url);
    const fast = await makeEndpoint(tenant.id, healthy.url);
    const events = await writeOutboxEvents(tenant.id, newDirectory(), [1, 2, 3].map(() => ({ event: 'dsync.user.created' as const })));

    const sent = Date.now();
    await sendFanOutJob(boss, tenant.id);

    await waitFor(() => healthy.received.length === 3);
    const fastMs = Date.now() - sent;
    expect(healthy.received.map((r) => (JSON.parse(r.body) as { id: string }).id)).toEqual(events.map((e) => e.id));
    expect(hanging.received.length).toBeLessThanOrEqual(1);
    expect(fastMs).toBeLessThan(3000);

    // The hanging endpoint's first delivery times out and waits for its retry; the later events wait behind it.
    const [head] = await waitFor(async () => {
      const rows = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, slow.endpoint.id));
      return rows.some((row) => row.status === 'retrying') ? rows.sort((a, b) => a.id - b.id) : null;
    });
    expect(head).toMatchObject({ status: 'retrying', attempts: 1, lastError: 'No complete answer within 3 s' });
    expect(Date.now() - sent).toBeGreaterThanOrEqual(3000);
    const fastRows = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, fast.endpoint.id));
    expect(fastRows.map((row) => row.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });
});
