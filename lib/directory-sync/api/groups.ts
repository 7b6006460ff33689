import { and, eq, isNull } from 'drizzle-orm';
import { directories, directoryGroupMemberships, directoryGroups } from '@/db/schema';
import { isPublicId } from '../ids';
import type { ApiContext } from './context';
import { keysetPage, keysetSql, type KeysetQuery, type Page, type PageParams } from './keyset';
import type { GroupRow } from './mappers';

/** What the REST group carries, and nothing more (every column read is parsed for every row of every page). */
const groupColumns = {
  id: directoryGroups.id,
  idpId: directoryGroups.idpId,
  directoryId: directoryGroups.directoryId,
  organizationId: directories.organizationId,
  name: directoryGroups.name,
  rawAttributes: directoryGroups.rawAttributes,
  createdAt: directoryGroups.createdAt,
  updatedAt: directoryGroups.updatedAt,
};

export type GroupFilters = { directory?: string; user?: string };

/** With `user`, the walk follows that user's memberships (primary key user_id, group_id); else the group indexes. */
function fetchGroups(ctx: ApiContext, filters: GroupFilters, query: KeysetQuery): Promise<GroupRow[]> {
  const base = [
    eq(directoryGroups.tenantId, ctx.tenantId),
    isNull(directoryGroups.deletedAt),
    filters.directory ? eq(directoryGroups.directoryId, filters.directory) : undefined,
  ];
  if (filters.user) {
    const { where, orderBy } = keysetSql(directoryGroupMemberships.groupId, query);
    return ctx.db
      .select(groupColumns)
      .from(directoryGroupMemberships)
      .innerJoin(directoryGroups, eq(directoryGroups.id, directoryGroupMemberships.groupId))
      .innerJoin(directories, eq(directories.id, directoryGroups.directoryId))
      .where(
        and(
          eq(directoryGroupMemberships.tenantId, ctx.tenantId),
          eq(directoryGroupMemberships.userId, filters.user),
          ...base,
          where,
        ),
      )
      .orderBy(orderBy)
      .limit(query.limit);
  }
  const { where, orderBy } = keysetSql(directoryGroups.id, query);
  return ctx.db
    .select(groupColumns)
    .from(directoryGroups)
    .innerJoin(directories, eq(directories.id, directoryGroups.directoryId))
    .where(and(...base, where))
    .orderBy(orderBy)
    .limit(query.limit);
}

export function listGroups(ctx: ApiContext, filters: GroupFilters, page: PageParams): Promise<Page<GroupRow>> {
  return keysetPage(page, (query) => fetchGroups(ctx, filters, query));
}

export async function getGroup(ctx: ApiContext, id: string): Promise<GroupRow | null> {
  if (!isPublicId('directoryGroup', id)) return null;
  const [row] = await ctx.db
    .select(groupColumns)
    .from(directoryGroups)
    .innerJoin(directories, eq(directories.id, directoryGroups.directoryId))
    .where(
      and(eq(directoryGroups.tenantId, ctx.tenantId), eq(directoryGroups.id, id), isNull(directoryGroups.deletedAt)),
    );
  return row ?? null;
}
