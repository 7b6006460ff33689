/** Read side for the dashboard: users, groups and events of a directory, keyset-paged, tenant-scoped. */
import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { directoryEvents, directoryGroupMemberships, directoryGroups, directoryUsers } from '@/db/schema';
import type { KeysetPage } from './organizations';
import { isPublicId } from './ids';

export type DirectoryUser = typeof directoryUsers.$inferSelect & { groups: DirectoryGroup[] };
export type DirectoryGroup = typeof directoryGroups.$inferSelect;
export type DirectoryEvent = typeof directoryEvents.$inferSelect;

export type ListOptions = { limit?: number; after?: string; order?: 'asc' | 'desc' };

const clampLimit = (limit: number | undefined, fallback = 50) => Math.min(Math.max(limit ?? fallback, 1), 100);

/** The (not deleted) groups of each of these users, in id order: one query for a whole page of users. */
export async function groupsOfUsers(
  db: Executor,
  tenantId: string,
  userIds: string[],
): Promise<Map<string, DirectoryGroup[]>> {
  const map = new Map<string, DirectoryGroup[]>();
  if (!userIds.length) return map;
  const rows = await db
    .select({ userId: directoryGroupMemberships.userId, group: directoryGroups })
    .from(directoryGroupMemberships)
    .innerJoin(
      directoryGroups,
      and(eq(directoryGroups.id, directoryGroupMemberships.groupId), eq(directoryGroups.tenantId, tenantId)),
    )
    .where(
      and(
        eq(directoryGroupMemberships.tenantId, tenantId),
        inArray(directoryGroupMemberships.userId, userIds),
        isNull(directoryGroups.deletedAt),
      ),
    )
    .orderBy(asc(directoryGroups.id));
  for (const { userId, group } of rows) map.set(userId, [...(map.get(userId) ?? []), group]);
  return map;
}

/**
 * A page of a directory's (not deleted) users in id order (ULIDs: creation order), with their groups; optionally
 * only a group's members. `after` is the last user id of the previous page.
 */
export async function listDirectoryUsers(
  db: Executor,
  tenantId: string,
  directoryId: string,
  options: ListOptions & { groupId?: string } = {},
): Promise<KeysetPage<DirectoryUser>> {
  const limit = clampLimit(options.limit);
  const descending = options.order === 'desc';
  const memberOf = options.groupId
    ? sql`exists (select 1 from directory_group_memberships m where m.tenant_id = ${tenantId} and m.user_id = ${directoryUsers.id} and m.group_id = ${options.groupId})`
    : undefined;
  const rows = await db
    .select()
    .from(directoryUsers)
    .where(
      and(
        eq(directoryUsers.tenantId, tenantId),
        eq(directoryUsers.directoryId, directoryId),
        isNull(directoryUsers.deletedAt),
        memberOf,
        options.after ? (descending ? lt : gt)(directoryUsers.id, options.after) : undefined,
      ),
    )
    .orderBy(descending ? desc(directoryUsers.id) : asc(directoryUsers.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const groups = await groupsOfUsers(
    db,
    tenantId,
    page.map((u) => u.id),
  );
  return {
    items: page.map((user) => ({ ...user, groups: groups.get(user.id) ?? [] })),
    after: rows.length > limit ? page[page.length - 1].id : null,
  };
}

export async function getDirectoryUser(db: Executor, tenantId: string, userId: string): Promise<DirectoryUser | null> {
  if (!isPublicId('directoryUser', userId)) return null;
  const [user] = await db
    .select()
    .from(directoryUsers)
    .where(and(eq(directoryUsers.tenantId, tenantId), eq(directoryUsers.id, userId), isNull(directoryUsers.deletedAt)));
  if (!user) return null;
  return { ...user, groups: (await groupsOfUsers(db, tenantId, [user.id])).get(user.id) ?? [] };
}

/** A page of a directory's groups in id order, optionally only the groups of one user. */
export async function listDirectoryGroups(
  db: Executor,
  tenantId: string,
  directoryId: string,
  options: ListOptions & { userId?: string } = {},
): Promise<KeysetPage<DirectoryGroup>> {
  const limit = clampLimit(options.limit);
  const descending = options.order === 'desc';
  const hasUser = options.userId
    ? sql`exists (select 1 from directory_group_memberships m where m.tenant_id = ${tenantId} and m.group_id = ${directoryGroups.id} and m.user_id = ${options.userId})`
    : undefined;
  const rows = await db
    .select()
    .from(directoryGroups)
    .where(
      and(
        eq(directoryGroups.tenantId, tenantId),
        eq(directoryGroups.directoryId, directoryId),
        isNull(directoryGroups.deletedAt),
        hasUser,
        options.after ? (descending ? lt : gt)(directoryGroups.id, options.after) : undefined,
      ),
    )
    .orderBy(descending ? desc(directoryGroups.id) : asc(directoryGroups.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, after: rows.length > limit ? items[items.length - 1].id : null };
}

export async function getDirectoryGroup(
  db: Executor,
  tenantId: string,
  groupId: string,
): Promise<DirectoryGroup | null> {
  if (!isPublicId('directoryGroup', groupId)) return null;
  const [group] = await db
    .select()
    .from(directoryGroups)
    .where(
      and(eq(directoryGroups.tenantId, tenantId), eq(directoryGroups.id, groupId), isNull(directoryGroups.deletedAt)),
    );
  return group ?? null;
}

/**
 * Events in outbox order (oldest first), after the event `after` (an event id), optionally of one directory and of
 * some event names.
 */
export async function listEvents(
  db: Executor,
  tenantId: string,
  options: { after?: string; limit?: number; directoryId?: string; organizationId?: string; events?: string[] } = {},
): Promise<KeysetPage<DirectoryEvent>> {
  const limit = clampLimit(options.limit, 10);
  let afterSeq: number | null = null;
  if (options.after) {
    const [cursor] = await db
      .select({ seq: directoryEvents.seq })
      .from(directoryEvents)
      .where(and(eq(directoryEvents.tenantId, tenantId), eq(directoryEvents.id, options.after)));
    if (!cursor) return { items: [], after: null };
    afterSeq = cursor.seq;
  }
  const rows = await db
    .select()
    .from(directoryEvents)
    .where(
      and(
        eq(directoryEvents.tenantId, tenantId),
        afterSeq !== null ? gt(directoryEvents.seq, afterSeq) : undefined,
        options.directoryId ? eq(directoryEvents.directoryId, options.directoryId) : undefined,
        options.organizationId ? eq(directoryEvents.organizationId, options.organizationId) : undefined,
        options.events?.length ? inArray(directoryEvents.event, options.events) : undefined,
      ),
    )
    .orderBy(asc(directoryEvents.seq))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, after: rows.length > limit ? items[items.length - 1].id : null };
}
