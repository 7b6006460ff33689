import { and, eq, isNull, sql } from 'drizzle-orm';
import { directories, directoryGroupMemberships, directoryUsers } from '@/db/schema';
import { preparedStatement } from '@/lib/prepared';
import { isPublicId } from '../ids';
import type { ApiContext } from './context';
import { keysetPage, keysetPrepared, type KeysetQuery, type Page, type PageParams } from './keyset';
import type { GroupRow, UserRow } from './mappers';

/**
 * What the REST user carries, and nothing more (every column read is parsed for every row of every page), with the
 * user's groups in the same row: a page is one query, not one for the users and one for their groups.
 */
const userColumns = {
  id: directoryUsers.id,
  directoryId: directoryUsers.directoryId,
  organizationId: directories.organizationId,
  idpId: directoryUsers.idpId,
  email: directoryUsers.email,
  firstName: directoryUsers.firstName,
  lastName: directoryUsers.lastName,
  name: directoryUsers.name,
  emails: directoryUsers.emails,
  username: directoryUsers.username,
  jobTitle: directoryUsers.jobTitle,
  state: directoryUsers.state,
  customAttributes: directoryUsers.customAttributes,
  rawAttributes: directoryUsers.rawAttributes,
  createdAt: directoryUsers.createdAt,
  updatedAt: directoryUsers.updatedAt,
  /** The (not deleted) groups, in id order, as [id, idp_id, directory_id, name, raw_attributes, created_at, updated_at]. */
  groupTuples: sql<GroupTuple[] | null>`(
    select json_agg(json_build_array(g.id, g.idp_id, g.directory_id, g.name, g.raw_attributes, g.created_at, g.updated_at) order by g.id)
    from directory_group_memberships m join directory_groups g on g.id = m.group_id
    where m.tenant_id = ${directoryUsers.tenantId} and m.user_id = ${directoryUsers.id} and g.deleted_at is null)`,
};

type GroupTuple = [string, string, string, string, Record<string, unknown>, string, string];
type UserWithGroupTuples = UserRow & { groupTuples: GroupTuple[] | null };
export type UserFilters = { directory?: string; group?: string; idpId?: string; email?: string };
export type UserWithGroups = UserRow & { groups: GroupRow[] };

/**
 * One keyset step over users, as a drizzle query with placeholders (`tenantId`, `directory`, `group`, `idpId`,
 * `email`, `limit`, `bound0`…). With `group`, the walk follows that group's memberships (index group_id, user_id);
 * else the user indexes ((tenant_id, directory_id, id) or (tenant_id, id)). Exported for the query-plan test.
 */
export function buildUsersQuery(ctx: ApiContext, filters: UserFilters, query: KeysetQuery) {
  const base = [
    eq(directoryUsers.tenantId, sql.placeholder('tenantId')),
    isNull(directoryUsers.deletedAt),
    filters.directory ? eq(directoryUsers.directoryId, sql.placeholder('directory')) : undefined,
    filters.idpId !== undefined ? eq(directoryUsers.idpId, sql.placeholder('idpId')) : undefined,
    filters.email !== undefined ? sql`lower(${directoryUsers.email}) = lower(${sql.placeholder('email')})` : undefined,
  ];
  if (filters.group) {
    const keyset = keysetPrepared(directoryGroupMemberships.userId, query);
    return ctx.db
      .select(query.idsOnly ? { id: directoryGroupMemberships.userId } : userColumns)
      .from(directoryGroupMemberships)
      .innerJoin(directoryUsers, eq(directoryUsers.id, directoryGroupMemberships.userId))
      .innerJoin(directories, eq(directories.id, directoryUsers.directoryId))
      .where(
        and(
          eq(directoryGroupMemberships.tenantId, sql.placeholder('tenantId')),
          eq(directoryGroupMemberships.groupId, sql.placeholder('group')),
          ...base,
          keyset.where,
        ),
      )
      .orderBy(keyset.orderBy)
      .limit(sql.placeholder('limit'));
  }
  const keyset = keysetPrepared(directoryUsers.id, query);
  return ctx.db
    .select(query.idsOnly ? { id: directoryUsers.id } : userColumns)
    .from(directoryUsers)
    .innerJoin(directories, eq(directories.id, directoryUsers.directoryId))
    .where(and(...base, keyset.where))
    .orderBy(keyset.orderBy)
    .limit(sql.placeholder('limit'));
}

/** The values for the placeholders of `buildUsersQuery`. */
export function usersQueryValues(ctx: ApiContext, filters: UserFilters, query: KeysetQuery) {
  return { tenantId: ctx.tenantId, ...filters, limit: query.limit, ...keysetPrepared(directoryUsers.id, query).values };
}

/** The hot path of the API: a prepared statement per query shape. */
function fetchUsers(ctx: ApiContext, filters: UserFilters, query: KeysetQuery): Promise<UserWithGroupTuples[]> {
  const shape = [
    'api:users',
    filters.group ? 'group' : 'all',
    filters.directory ? 'directory' : '',
    filters.idpId !== undefined ? 'idp' : '',
    filters.email !== undefined ? 'email' : '',
    keysetPrepared(directoryUsers.id, query).shape,
    query.idsOnly ? 'ids' : 'rows',
  ].join(':');
  const statement = preparedStatement(ctx.db, shape, (name) => buildUsersQuery(ctx, filters, query).prepare(name));
  return statement.execute(usersQueryValues(ctx, filters, query)) as Promise<UserWithGroupTuples[]>;
}

function withGroups({ groupTuples, ...user }: UserWithGroupTuples): UserWithGroups {
  const groups = (groupTuples ?? []).map(([id, idpId, directoryId, name, rawAttributes, createdAt, updatedAt]) => ({
    id,
    idpId,
    directoryId,
    // A group belongs to the user's directory, so to the user's organization.
    organizationId: user.organizationId,
    name,
    rawAttributes,
    createdAt: new Date(createdAt),
    updatedAt: new Date(updatedAt),
  }));
  return { ...user, groups };
}

export async function listUsers(ctx: ApiContext, filters: UserFilters, page: PageParams): Promise<Page<UserWithGroups>> {
  const result = await keysetPage(page, (query) => fetchUsers(ctx, filters, query));
  return { ...result, data: result.data.map(withGroups) };
}

export async function getUser(ctx: ApiContext, id: string): Promise<UserWithGroups | null> {
  if (!isPublicId('directoryUser', id)) return null;
  const [row] = await ctx.db
    .select(userColumns)
    .from(directoryUsers)
    .innerJoin(directories, eq(directories.id, directoryUsers.directoryId))
    .where(and(eq(directoryUsers.tenantId, ctx.tenantId), eq(directoryUsers.id, id), isNull(directoryUsers.deletedAt)));
  return row ? withGroups(row) : null;
}
