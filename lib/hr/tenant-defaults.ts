import { roles, scimSettings } from '@/db/schema';
import type { Executor } from '@/db/client';

/** Base roles every tenant starts with; they cannot be deleted. */
export const BASE_ROLES = ['Employee', 'Manager', 'HR Professional', 'Administrator'] as const;

export async function seedTenantDefaults(db: Executor, tenantId: string) {
  await db
    .insert(roles)
    .values(BASE_ROLES.map((originalName) => ({ tenantId, originalName, isBase: true })))
    .onConflictDoNothing();
  await db.insert(scimSettings).values({ tenantId }).onConflictDoNothing();
}
