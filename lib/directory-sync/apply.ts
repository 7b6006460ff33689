/**
 * Applies one run's staged snapshot to the directory in ONE transaction with set-based SQL: new users and groups
 * inserted, changed ones (content hash differs) updated, vanished ones marked deleted, memberships diffed, and the
 * WorkOS events written to the outbox in the same transaction. Unchanged users are neither rewritten nor evented.
 * A snapshot that would delete more than 30% of the users (and more than 10) is held instead, changing nothing.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import {
  groupAttributesJson,
  groupEventJson,
  insertEvents,
  lockOutbox,
  userAttributesJson,
  userEventJson,
  type EventTarget,
} from './events';

export const BRAKE_SHARE = 0.3;
export const BRAKE_MIN_DELETIONS = 10;

export type ApplyCounts = {
  usersCreated: number;
  usersUpdated: number;
  usersDeleted: number;
  groupsCreated: number;
  groupsUpdated: number;
  groupsDeleted: number;
  membershipsAdded: number;
  membershipsRemoved: number;
  eventsEmitted: number;
};

export type ApplyResult =
  { held: false; counts: ApplyCounts } | { held: true; reason: string; deletions: number; users: number };

/** The brake: more than 30% of the directory's users and more than 10 would be deleted. */
export function brakeHolds(deletions: number, users: number): boolean {
  return deletions > BRAKE_MIN_DELETIONS && deletions > BRAKE_SHARE * users;
}

type ApplyInput = EventTarget & { runId: string; now: Date; brake: boolean };

/** Random parts for set-based ULIDs, computed once per row so roster_ulid_encode is inlined. */
const ULID_RANDOMS = sql.raw(
  `floor(random() * 1099511627776)::bigint as r1, floor(random() * 1099511627776)::bigint as r2`,
);

async function count(tx: Executor, query: SQL): Promise<number> {
  const result = await tx.execute<{ n: number }>(query);
  return Number(result.rows[0]?.n ?? 0);
}

export async function applySnapshot(tx: Executor, input: ApplyInput): Promise<ApplyResult> {
  const { tenantId, directoryId, runId, now } = input;
  const at = sql`${now.toISOString()}::timestamptz`;
  const ms = sql`${now.getTime()}::bigint`;
  const run = (query: SQL) => tx.execute(query);

  // --- what changed -------------------------------------------------------------------------------------------
  await run(sql`
    create temp table _dsync_g on commit drop as
    select s.idp_id, g.id as group_id, (g.id is null or g.deleted_at is not null) as is_new,
           case when g.deleted_at is null then ${groupAttributesJson('g')} end as old_doc
    from directory_staged_groups s
    left join directory_groups g on g.tenant_id = ${tenantId} and g.directory_id = ${directoryId} and g.idp_id = s.idp_id
    where s.run_id = ${runId} and s.tenant_id = ${tenantId}
      and (g.id is null or g.deleted_at is not null or g.content_hash <> s.content_hash)`);
  await run(sql`
    create temp table _dsync_gd on commit drop as
    select g.id from directory_groups g
    where g.tenant_id = ${tenantId} and g.directory_id = ${directoryId} and g.deleted_at is null
      and not exists (select 1 from directory_staged_groups s where s.run_id = ${runId} and s.idp_id = g.idp_id)`);
  await run(sql`
    create temp table _dsync_u on commit drop as
    select s.idp_id, u.id as user_id, (u.id is null or u.deleted_at is not null) as is_new,
           case when u.deleted_at is null then ${userAttributesJson('u')} end as old_doc
    from directory_staged_users s
    left join directory_users u on u.tenant_id = ${tenantId} and u.directory_id = ${directoryId} and u.idp_id = s.idp_id
    where s.run_id = ${runId} and s.tenant_id = ${tenantId} and not s.unchanged
      and (u.id is null or u.deleted_at is not null or u.content_hash <> s.content_hash)`);
  await run(sql`
    create temp table _dsync_ud on commit drop as
    select u.id from directory_users u
    where u.tenant_id = ${tenantId} and u.directory_id = ${directoryId} and u.deleted_at is null
      and not exists (select 1 from directory_staged_users s where s.run_id = ${runId} and s.idp_id = u.idp_id)`);
  await run(sql`analyze _dsync_g; analyze _dsync_gd; analyze _dsync_u; analyze _dsync_ud`);

  // --- the safety brake ---------------------------------------------------------------------------------------
  const deletions = await count(tx, sql`select count(*)::int as n from _dsync_ud`);
  if (input.brake && deletions > BRAKE_MIN_DELETIONS) {
    const users = await count(
      tx,
      sql`select count(*)::int as n from directory_users where tenant_id = ${tenantId} and directory_id = ${directoryId} and deleted_at is null`,
    );
    if (brakeHolds(deletions, users)) {
      const share = Math.round((deletions / Math.max(users, 1)) * 100);
      return {
        held: true,
        deletions,
        users,
        reason: `This sync would delete ${deletions} of ${users} users (${share}%, more than ${BRAKE_SHARE * 100}%). Approve it to apply, or discard it.`,
      };
    }
  }

  // --- groups -------------------------------------------------------------------------------------------------
  await run(sql`
    insert into directory_groups (id, tenant_id, directory_id, idp_id, name, raw_attributes, content_hash, created_at, updated_at)
    select 'directory_group_' || roster_ulid_encode(${ms}, r.r1, r.r2), ${tenantId}, ${directoryId}, r.idp_id, r.name, r.raw_attributes, r.content_hash, ${at}, ${at}
    from (select s.*, ${ULID_RANDOMS} from directory_staged_groups s join _dsync_g c on c.idp_id = s.idp_id
          where s.run_id = ${runId} and c.group_id is null offset 0) r`);
  await run(sql`
    update directory_groups g set name = s.name, raw_attributes = s.raw_attributes, content_hash = s.content_hash, updated_at = ${at},
           created_at = case when g.deleted_at is null then g.created_at else ${at} end, deleted_at = null
    from _dsync_g c join directory_staged_groups s on s.run_id = ${runId} and s.idp_id = c.idp_id
    where g.id = c.group_id and g.tenant_id = ${tenantId}`);
  await run(sql`
    update _dsync_g c set group_id = g.id from directory_groups g
    where c.group_id is null and g.tenant_id = ${tenantId} and g.directory_id = ${directoryId} and g.idp_id = c.idp_id`);
  await run(
    sql`update directory_groups set deleted_at = ${at}, updated_at = ${at} where tenant_id = ${tenantId} and id in (select id from _dsync_gd)`,
  );

  // --- users --------------------------------------------------------------------------------------------------
  const userColumns = sql.raw(
    'email, first_name, last_name, name, username, job_title, state, emails, custom_attributes, raw_attributes, content_hash',
  );
  await run(sql`
    insert into directory_users (id, tenant_id, directory_id, idp_id, ${userColumns}, created_at, updated_at)
    select 'directory_user_' || roster_ulid_encode(${ms}, r.r1, r.r2), ${tenantId}, ${directoryId}, r.idp_id, ${sql.raw(
      'r.email, r.first_name, r.last_name, r.name, r.username, r.job_title, r.state, r.emails, r.custom_attributes, r.raw_attributes, r.content_hash',
    )}, ${at}, ${at}
    from (select s.*, ${ULID_RANDOMS} from directory_staged_users s join _dsync_u c on c.idp_id = s.idp_id
          where s.run_id = ${runId} and c.user_id is null offset 0) r`);
  await run(sql`
    update directory_users u set email = s.email, first_name = s.first_name, last_name = s.last_name, name = s.name,
           username = s.username, job_title = s.job_title, state = s.state, emails = s.emails,
           custom_attributes = s.custom_attributes, raw_attributes = s.raw_attributes, content_hash = s.content_hash,
           updated_at = ${at}, created_at = case when u.deleted_at is null then u.created_at else ${at} end, deleted_at = null
    from _dsync_u c join directory_staged_users s on s.run_id = ${runId} and s.idp_id = c.idp_id
    where u.id = c.user_id and u.tenant_id = ${tenantId}`);
  await run(sql`
    update _dsync_u c set user_id = u.id from directory_users u
    where c.user_id is null and u.tenant_id = ${tenantId} and u.directory_id = ${directoryId} and u.idp_id = c.idp_id`);
  await run(
    sql`update directory_users set deleted_at = ${at}, updated_at = ${at} where tenant_id = ${tenantId} and id in (select id from _dsync_ud)`,
  );

  // --- memberships: deleted users and groups lose theirs silently (WorkOS sends no user_removed for them) ------
  await run(sql`
    delete from directory_group_memberships m
    where m.tenant_id = ${tenantId} and (m.user_id in (select id from _dsync_ud) or m.group_id in (select id from _dsync_gd))`);
  // Only users whose content changed can have changed memberships: their groups are part of the content hash.
  await run(sql`
    create temp table _dsync_md on commit drop as
    select distinct c.user_id, g.id as group_id
    from _dsync_u c
    join directory_staged_users s on s.run_id = ${runId} and s.idp_id = c.idp_id
    cross join lateral unnest(s.group_idp_ids) as gi(idp_id)
    join directory_groups g on g.tenant_id = ${tenantId} and g.directory_id = ${directoryId} and g.idp_id = gi.idp_id and g.deleted_at is null`);
  await run(sql`analyze _dsync_md`);
  await run(sql`create temp table _dsync_ma (user_id text, group_id text) on commit drop`);
  await run(sql`create temp table _dsync_mr (user_id text, group_id text) on commit drop`);
  await run(sql`
    with added as (
      insert into directory_group_memberships (tenant_id, directory_id, user_id, group_id, created_at)
      select ${tenantId}, ${directoryId}, d.user_id, d.group_id, ${at} from _dsync_md d
      on conflict do nothing
      returning user_id, group_id
    )
    insert into _dsync_ma select * from added`);
  await run(sql`
    with removed as (
      delete from directory_group_memberships m using _dsync_u c
      where m.tenant_id = ${tenantId} and m.user_id = c.user_id and not c.is_new
        and not exists (select 1 from _dsync_md d where d.user_id = m.user_id and d.group_id = m.group_id)
      returning m.user_id, m.group_id
    )
    insert into _dsync_mr select * from removed`);
  await run(sql`analyze _dsync_ma; analyze _dsync_mr`);

  // --- events, in one outbox order -----------------------------------------------------------------------------
  await lockOutbox(tx, tenantId);
  const org = input.organizationId;
  const target: EventTarget = { tenantId, organizationId: org, directoryId };
  const emit = (event: Parameters<typeof insertEvents>[2], source: SQL) => insertEvents(tx, target, event, now, source);
  const userPrevious = sql`roster_dsync_previous_attributes(c.old_doc, ${userAttributesJson('u')})`;
  const groupPrevious = sql`roster_dsync_previous_attributes(c.old_doc, ${groupAttributesJson('g')})`;

  const usersCreated = await emit(
    'dsync.user.created',
    sql`select ${userEventJson('u', org)} as data, u.idp_id as ord from _dsync_u c join directory_users u on u.id = c.user_id where c.is_new`,
  );
  const usersUpdated = await emit(
    'dsync.user.updated',
    sql`select ${userEventJson('u', org)} || jsonb_build_object('previous_attributes', p.previous) as data, u.idp_id as ord
        from _dsync_u c join directory_users u on u.id = c.user_id
        cross join lateral (select ${userPrevious} as previous) p
        where not c.is_new and p.previous <> '{}'::jsonb`,
  );
  const groupsCreated = await emit(
    'dsync.group.created',
    sql`select ${groupEventJson('g', org)} as data, g.idp_id as ord from _dsync_g c join directory_groups g on g.id = c.group_id where c.is_new`,
  );
  const groupsUpdated = await emit(
    'dsync.group.updated',
    sql`select ${groupEventJson('g', org)} || jsonb_build_object('previous_attributes', p.previous) as data, g.idp_id as ord
        from _dsync_g c join directory_groups g on g.id = c.group_id
        cross join lateral (select ${groupPrevious} as previous) p
        where not c.is_new and p.previous <> '{}'::jsonb`,
  );
  const membershipEvent = (table: string) => sql`
    select jsonb_build_object('directory_id', ${directoryId}::text, 'user', ${userEventJson('u', org)}, 'group', ${groupEventJson('g', org)}) as data,
           u.idp_id || ' ' || g.idp_id as ord
    from ${sql.raw(table)} m join directory_users u on u.id = m.user_id join directory_groups g on g.id = m.group_id`;
  const membershipsAdded = await emit('dsync.group.user_added', membershipEvent('_dsync_ma'));
  const membershipsRemoved = await emit('dsync.group.user_removed', membershipEvent('_dsync_mr'));
  const usersDeleted = await emit(
    'dsync.user.deleted',
    sql`select ${userEventJson('u', org)} as data, u.idp_id as ord from _dsync_ud d join directory_users u on u.id = d.id`,
  );
  const groupsDeleted = await emit(
    'dsync.group.deleted',
    sql`select ${groupEventJson('g', org)} as data, g.idp_id as ord from _dsync_gd d join directory_groups g on g.id = d.id`,
  );

  await run(sql`delete from directory_staged_users where run_id = ${runId}`);
  await run(sql`delete from directory_staged_groups where run_id = ${runId}`);

  const counts = {
    usersCreated,
    usersUpdated,
    usersDeleted,
    groupsCreated,
    groupsUpdated,
    groupsDeleted,
    membershipsAdded,
    membershipsRemoved,
  };
  return { held: false, counts: { ...counts, eventsEmitted: Object.values(counts).reduce((a, b) => a + b, 0) } };
}
