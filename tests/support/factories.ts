import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/client';
import { staffUsers } from '@/db/schema';
import { hashPassword } from '@/lib/crypto/password';
import { createTenant as createTenantWithDefaults } from '@/lib/tenants/bootstrap';
import { loadActiveStaff } from '@/lib/auth/accounts';
import type { StaffRole } from '@/lib/auth/roles';

export function uniqueEmail(prefix = 'user') {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

/** A new tenant with base roles and SCIM settings, so tests never share data. */
export async function createTenant(name = `Tenant ${randomUUID().slice(0, 6)}`) {
  return createTenantWithDefaults(getDb(), name);
}

let cachedHash: string | undefined;

export async function createStaff(
  tenantId: string,
  role: StaffRole,
  overrides: { email?: string; password?: string } = {},
) {
  const db = getDb();
  const passwordHash = overrides.password
    ? await hashPassword(overrides.password)
    : (cachedHash ??= await hashPassword('correct horse battery'));
  const [row] = await db
    .insert(staffUsers)
    .values({ tenantId, role, email: overrides.email ?? uniqueEmail(role), name: `${role} tester`, passwordHash })
    .returning();
  const session = await loadActiveStaff(db, row.id);
  if (!session) throw new Error('staff not loadable');
  return session;
}
