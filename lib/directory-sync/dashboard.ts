/**
 * Read side of the IT admin's dashboard pages: organization and directory lists with their counts, and the searchable,
 * keyset-paged Users, Groups and Events tabs. Every query filters by tenant; nothing loads a whole directory.
 */
import { and, asc, desc, eq, gt, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '@/db/client';
import {
  directories,
  directoryEvents,
  directoryGroupMemberships,
  directoryGroups,
  directorySyncRuns,
  directoryUsers,
  organizationDomains,
  organizations,
} from '@/db/schema';
import { containsPattern } from '@/lib/like';
import { isPublicId } from './ids';
import { groupsOfUsers } from './queries';

export const DASHBOARD_PAGE_SIZE = 25;

export type Cursor = { after?: string; before?: string };
export type CursorPage<T> = { items: T[]; next: string | null; previous: string | null };

/** One keyset page over a text id, either direction; `previous`/`next` are the cursors of the neighbouring pages. */
async function keysetPage<T extends { id: string }>(
  cursor: Cursor,
  limit: number,
  fetch: (bound: SQL | undefined, order: 'asc' | 'desc', limit: number) => Promise<T[]>,
  column: SQL | AnyPgColumn,
  newestFirst = false,
): Promise<CursorPage<T>> {
  // The page order is `newestFirst ? desc : asc`; "before" walks it backwards.
  const forward = newestFirst ? 'desc' : 'asc';
  const backward = newestFirst ? 'asc' : 'desc';
  const towardsNext = (id: string) => (newestFirst ? sql`${column} < ${id}` : sql`${column} > ${id}`);
  const towardsPrevious = (id: string) => (newestFirst ? sql`${column} > ${id}` : sql`${column} < ${id}`);
  if (cursor.before) {
    const rows = await fetch(towardsPrevious(cursor.before), backward, limit + 1);
    const items = rows.slice(0, limit).reverse();
    return {
      items,
      previous: rows.length > limit ? items[0].id : null,
      next: items.length ? items[items.length - 1].id : null,
    };
  }
  const rows = await fetch(cursor.after ? towardsNext(cursor.after) : undefined, forward, limit + 1);
  const items = rows.slice(0, limit);
  return {
    items,
    next: rows.length > limit ? items[items.length - 1].id : null,
    previous: cursor.after && items.length ? items[0].id : null,
  };
}

export type OrganizationRow = { id: string; name: string; domains: string[]; directories: number; createdAt: Date };

/** Organizations by name (search in names and domains), a page at a time by offset: tenants have few of them. */
export async function searchOrganizations(db: Executor, tenantId: string, options: { q?: string; page?: number } = {}) {
  const q = options.q?.trim();
  const match = q
    ? or(
        ilike(organizations.name, containsPattern(q)),
        sql`exists (select 1 from ${organizationDomains} d where d.organization_id = organizations.id and d.tenant_id = ${tenantId} and d.domain ilike ${containsPattern(q.toLowerCase())})`,
      )
    : undefined;
  const where = and(eq(organizations.tenantId, tenantId), match);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(organizations)
    .where(where);
  const pageCount = Math.max(1, Math.ceil(total / DASHBOARD_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1) || 1), pageCount);
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      createdAt: organizations.createdAt,
      domains: sql<
        string[]
      >`coalesce((select array_agg(d.domain order by d.domain) from ${organizationDomains} d where d.organization_id = organizations.id and d.tenant_id = ${tenantId}), '{}')`,
      directories: sql<number>`(select count(*)::int from ${directories} x where x.organization_id = organizations.id and x.tenant_id = ${tenantId})`,
    })
    .from(organizations)
    .where(where)
    .orderBy(asc(sql`lower(${organizations.name})`), asc(organizations.id))
    .limit(DASHBOARD_PAGE_SIZE)
    .offset((page - 1) * DASHBOARD_PAGE_SIZE);
  return { items: rows as OrganizationRow[], total, page, pageCount };
}

export type DirectorySummary = {
  id: string;
  name: string;
  type: string;
  state: (typeof directories.$inferSelect)['state'];
  lastError: string | null;
  users: number;
  lastSyncAt: Date | null;
  nextSyncAt: Date | null;
};

/** An organization's directories with their user counts and last sync, for the organization page. */
export async function organizationDirectories(
  db: Executor,
  tenantId: string,
  organizationId: string,
): Promise<DirectorySummary[]> {
  return db
    .select({
      id: directories.id,
      name: directories.name,
      type: directories.type,
      state: directories.state,
      lastError: directories.lastError,
      lastSyncAt: directories.lastSyncAt,
      nextSyncAt: directories.nextSyncAt,
      users: sql<number>`coalesce((select c.users_active + c.users_inactive from directory_counts c where c.directory_id = directories.id and c.tenant_id = ${tenantId}), 0)`,
    })
    .from(directories)
    .where(and(eq(directories.tenantId, tenantId), eq(directories.organizationId, organizationId)))
    .orderBy(asc(directories.id));
}

export type UserRow = {
  id: string;
  idpId: string;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  state: string;
  jobTitle: string | null;
  /** The Cezanne role of the person's user account (custom_attributes.role), when they have one. */
  role: string | null;
  groups: { id: string; name: string }[];
};

/** The text the Users tab searches: names, email and username, lower-cased (a trigram index covers it). */
export const userSearchText = sql`lower(coalesce(${directoryUsers.firstName}, '') || ' ' || coalesce(${directoryUsers.lastName}, '') || ' ' || coalesce(${directoryUsers.email}, '') || ' ' || coalesce(${directoryUsers.username}, ''))`;

/** The Users tab: a directory's users in id (creation) order, optionally searched and/or only a group's members. */
export async function directoryUsersPage(
  db: Executor,
  tenantId: string,
  directoryId: string,
  options: Cursor & { q?: string; groupId?: string; limit?: number } = {},
): Promise<CursorPage<UserRow>> {
  const q = options.q?.trim().toLowerCase();
  const limit = options.limit ?? DASHBOARD_PAGE_SIZE;
  const page = await keysetPage(
    sanitizeCursor('directoryUser', options),
    limit,
    (bound, order, n) =>
      db
        .select({
          id: directoryUsers.id,
          idpId: directoryUsers.idpId,
          name: directoryUsers.name,
          firstName: directoryUsers.firstName,
          lastName: directoryUsers.lastName,
          email: directoryUsers.email,
          state: directoryUsers.state,
          jobTitle: directoryUsers.jobTitle,
          role: sql<string | null>`${directoryUsers.customAttributes} ->> 'role'`,
        })
        .from(directoryUsers)
        .where(
          and(
            eq(directoryUsers.tenantId, tenantId),
            eq(directoryUsers.directoryId, directoryId),
            isNull(directoryUsers.deletedAt),
            q ? sql`${userSearchText} like ${containsPattern(q)}` : undefined,
            options.groupId
              ? sql`exists (select 1 from ${directoryGroupMemberships} m where m.tenant_id = ${tenantId} and m.user_id = directory_users.id and m.group_id = ${options.groupId})`
              : undefined,
            bound,
          ),
        )
        .orderBy(order === 'asc' ? asc(directoryUsers.id) : desc(directoryUsers.id))
        .limit(n),
    directoryUsers.id,
  );
  const groups = await groupsOfUsers(
    db,
    tenantId,
    page.items.map((u) => u.id),
  );
  const named = (userId: string) => (groups.get(userId) ?? []).map(({ id, name }) => ({ id, name }));
  return { ...page, items: page.items.map((user) => ({ ...user, groups: named(user.id) })) };
}

export type GroupRow = { id: string; idpId: string; name: string; members: number; updatedAt: Date };

/** The Groups tab: a directory's groups by name, with member counts. */
export async function directoryGroupsPage(
  db: Executor,
  tenantId: string,
  directoryId: string,
  options: Cursor & { q?: string } = {},
): Promise<CursorPage<GroupRow>> {
  const q = options.q?.trim();
  return keysetPage(
    sanitizeCursor('directoryGroup', options),
    DASHBOARD_PAGE_SIZE,
    (bound, order, n) =>
      db
        .select({
          id: directoryGroups.id,
          idpId: directoryGroups.idpId,
          name: directoryGroups.name,
          updatedAt: directoryGroups.updatedAt,
          members: sql<number>`(select count(*)::int from ${directoryGroupMemberships} m join ${directoryUsers} u on u.id = m.user_id and u.deleted_at is null where m.tenant_id = ${tenantId} and m.group_id = directory_groups.id)`,
        })
        .from(directoryGroups)
        .where(
          and(
            eq(directoryGroups.tenantId, tenantId),
            eq(directoryGroups.directoryId, directoryId),
            isNull(directoryGroups.deletedAt),
            q ? ilike(directoryGroups.name, containsPattern(q)) : undefined,
            bound,
          ),
        )
        .orderBy(order === 'asc' ? asc(directoryGroups.id) : desc(directoryGroups.id))
        .limit(n),
    directoryGroups.id,
  );
}

export type EventRow = { id: string; event: string; createdAt: Date; data: unknown };

/** The Events tab: the directory's outbox, newest first, optionally of one event type. Cursors are event ids. */
export async function directoryEventsPage(
  db: Executor,
  tenantId: string,
  directoryId: string,
  options: Cursor & { event?: string } = {},
): Promise<CursorPage<EventRow>> {
  const seqOf = async (id: string | undefined) => {
    if (!id || !isPublicId('event', id)) return undefined;
    const [row] = await db
      .select({ seq: directoryEvents.seq })
      .from(directoryEvents)
      .where(and(eq(directoryEvents.tenantId, tenantId), eq(directoryEvents.id, id)));
    return row?.seq;
  };
  const [afterSeq, beforeSeq] = await Promise.all([seqOf(options.after), seqOf(options.before)]);
  const base = and(
    eq(directoryEvents.tenantId, tenantId),
    eq(directoryEvents.directoryId, directoryId),
    options.event ? eq(directoryEvents.event, options.event) : undefined,
  );
  const columns = {
    id: directoryEvents.id,
    seq: directoryEvents.seq,
    event: directoryEvents.event,
    createdAt: directoryEvents.createdAt,
    data: directoryEvents.data,
  };
  if (beforeSeq !== undefined) {
    const rows = await db
      .select(columns)
      .from(directoryEvents)
      .where(and(base, gt(directoryEvents.seq, beforeSeq)))
      .orderBy(asc(directoryEvents.seq))
      .limit(DASHBOARD_PAGE_SIZE + 1);
    const items = rows.slice(0, DASHBOARD_PAGE_SIZE).reverse();
    return {
      items,
      previous: rows.length > DASHBOARD_PAGE_SIZE ? items[0].id : null,
      next: items.length ? items[items.length - 1].id : null,
    };
  }
  const rows = await db
    .select(columns)
    .from(directoryEvents)
    .where(and(base, afterSeq !== undefined ? lt(directoryEvents.seq, afterSeq) : undefined))
    .orderBy(desc(directoryEvents.seq))
    .limit(DASHBOARD_PAGE_SIZE + 1);
  const items = rows.slice(0, DASHBOARD_PAGE_SIZE);
  return {
    items,
    next: rows.length > DASHBOARD_PAGE_SIZE ? items[items.length - 1].id : null,
    previous: afterSeq !== undefined && items.length ? items[0].id : null,
  };
}

/** The event types a directory has emitted, for the Events tab's filter. */
export async function directoryEventTypes(db: Executor, tenantId: string, directoryId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ event: directoryEvents.event })
    .from(directoryEvents)
    .where(and(eq(directoryEvents.tenantId, tenantId), eq(directoryEvents.directoryId, directoryId)));
  return rows.map((r) => r.event).sort();
}

/** The last runs, oldest first, for the Sync history chart (users synced and duration over time). */
export async function recentRunsForChart(db: Executor, tenantId: string, directoryId: string, count = 20) {
  const rows = await db
    .select({
      id: directorySyncRuns.id,
      status: directorySyncRuns.status,
      startedAt: directorySyncRuns.startedAt,
      finishedAt: directorySyncRuns.finishedAt,
      usersFetched: directorySyncRuns.usersFetched,
    })
    .from(directorySyncRuns)
    .where(
      and(
        eq(directorySyncRuns.tenantId, tenantId),
        eq(directorySyncRuns.directoryId, directoryId),
        sql`${directorySyncRuns.finishedAt} is not null`,
        sql`${directorySyncRuns.startedAt} is not null`,
      ),
    )
    .orderBy(desc(directorySyncRuns.finishedAt))
    .limit(count);
  return rows.reverse().map((r) => ({ ...r, durationMs: r.finishedAt!.getTime() - r.startedAt!.getTime() }));
}

/** Ids outside the expected shape are dropped, so a hand-edited URL shows the first page instead of an error. */
function sanitizeCursor(kind: Parameters<typeof isPublicId>[0], cursor: Cursor): Cursor {
  return {
    after: cursor.after && isPublicId(kind, cursor.after) ? cursor.after : undefined,
    before: cursor.before && isPublicId(kind, cursor.before) ? cursor.before : undefined,
  };
}

/** What a run held by the safety brake would remove: how many users, and the first few by name. */
export async function heldRunPreview(db: Executor, tenantId: string, directoryId: string, runId: string, sample = 10) {
  const vanished = sql`${directoryUsers.tenantId} = ${tenantId} and ${directoryUsers.directoryId} = ${directoryId} and ${directoryUsers.deletedAt} is null
    and not exists (select 1 from directory_staged_users s where s.run_id = ${runId} and s.idp_id = directory_users.idp_id)`;
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(directoryUsers)
    .where(vanished);
  const users = await db
    .select({
      id: directoryUsers.id,
      name: directoryUsers.name,
      firstName: directoryUsers.firstName,
      lastName: directoryUsers.lastName,
      email: directoryUsers.email,
    })
    .from(directoryUsers)
    .where(vanished)
    .orderBy(asc(directoryUsers.id))
    .limit(sample);
  return { total, users };
}
