import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { roles, userAccounts } from '@/db/schema';
import type { Executor } from '@/db/client';
import { FormError, NotFoundError, uniqueViolation } from '@/lib/errors';
import { ROLE_LOCALES, type RoleInput } from './schemas';

export type Role = typeof roles.$inferSelect;

const NAME_TAKEN = 'A role with this original name already exists.';

/** The translations a form submitted, without empty locales. */
export function translationsFrom(input: RoleInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { code } of ROLE_LOCALES) {
    const value = input[`name_${code}` as const];
    if (value) out[code] = value;
  }
  return out;
}

/** Base roles first, then custom roles, each by name; with the number of user accounts holding each role. */
export async function listRoles(db: Executor, tenantId: string) {
  return db
    .select({
      id: roles.id,
      originalName: roles.originalName,
      isBase: roles.isBase,
      translations: roles.translations,
      updatedAt: roles.updatedAt,
      accountCount: sql<number>`(select count(*)::int from user_accounts a where a.role_id = "roles"."id")`,
    })
    .from(roles)
    .where(eq(roles.tenantId, tenantId))
    .orderBy(desc(roles.isBase), asc(sql`lower(${roles.originalName})`));
}

export async function getRole(db: Executor, tenantId: string, id: string): Promise<Role> {
  const [row] = await db
    .select()
    .from(roles)
    .where(and(eq(roles.id, id), eq(roles.tenantId, tenantId)));
  if (!row) throw new NotFoundError('This role does not exist.');
  return row;
}

async function assertNameFree(db: Executor, tenantId: string, name: string, exceptId: string | null) {
  const [other] = await db
    .select({ id: roles.id })
    .from(roles)
    .where(
      and(
        eq(roles.tenantId, tenantId),
        sql`lower(${roles.originalName}) = ${name.toLowerCase()}`,
        exceptId ? ne(roles.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (other) throw new FormError('Check the highlighted fields.', { originalName: NAME_TAKEN });
}

/**
 * Creates a custom role, or edits one. A base role keeps its original name (SCIM clients send it); only its
 * translations change.
 */
export async function saveRole(db: Executor, tenantId: string, input: RoleInput) {
  const existing = input.roleId ? await getRole(db, tenantId, input.roleId) : null;
  const translations = translationsFrom(input);
  if (existing?.isBase && input.originalName !== existing.originalName) {
    throw new FormError('Check the highlighted fields.', {
      originalName: 'A base role keeps its original name; only its translations can change.',
    });
  }
  await assertNameFree(db, tenantId, input.originalName, existing?.id ?? null);
  try {
    if (existing) {
      const [role] = await db
        .update(roles)
        .set({ originalName: input.originalName, translations, updatedAt: sql`now()` })
        .where(and(eq(roles.id, existing.id), eq(roles.tenantId, tenantId)))
        .returning();
      return { role, previous: existing };
    }
    const [role] = await db
      .insert(roles)
      .values({ tenantId, originalName: input.originalName, translations, isBase: false })
      .returning();
    return { role, previous: null };
  } catch (error) {
    if (uniqueViolation(error) === 'roles_tenant_name_uq')
      throw new FormError('Check the highlighted fields.', { originalName: NAME_TAKEN });
    throw error;
  }
}

/** Deletes a custom role; base roles cannot be deleted. Accounts holding it are left without a role. */
export async function deleteRole(db: Executor, tenantId: string, id: string) {
  const role = await getRole(db, tenantId, id);
  if (role.isBase) throw new FormError(`"${role.originalName}" is a base role and cannot be deleted.`);
  const [{ accounts }] = await db
    .select({ accounts: sql<number>`count(*)::int` })
    .from(userAccounts)
    .where(eq(userAccounts.roleId, role.id));
  await db.delete(roles).where(and(eq(roles.id, role.id), eq(roles.tenantId, tenantId)));
  return { role, accountsWithoutRole: accounts };
}
