import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { asc, eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { createTenant } from '@/tests/support/factories';
import { makeEndpoint, newDirectory, writeOutboxEvents } from '@/tests/support/webhook-factories';
import { insertEvent, lockOutbox } from '../events';
import { disableEndpoint } from './endpoints';
import { fanOut, fanOutAll } from './fan-out';

const URL = 'http://127.0.0.1:9/unused';

async function deliveriesOf(endpointId: string) {
  return getDb()
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(asc(webhookDeliveries.eventSeq));
}

async function cursorOf(endpointId: string) {
  const [row] = await getDb()
    .select({ cursorSeq: webhookEndpoints.cursorSeq })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, endpointId));
  return row.cursorSeq;
}

describe('webhook fan-out from the event outbox', () => {
  it('makes one delivery per new event for each enabled endpoint that subscribes to it, in outbox order, once', async () => {
    const tenant = await createTenant();
    const users = await makeEndpoint(tenant.id, URL, ['dsync.user.created', 'dsync.user.deleted']);
    const everything = await makeEndpoint(tenant.id, URL);
    const off = await makeEndpoint(tenant.id, URL);
    await disableEndpoint(getDb(), tenant.id, off.endpoint.id, 'test', new Date());
    const directory = newDirectory();
    const events = await writeOutboxEvents(tenant.id, directory, [
      { event: 'dsync.user.created' },
      { event: 'dsync.group.created' },
      { event: 'dsync.user.deleted' },
    ]);

    const result = await fanOut(getDb(), tenant.id, new Date());

    expect(result.deliveries).toBe(5);
    expect(new Set(result.endpointIds)).toEqual(new Set([users.endpoint.id, everything.endpoint.id]));
    expect((await deliveriesOf(users.endpoint.id)).map((d) => [d.eventId, d.eventName, d.lane, d.status])).toEqual([
      [events[0].id, 'dsync.user.created', directory.directoryId, 'pending'],
      [events[2].id, 'dsync.user.deleted', directory.directoryId, 'pending'],
    ]);
    expect((await deliveriesOf(everything.endpoint.id)).map((d) => d.eventSeq)).toEqual(events.map((e) => e.seq));
    expect(await deliveriesOf(off.endpoint.id)).toEqual([]);
    for (const { endpoint } of [users, everything, off]) expect(await cursorOf(endpoint.id)).toBe(events[2].seq);

    expect(await fanOut(getDb(), tenant.id, new Date())).toEqual({ deliveries: 0, endpointIds: [] });
    expect(await deliveriesOf(everything.endpoint.id)).toHaveLength(3);
  });

  it('a new endpoint starts after the events that already happened; other tenants’ events never reach it', async () => {
    const tenant = await createTenant();
    const other = await createTenant();
    await writeOutboxEvents(tenant.id, newDirectory(), [{ event: 'dsync.user.created' }]);
    const { endpoint } = await makeEndpoint(tenant.id, URL);
    await writeOutboxEvents(other.id, newDirectory(), [{ event: 'dsync.user.created' }]);
    const [mine] = await writeOutboxEvents(tenant.id, newDirectory(), [{ event: 'dsync.user.updated' }]);

    await fanOutAll(getDb(), new Date());

    expect((await deliveriesOf(endpoint.id)).map((d) => d.eventId)).toEqual([mine.id]);
  });

  it('waits for an outbox writer that is still in its transaction, so an event committed late is not skipped', async () => {
    const tenant = await createTenant();
    const { endpoint } = await makeEndpoint(tenant.id, URL);
    const directory = newDirectory();
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const writer = drizzle(client, { schema });
      await client.query('begin');
      await lockOutbox(writer, tenant.id);
      const lateId = await insertEvent(
        writer,
        { tenantId: tenant.id, ...directory },
        'dsync.user.created',
        { id: 'late' },
        new Date(),
      );

      let settled = false;
      const fanning = fanOut(getDb(), tenant.id, new Date()).finally(() => (settled = true));
      // A writer that commits meanwhile (it takes the same lock, so it queues behind the first).
      const after = writeOutboxEvents(tenant.id, directory, [{ event: 'dsync.user.updated' }]);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(settled).toBe(false);
      await client.query('commit');
      await Promise.all([fanning, after]);
      await fanOut(getDb(), tenant.id, new Date());

      const [later] = await after;
      expect((await deliveriesOf(endpoint.id)).map((d) => d.eventId)).toEqual([lateId, later.id]);
    } finally {
      await client.end();
    }
  });
});
