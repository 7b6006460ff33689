/**
 * Fan-out: new outbox events (directory_events, ordered by `seq`) become one delivery per subscribed, enabled
 * endpoint. Each endpoint keeps a cursor (the last `seq` it has seen). The outbox writers take a per-tenant lock
 * around their inserts, so `seq` is commit order within a tenant; fan-out takes the same lock before it reads, so no
 * writer is half-way through and an event with a smaller `seq` can never commit after the cursor has passed it.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { webhookEndpoints } from '@/db/schema';
import { lockOutbox } from '../events';
import { outboxEnd } from './endpoints';

export type FanOutResult = { deliveries: number; endpointIds: string[] };

export async function fanOut(db: Executor, tenantId: string, now: Date): Promise<FanOutResult> {
  const [behind] = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.tenantId, tenantId))
    .limit(1);
  if (!behind) return { deliveries: 0, endpointIds: [] };

  return db.transaction(async (tx) => {
    await lockOutbox(tx, tenantId);
    const end = await outboxEnd(tx, tenantId);
    const result = await tx.execute<{ endpoint_id: string; count: number }>(sql`
      with inserted as (
        insert into webhook_deliveries (tenant_id, endpoint_id, kind, lane, event_seq, event_id, event_name, status, next_attempt_at, created_at)
        select e.tenant_id, ep.id, 'event', e.directory_id, e.seq, e.id, e.event, 'pending', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
        from webhook_endpoints ep
        join directory_events e on e.tenant_id = ep.tenant_id and e.seq > ep.cursor_seq and e.seq <= ${end}
        where ep.tenant_id = ${tenantId} and ep.enabled and e.event = any(ep.events)
        order by ep.id, e.seq
        on conflict (endpoint_id, event_seq) where kind = 'event' do nothing
        returning endpoint_id
      )
      select endpoint_id, count(*)::int as count from inserted group by endpoint_id`);
    // Disabled endpoints move on too: events that happen while an endpoint is disabled are not sent to it later.
    await tx
      .update(webhookEndpoints)
      .set({ cursorSeq: end })
      .where(and(eq(webhookEndpoints.tenantId, tenantId), lt(webhookEndpoints.cursorSeq, end)));
    return {
      deliveries: result.rows.reduce((sum, row) => sum + Number(row.count), 0),
      endpointIds: result.rows.map((row) => row.endpoint_id),
    };
  });
}

/** Tenants with an endpoint whose cursor is behind their outbox. */
export async function tenantsBehind(db: Executor): Promise<string[]> {
  const result = await db.execute<{ tenant_id: string }>(sql`
    select distinct ep.tenant_id from webhook_endpoints ep
    where exists (select 1 from directory_events e where e.tenant_id = ep.tenant_id and e.seq > ep.cursor_seq)`);
  return result.rows.map((row) => row.tenant_id);
}

export async function fanOutAll(db: Executor, now: Date): Promise<FanOutResult> {
  const total: FanOutResult = { deliveries: 0, endpointIds: [] };
  for (const tenantId of await tenantsBehind(db)) {
    const result = await fanOut(db, tenantId, now);
    total.deliveries += result.deliveries;
    total.endpointIds.push(...result.endpointIds);
  }
  return total;
}
