import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { directories } from '@/db/schema';
import { deleteDirectory as deleteDirectoryAndNotify, directoryMetadata } from '../directories';
import type { JobSender } from '../context';
import { isPublicId } from '../ids';
import type { ApiContext } from './context';
import { keysetPage, keysetSql, type KeysetQuery, type Page, type PageParams } from './keyset';
import type { DirectoryMetadata, DirectoryRow } from './mappers';

const { clientSecretEncrypted: _secret, syncLeaseToken: _lease, ...publicColumns } = getTableColumns(directories);

/**
 * The organization's first domain (ids are ULIDs: the first one entered). Correlated subqueries name the outer columns
 * in full: drizzle leaves columns unqualified in a one-table select, where they would bind to the subquery's table.
 */
const primaryDomain = sql<string | null>`(
  select od.domain from organization_domains od
  where od.tenant_id = "directories"."tenant_id" and od.organization_id = "directories"."organization_id"
  order by od.id limit 1)`;

const directoryColumns = { ...publicColumns, primaryDomain };

export type DirectoryFilters = { organizationId?: string; search?: string; domain?: string };

/** `%`, `_` and `\` match themselves in a search. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function fetchDirectories(ctx: ApiContext, filters: DirectoryFilters, query: KeysetQuery): Promise<DirectoryRow[]> {
  const { where, orderBy } = keysetSql(directories.id, query);
  return ctx.db
    .select(directoryColumns)
    .from(directories)
    .where(
      and(
        eq(directories.tenantId, ctx.tenantId),
        filters.organizationId ? eq(directories.organizationId, filters.organizationId) : undefined,
        filters.search ? sql`${directories.name} ilike ${likePattern(filters.search)}` : undefined,
        filters.domain
          ? sql`exists (select 1 from organization_domains od where od.tenant_id = ${ctx.tenantId}
                        and od.organization_id = "directories"."organization_id" and lower(od.domain) = lower(${filters.domain}))`
          : undefined,
        where,
      ),
    )
    .orderBy(orderBy)
    .limit(query.limit);
}

export function listDirectories(
  ctx: ApiContext,
  filters: DirectoryFilters,
  page: PageParams,
): Promise<Page<DirectoryRow>> {
  return keysetPage(page, (query) => fetchDirectories(ctx, filters, query));
}

export async function getDirectory(
  ctx: ApiContext,
  id: string,
): Promise<{ row: DirectoryRow; metadata: DirectoryMetadata } | null> {
  if (!isPublicId('directory', id)) return null;
  const [row] = await ctx.db
    .select(directoryColumns)
    .from(directories)
    .where(and(eq(directories.tenantId, ctx.tenantId), eq(directories.id, id)));
  if (!row) return null;
  return { row, metadata: await directoryMetadata(ctx.db, ctx.tenantId, id) };
}

/** Deleting a directory queues no job; a sender that is used anyway is a bug worth a loud error. */
const NO_JOBS: JobSender = {
  send: async (name) => {
    throw new Error(`Deleting a directory should send no job (tried ${name}).`);
  },
};

/**
 * `DELETE /directories/:id`: the sync's deleteDirectory emits `dsync.deleted` (and nothing per user or group), then
 * removes the directory with its users, groups and memberships. False when the tenant has no such directory.
 */
export async function deleteDirectory(ctx: ApiContext, id: string): Promise<boolean> {
  if (!isPublicId('directory', id)) return false;
  const [exists] = await ctx.db
    .select({ id: directories.id })
    .from(directories)
    .where(and(eq(directories.tenantId, ctx.tenantId), eq(directories.id, id)));
  if (!exists) return false;
  await deleteDirectoryAndNotify({ db: ctx.db, sender: NO_JOBS }, ctx.tenantId, id);
  return true;
}
