import { and, eq, isNull, sql } from 'drizzle-orm';
import { directoryGroupMemberships, directoryUsers } from '@/db/schema';
import { preparedRows } from '@/lib/prepared';
import { isPublicId } from '../ids';
import type { ApiContext } from './context';
import { keysetPage, keysetPrepared, type KeysetQuery, type Page, type PageParams } from './keyset';

/**
 * A REST user is stored as its JSON text (`directory_user_api_json`, kept current by statement triggers: migration
 * 0009_directory_user_api_json_triggers): a page is one index range scan plus one primary-key lookup per user, and Node only
 * joins the texts. The fallback (computing it on the spot) is for a user without a stored text, which the triggers
 * prevent.
 */
const userColumns = {
  id: directoryUsers.id,
  json: sql<string>`coalesce(
    (select j.json from directory_user_api_json j where j.user_id = ${directoryUsers.id}),
    roster_directory_user_api_json_of(${directoryUsers}))`,
};

export type UserJson = { id: string; json: string };

export type UserFilters = { directory?: string; group?: string; idpId?: string; email?: string };

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
    .where(and(...base, keyset.where))
    .orderBy(keyset.orderBy)
    .limit(sql.placeholder('limit'));
}

/** The values for the placeholders of `buildUsersQuery`. */
export function usersQueryValues(ctx: ApiContext, filters: UserFilters, query: KeysetQuery) {
  return { tenantId: ctx.tenantId, ...filters, limit: query.limit, ...keysetPrepared(directoryUsers.id, query).values };
}

/** The hot path of the API: a prepared statement per query shape, rows as arrays (`id`, then the JSON). */
async function fetchUsers(ctx: ApiContext, filters: UserFilters, query: KeysetQuery): Promise<UserJson[]> {
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
  return rows.map((row) => ({ id: row[0] as string, json: row[1] as string }));
}

/** A page of users as their REST JSON texts. */
export function listUsers(ctx: ApiContext, filters: UserFilters, page: PageParams): Promise<Page<UserJson>> {
  return keysetPage(page, (query) => fetchUsers(ctx, filters, query));
}

/** One user as its REST JSON text, or null. */
export async function getUser(ctx: ApiContext, id: string): Promise<string | null> {
  if (!isPublicId('directoryUser', id)) return null;
  const [row] = await ctx.db
    .select(userColumns)
    .from(directoryUsers)
    .where(and(eq(directoryUsers.tenantId, ctx.tenantId), eq(directoryUsers.id, id), isNull(directoryUsers.deletedAt)));
  return row?.json ?? null;
}
