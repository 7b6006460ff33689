/**
 * The event outbox and the WorkOS payload shapes, as SQL builders so the sync can write thousands of events with one
 * set-based statement. `seq` is the outbox order; writers take a per-tenant transaction lock first, so that `seq`
 * order is also commit order and a reader paging by `seq` never skips an event that commits late.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { directoryEvents } from '@/db/schema';
import { newId } from './ids';

export const DSYNC_EVENTS = [
  'dsync.activated',
  'dsync.deleted',
  'dsync.user.created',
  'dsync.user.updated',
  'dsync.user.deleted',
  'dsync.group.created',
  'dsync.group.updated',
  'dsync.group.deleted',
  'dsync.group.user_added',
  'dsync.group.user_removed',
] as const;
export type DsyncEventName = (typeof DSYNC_EVENTS)[number];

/** Directory state in webhook/event vocabulary: linked → active, unlinked → inactive, the others as they are. */
export function eventDirectoryState(state: string): string {
  return state === 'linked' ? 'active' : state === 'unlinked' ? 'inactive' : state;
}

/** Must be called inside the transaction that inserts events, right before the inserts. */
export async function lockOutbox(tx: Executor, tenantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`roster.dsync.outbox:${tenantId}`}, 0))`);
}

const col = (alias: string, column: string) => sql.raw(`${alias}.${column}`);

/** The attributes of a directory user that `previous_attributes` compares (root properties + custom_attributes). */
export function userAttributesJson(alias: string): SQL {
  const c = (column: string) => col(alias, column);
  return sql`jsonb_build_object(
    'email', ${c('email')}, 'first_name', ${c('first_name')}, 'last_name', ${c('last_name')}, 'name', ${c('name')},
    'emails', ${c('emails')}, 'username', ${c('username')}, 'job_title', ${c('job_title')}, 'state', ${c('state')},
    'custom_attributes', ${c('custom_attributes')})`;
}

/** A directory user as events carry it (WorkOS: no `groups` in event payloads). */
export function userEventJson(alias: string, organizationId: string): SQL {
  const c = (column: string) => col(alias, column);
  return sql`(jsonb_build_object(
    'object', 'directory_user', 'id', ${c('id')}, 'directory_id', ${c('directory_id')}, 'organization_id', ${organizationId}::text,
    'idp_id', ${c('idp_id')}, 'raw_attributes', ${c('raw_attributes')},
    'created_at', roster_iso(${c('created_at')}), 'updated_at', roster_iso(${c('updated_at')})) || ${userAttributesJson(alias)})`;
}

export function groupAttributesJson(alias: string): SQL {
  return sql`jsonb_build_object('name', ${col(alias, 'name')})`;
}

export function groupEventJson(alias: string, organizationId: string): SQL {
  const c = (column: string) => col(alias, column);
  return sql`jsonb_build_object(
    'object', 'directory_group', 'id', ${c('id')}, 'idp_id', ${c('idp_id')}, 'directory_id', ${c('directory_id')},
    'organization_id', ${organizationId}::text, 'name', ${c('name')}, 'raw_attributes', ${c('raw_attributes')},
    'created_at', roster_iso(${c('created_at')}), 'updated_at', roster_iso(${c('updated_at')}))`;
}

export type EventTarget = { tenantId: string; organizationId: string; directoryId: string };

/**
 * Inserts one event per row of `source` (a query with columns `data` and `ord`), in `ord` order. Ids are ULIDs made
 * in SQL from the event time (random parts computed once per row, so the encoder is inlined).
 */
export async function insertEvents(
  tx: Executor,
  target: EventTarget,
  event: DsyncEventName,
  now: Date,
  source: SQL,
): Promise<number> {
  const result = await tx.execute(sql`
    insert into directory_events (id, tenant_id, organization_id, directory_id, event, data, created_at)
    select 'event_' || roster_ulid_encode(${now.getTime()}::bigint, r.r1, r.r2), ${target.tenantId}::uuid, ${target.organizationId},
           ${target.directoryId}, ${event}, r.data, ${now.toISOString()}::timestamptz
    from (
      select s.data, floor(random() * 1099511627776)::bigint as r1, floor(random() * 1099511627776)::bigint as r2
      from (${source}) s
      order by s.ord
      offset 0
    ) r`);
  return result.rowCount ?? 0;
}

/** One event made in Node (directory events: dsync.activated, dsync.deleted). Call lockOutbox first. */
export async function insertEvent(
  tx: Executor,
  target: EventTarget,
  event: DsyncEventName,
  data: Record<string, unknown>,
  now: Date,
): Promise<string> {
  const id = newId('event', now);
  await tx.insert(directoryEvents).values({ id, ...target, event, data, createdAt: now });
  return id;
}
