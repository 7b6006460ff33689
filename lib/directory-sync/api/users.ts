import { and, eq, isNull, sql } from 'drizzle-orm';
import { directories, directoryGroupMemberships, directoryUsers } from '@/db/schema';
import { preparedRows } from '@/lib/prepared';
import { isPublicId } from '../ids';
import type { ApiContext } from './context';
import { groupsByIds } from './groups';
import { keysetPage, keysetPrepared, type KeysetQuery, type Page, type PageParams } from './keyset';
import type { GroupRow, UserRow } from './mappers';

/**
 * What the REST user carries, and nothing more (every column read is parsed for every row of every page). The JSON
 * columns come as their JSON text and go into the answer as they are (no parse and re-serialise per user), and the
 * groups as ids: a page's groups are read once, by `groupsByIds`.
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
  emailsJson: sql<string>`${directoryUsers.emails}::text`,
  username: directoryUsers.username,
  jobTitle: directoryUsers.jobTitle,
  state: directoryUsers.state,
  customAttributesJson: sql<string>`${directoryUsers.customAttributes}::text`,
  rawAttributesJson: sql<string>`${directoryUsers.rawAttributes}::text`,
  // Epoch milliseconds (truncated, as the driver's Date parsing does): cheaper to produce and to read than timestamptz
  // text or to_char.
  createdAt: sql<string>`floor(extract(epoch from ${directoryUsers.createdAt}) * 1000)::bigint`,
  updatedAt: sql<string>`floor(extract(epoch from ${directoryUsers.updatedAt}) * 1000)::bigint`,
  groupIds: sql<string[] | null>`(select array_agg(m.group_id order by m.group_id) from directory_group_memberships m
    where m.tenant_id = ${directoryUsers.tenantId} and m.user_id = ${directoryUsers.id})`,
};

type UserWithGroupIds = UserRow & { groupIds: string[] | null };

const USER_FIELDS = Object.keys(userColumns);

/** A row of `userColumns` as an array (the driver's order is the select list's, which is the keys' order) → the object. */
function userFromRow(row: unknown[]): UserWithGroupIds {
  const user: Record<string, unknown> = {};
  for (let index = 0; index < USER_FIELDS.length; index++) user[USER_FIELDS[index]] = row[index];
  user.createdAt = epochIso(user.createdAt as string);
  user.updatedAt = epochIso(user.updatedAt as string);
  return user as UserWithGroupIds;
}

/** Epoch milliseconds (bigint text) → ISO 8601 with milliseconds, as WorkOS writes timestamps. */
const epochIso = (milliseconds: string) => new Date(Number(milliseconds)).toISOString();

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

/** The hot path of the API: a prepared statement per query shape, rows mapped by hand. */
async function fetchUsers(ctx: ApiContext, filters: UserFilters, query: KeysetQuery): Promise<UserWithGroupIds[]> {
  const shape = [
    'api:users',
    filters.group ? 'group' : 'all',
    filters.directory ? 'directory' : '',
    filters.idpId !== undefined ? 'idp' : '',
    filters.email !== undefined ? 'email' : '',
    keysetPrepared(directoryUsers.id, query).shape,
    query.idsOnly ? 'ids' : 'rows',
  ].join(':');
  const rows = await preparedRows(ctx.db, shape, () => buildUsersQuery(ctx, filters, query))(
    usersQueryValues(ctx, filters, query),
  );
  return query.idsOnly ? rows.map((row) => ({ id: row[0] }) as UserWithGroupIds) : rows.map(userFromRow);
}

/** The groups of a page of users, read in one query (users of a directory share few groups). Deleted groups drop out. */
async function withGroups(ctx: ApiContext, users: UserWithGroupIds[]): Promise<UserWithGroups[]> {
  const groups = await groupsByIds(ctx, [...new Set(users.flatMap((user) => user.groupIds ?? []))]);
  return users.map((user) => {
    const withGroups = user as UserWithGroupIds & UserWithGroups;
    withGroups.groups = (user.groupIds ?? []).flatMap((id) => groups.get(id) ?? []);
    return withGroups;
  });
}

export async function listUsers(
  ctx: ApiContext,
  filters: UserFilters,
  page: PageParams,
): Promise<Page<UserWithGroups>> {
  const result = await keysetPage(page, (query) => fetchUsers(ctx, filters, query));
  return { ...result, data: await withGroups(ctx, result.data) };
}

export async function getUser(ctx: ApiContext, id: string): Promise<UserWithGroups | null> {
  if (!isPublicId('directoryUser', id)) return null;
  const [row] = await ctx.db
    .select(userColumns)
    .from(directoryUsers)
    .innerJoin(directories, eq(directories.id, directoryUsers.directoryId))
    .where(and(eq(directoryUsers.tenantId, ctx.tenantId), eq(directoryUsers.id, id), isNull(directoryUsers.deletedAt)));
  if (!row) return null;
  const user = { ...row, createdAt: epochIso(row.createdAt), updatedAt: epochIso(row.updatedAt) } as UserWithGroupIds;
  return (await withGroups(ctx, [user]))[0];
}
