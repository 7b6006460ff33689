import { and, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import { directories, directoryGroupMemberships, directoryUsers } from '@/db/schema';
import { isPublicId } from '../ids';
import type { ApiContext } from './context';
import { groupsOfUsers } from './groups';
import { keysetPage, keysetSql, type KeysetQuery, type Page, type PageParams } from './keyset';
import type { GroupRow, UserRow } from './mappers';

const userColumns = { ...getTableColumns(directoryUsers), organizationId: directories.organizationId };

export type UserFilters = { directory?: string; group?: string; idpId?: string; email?: string };
export type UserWithGroups = UserRow & { groups: GroupRow[] };

/**
 * One keyset step over users. With `group`, the walk follows that group's memberships (index group_id, user_id);
 * else the user indexes ((tenant_id, directory_id, id) or (tenant_id, id)). Exported for the query-plan test.
 */
export function usersQuery(ctx: ApiContext, filters: UserFilters, query: KeysetQuery) {
  const base = [
    eq(directoryUsers.tenantId, ctx.tenantId),
    isNull(directoryUsers.deletedAt),
    filters.directory ? eq(directoryUsers.directoryId, filters.directory) : undefined,
    filters.idpId !== undefined ? eq(directoryUsers.idpId, filters.idpId) : undefined,
    filters.email !== undefined ? sql`lower(${directoryUsers.email}) = lower(${filters.email})` : undefined,
  ];
  if (filters.group) {
    const { where, orderBy } = keysetSql(directoryGroupMemberships.userId, query);
    return ctx.db
      .select(userColumns)
      .from(directoryGroupMemberships)
      .innerJoin(directoryUsers, eq(directoryUsers.id, directoryGroupMemberships.userId))
      .innerJoin(directories, eq(directories.id, directoryUsers.directoryId))
      .where(and(eq(directoryGroupMemberships.tenantId, ctx.tenantId), eq(directoryGroupMemberships.groupId, filters.group), ...base, where))
      .orderBy(orderBy)
      .limit(query.limit);
  }
  const { where, orderBy } = keysetSql(directoryUsers.id, query);
  return ctx.db
    .select(userColumns)
    .from(directoryUsers)
    .innerJoin(directories, eq(directories.id, directoryUsers.directoryId))
    .where(and(...base, where))
    .orderBy(orderBy)
    .limit(query.limit);
}

async function withGroups(ctx: ApiContext, users: UserRow[]): Promise<UserWithGroups[]> {
  const groups = await groupsOfUsers(ctx, users.map((user) => user.id));
  return users.map((user) => ({ ...user, groups: groups.get(user.id) ?? [] }));
}

export async function listUsers(ctx: ApiContext, filters: UserFilters, page: PageParams): Promise<Page<UserWithGroups>> {
  const result = await keysetPage(page, (query): Promise<UserRow[]> => usersQuery(ctx, filters, query));
  return { ...result, data: await withGroups(ctx, result.data) };
}

export async function getUser(ctx: ApiContext, id: string): Promise<UserWithGroups | null> {
  if (!isPublicId('directoryUser', id)) return null;
  const [row] = await ctx.db
    .select(userColumns)
    .from(directoryUsers)
    .innerJoin(directories, eq(directories.id, directoryUsers.directoryId))
    .where(and(eq(directoryUsers.tenantId, ctx.tenantId), eq(directoryUsers.id, id), isNull(directoryUsers.deletedAt)));
  return row ? (await withGroups(ctx, [row]))[0] : null;
}
