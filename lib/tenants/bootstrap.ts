// Tenant bootstrap: what every new tenant starts with. Its own module so that the account side (creating the owner)
// and the HR side (base roles, SCIM settings) both use it without importing each other.
import { roles, scimSettings, tenants } from '@/db/schema';
import type { Executor } from '@/db/client';

/** Base roles every tenant starts with; they cannot be deleted. */
export const BASE_ROLES = ['Employee', 'Manager', 'HR Professional', 'Administrator'] as const;

/** Adds what a tenant needs to work (base roles, a SCIM settings row); safe to run again. */
export async function seedTenantDefaults(db: Executor, tenantId: string) {
  await db
    .insert(roles)
    .values(BASE_ROLES.map((originalName) => ({ tenantId, originalName, isBase: true })))
    .onConflictDoNothing();
  await db.insert(scimSettings).values({ tenantId }).onConflictDoNothing();
}

/** A new tenant with its defaults. Run it inside the caller's transaction so a failure leaves no half tenant. */
export async function createTenant(db: Executor, name: string) {
  const [tenant] = await db.insert(tenants).values({ name }).returning();
  await seedTenantDefaults(db, tenant.id);
  return tenant;
}
