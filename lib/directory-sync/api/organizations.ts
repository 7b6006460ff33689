import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { organizationDomains, organizations } from '@/db/schema';
import { isPublicId } from '../ids';
import type { ApiContext } from './context';
import { keysetPage, keysetSql, type KeysetQuery, type Page, type PageParams } from './keyset';
import type { OrganizationRow } from './mappers';

type OrganizationOnly = typeof organizations.$inferSelect;

function fetchOrganizations(
  ctx: ApiContext,
  filters: { domains?: string[] },
  query: KeysetQuery,
): Promise<OrganizationOnly[]> {
  const { where, orderBy } = keysetSql(organizations.id, query);
  const domains = filters.domains?.map((domain) => domain.toLowerCase());
  return ctx.db
    .select()
    .from(organizations)
    .where(
      and(
        eq(organizations.tenantId, ctx.tenantId),
        domains?.length
          ? sql`exists (select 1 from organization_domains od where od.tenant_id = ${ctx.tenantId}
                        and od.organization_id = "organizations"."id" and lower(od.domain) in ${domains})`
          : undefined,
        where,
      ),
    )
    .orderBy(orderBy)
    .limit(query.limit);
}

async function withDomains(ctx: ApiContext, rows: OrganizationOnly[]): Promise<OrganizationRow[]> {
  if (!rows.length) return [];
  const domains = await ctx.db
    .select()
    .from(organizationDomains)
    .where(
      and(
        eq(organizationDomains.tenantId, ctx.tenantId),
        inArray(
          organizationDomains.organizationId,
          rows.map((row) => row.id),
        ),
      ),
    )
    .orderBy(asc(organizationDomains.id));
  return rows.map((row) => ({ ...row, domains: domains.filter((domain) => domain.organizationId === row.id) }));
}

export async function listOrganizations(
  ctx: ApiContext,
  filters: { domains?: string[] },
  page: PageParams,
): Promise<Page<OrganizationRow>> {
  const result = await keysetPage(page, (query) => fetchOrganizations(ctx, filters, query));
  return { ...result, data: await withDomains(ctx, result.data) };
}

export async function getOrganization(ctx: ApiContext, id: string): Promise<OrganizationRow | null> {
  if (!isPublicId('organization', id)) return null;
  const rows = await ctx.db
    .select()
    .from(organizations)
    .where(and(eq(organizations.tenantId, ctx.tenantId), eq(organizations.id, id)));
  return (await withDomains(ctx, rows))[0] ?? null;
}
