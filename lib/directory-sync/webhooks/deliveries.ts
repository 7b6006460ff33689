/**
 * The delivery log of an endpoint (filter by status, keyset paging by id), "Resend" and "Send test event".
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, getTableColumns, gt, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { webhookDeliveries } from '@/db/schema';
import { FormError, NotFoundError } from '@/lib/errors';
import { DSYNC_EVENTS, type DsyncEventName } from '../events';
import { requireEndpoint } from './endpoints';
import { sampleEvent } from './payload';

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export const DELIVERY_STATUSES = ['pending', 'retrying', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const OPEN: DeliveryStatus[] = ['pending', 'retrying'];
export const DELIVERY_PAGE_SIZE = 50;

export const deliveryIdSchema = z.object({
  deliveryId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
export const testEventSchema = z.object({ endpointId: z.uuid(), event: z.enum(DSYNC_EVENTS, 'Choose an event type.') });

export type DeliveryPage = {
  deliveries: Omit<WebhookDelivery, 'payload'>[];
  /** Cursors for the previous (newer) and next (older) page, when there is one. */
  newer: number | null;
  older: number | null;
};

export type DeliveryQuery = { status?: DeliveryStatus; before?: number; after?: number; limit?: number };

/** Newest first; `before` pages to older deliveries, `after` back to newer ones. */
export async function listDeliveries(
  db: Executor,
  tenantId: string,
  endpointId: string,
  query: DeliveryQuery = {},
): Promise<DeliveryPage> {
  const limit = Math.min(Math.max(query.limit ?? DELIVERY_PAGE_SIZE, 1), 200);
  const d = webhookDeliveries;
  const { payload: _payload, ...columns } = getTableColumns(d);
  const forward = query.after === undefined;
  const rows = await db
    .select(columns)
    .from(d)
    .where(
      and(
        eq(d.tenantId, tenantId),
        eq(d.endpointId, endpointId),
        query.status ? eq(d.status, query.status) : undefined,
        query.before !== undefined ? lt(d.id, query.before) : undefined,
        query.after !== undefined ? gt(d.id, query.after) : undefined,
      ),
    )
    .orderBy(forward ? desc(d.id) : asc(d.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (!forward) page.reverse();
  const first = page[0]?.id ?? null;
  const last = page.at(-1)?.id ?? null;
  return {
    deliveries: page,
    newer: forward ? (query.before !== undefined ? first : null) : more ? first : null,
    older: forward ? (more ? last : null) : last,
  };
}

export type ResendResult = {
  mode: 'retry_now' | 'queued';
  delivery: Omit<WebhookDelivery, 'payload'>;
  endpointId: string;
};

/**
 * Resend: a delivery that is still waiting or retrying is simply due now (it keeps its place in its lane). A finished
 * one (succeeded or failed) is sent again as a new delivery of the same event that waits for nothing.
 */
export async function resendDelivery(
  db: Executor,
  tenantId: string,
  deliveryId: number,
  now: Date,
): Promise<ResendResult> {
  const d = webhookDeliveries;
  const [original] = await db
    .select()
    .from(d)
    .where(and(eq(d.tenantId, tenantId), eq(d.id, deliveryId)));
  if (!original) throw new NotFoundError('This delivery no longer exists.');
  if (OPEN.includes(original.status)) {
    const [delivery] = await db
      .update(d)
      .set({ nextAttemptAt: now })
      .where(and(eq(d.tenantId, tenantId), eq(d.id, deliveryId), inArray(d.status, OPEN)))
      .returning();
    if (delivery) return { mode: 'retry_now', delivery, endpointId: delivery.endpointId };
  }
  const [delivery] = await db
    .insert(d)
    .values({
      tenantId,
      endpointId: original.endpointId,
      kind: 'resend',
      lane: `resend:${randomUUID()}`,
      eventSeq: original.eventSeq,
      eventId: original.eventId,
      eventName: original.eventName,
      payload: original.payload,
      resendOf: original.id,
      status: 'pending',
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning();
  return { mode: 'queued', delivery, endpointId: delivery.endpointId };
}

/** "Send test event": a made-up event of a type the endpoint subscribes to, signed and delivered like any other. */
export async function queueTestEvent(
  db: Executor,
  tenantId: string,
  endpointId: string,
  event: DsyncEventName,
  now: Date,
) {
  const endpoint = await requireEndpoint(db, tenantId, endpointId);
  if (!endpoint.enabled) throw new FormError('Enable the endpoint before sending a test event.');
  if (!endpoint.events.includes(event))
    throw new FormError(`This endpoint does not receive ${event} events.`, {
      event: 'Choose one of the events the endpoint receives.',
    });
  const payload = sampleEvent(event, now);
  const [delivery] = await db
    .insert(webhookDeliveries)
    .values({
      tenantId,
      endpointId,
      kind: 'test',
      lane: `test:${randomUUID()}`,
      eventId: payload.id,
      eventName: event,
      payload,
      status: 'pending',
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning({ id: webhookDeliveries.id, eventId: webhookDeliveries.eventId });
  return { endpoint, delivery };
}

/** Finished deliveries older than the retention are removed in small batches (the log would otherwise grow forever). */
export async function pruneDeliveries(db: Executor, olderThan: Date, batch = 5000): Promise<number> {
  const result = await db.execute(sql`
    delete from webhook_deliveries where id in (
      select id from webhook_deliveries
      where status in ('succeeded', 'failed') and created_at < ${olderThan.toISOString()}::timestamptz
      limit ${batch})`);
  return result.rowCount ?? 0;
}
