import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { organizationDomains, organizations } from '@/db/schema';
import { ConflictError, NotFoundError, uniqueViolation } from '@/lib/errors';
import { parseOrFormError } from '@/lib/form-fields';
import { isPublicId, newId } from './ids';
import { systemClock, type Clock } from './schedule';

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const organizationInput = z.object({
  name: z.string().trim().min(1, 'Name is required.').max(200, 'Name must be at most 200 characters.'),
  domains: z
    .array(z.string().trim().toLowerCase().regex(DOMAIN, 'Enter domains such as example.com.'))
    .max(50, 'At most 50 domains.')
    .default([])
    .transform((list) => [...new Set(list)]),
});
export type OrganizationInput = z.input<typeof organizationInput>;

export type OrganizationDomain = { id: string; domain: string };
export type Organization = {
  id: string;
  name: string;
  domains: OrganizationDomain[];
  createdAt: Date;
  updatedAt: Date;
};

export async function createOrganization(
  db: Executor,
  tenantId: string,
  input: OrganizationInput,
  clock: Clock = systemClock,
): Promise<Organization> {
  const { name, domains } = parseOrFormError(organizationInput, input);
  const now = clock();
  const id = newId('organization', now);
  try {
    await db.transaction(async (tx) => {
      await tx.insert(organizations).values({ id, tenantId, name, createdAt: now, updatedAt: now });
      if (domains.length) {
        await tx.insert(organizationDomains).values(
          domains.map((domain) => ({
            id: newId('organizationDomain', now),
            tenantId,
            organizationId: id,
            domain,
            createdAt: now,
          })),
        );
      }
    });
  } catch (error) {
    if (uniqueViolation(error))
      throw new ConflictError('A domain belongs to another organization already.', {
        domains: 'A domain belongs to another organization already.',
      });
    throw error;
  }
  return (await getOrganization(db, tenantId, id)) as Organization;
}

async function domainsOf(
  db: Executor,
  tenantId: string,
  organizationIds: string[],
): Promise<Map<string, OrganizationDomain[]>> {
  const map = new Map<string, OrganizationDomain[]>();
  if (!organizationIds.length) return map;
  const rows = await db
    .select({
      id: organizationDomains.id,
      organizationId: organizationDomains.organizationId,
      domain: organizationDomains.domain,
    })
    .from(organizationDomains)
    .where(
      and(eq(organizationDomains.tenantId, tenantId), inArray(organizationDomains.organizationId, organizationIds)),
    )
    .orderBy(asc(organizationDomains.domain));
  for (const row of rows)
    map.set(row.organizationId, [...(map.get(row.organizationId) ?? []), { id: row.id, domain: row.domain }]);
  return map;
}

export async function getOrganization(db: Executor, tenantId: string, id: string): Promise<Organization | null> {
  if (!isPublicId('organization', id)) return null;
  const [row] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.tenantId, tenantId), eq(organizations.id, id)));
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    domains: (await domainsOf(db, tenantId, [id])).get(id) ?? [],
  };
}

export async function requireOrganization(db: Executor, tenantId: string, id: string): Promise<Organization> {
  const organization = await getOrganization(db, tenantId, id);
  if (!organization) throw new NotFoundError('Organization not found.');
  return organization;
}

export type KeysetPage<T> = { items: T[]; after: string | null };

/** Organizations in id (creation) order, `limit` at a time after the cursor. */
export async function listOrganizations(
  db: Executor,
  tenantId: string,
  options: { after?: string; limit?: number } = {},
): Promise<KeysetPage<Organization>> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 100);
  const rows = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.tenantId, tenantId), options.after ? gt(organizations.id, options.after) : undefined))
    .orderBy(asc(organizations.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const domains = await domainsOf(
    db,
    tenantId,
    page.map((r) => r.id),
  );
  return {
    items: page.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      domains: domains.get(row.id) ?? [],
    })),
    after: rows.length > limit ? page[page.length - 1].id : null,
  };
}
