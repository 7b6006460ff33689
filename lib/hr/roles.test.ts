import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { roles, userAccounts } from '@/db/schema';
import { createTenant } from '@/tests/support/factories';
import { insertPerson, insertUserAccount } from '@/tests/support/hr-factories';
import { deleteRole, listRoles, saveRole } from './roles';
import { roleSchema } from './schemas';
import { BASE_ROLES } from '@/lib/tenants/bootstrap';

const input = (values: Record<string, string>) => roleSchema.parse(values);

describe('roles', () => {
  it('each tenant starts with the base roles Employee, Manager, HR Professional and Administrator', async () => {
    const tenant = await createTenant();
    const list = await listRoles(getDb(), tenant.id);
    expect(
      list
        .filter((r) => r.isBase)
        .map((r) => r.originalName)
        .sort(),
    ).toEqual([...BASE_ROLES].sort());
  });

  it('a custom role keeps its original name plus translated names per locale (empty ones are dropped)', async () => {
    const tenant = await createTenant();
    const { role } = await saveRole(
      getDb(),
      tenant.id,
      input({ originalName: 'Team Lead', name_fr: "Chef d'équipe", name_de: 'Teamleiter', name_es: '' }),
    );
    expect(role).toMatchObject({
      originalName: 'Team Lead',
      isBase: false,
      translations: { fr: "Chef d'équipe", de: 'Teamleiter' },
    });
    const list = await listRoles(getDb(), tenant.id);
    expect(list.at(-1)).toMatchObject({ originalName: 'Team Lead', isBase: false });
  });

  it('original names are unique per tenant, ignoring case', async () => {
    const tenant = await createTenant();
    const error = await saveRole(getDb(), tenant.id, input({ originalName: 'employee' })).catch((e) => e);
    expect(error.fieldErrors).toEqual({ originalName: 'A role with this original name already exists.' });
  });

  it('base roles cannot be deleted or renamed, but can be translated', async () => {
    const tenant = await createTenant();
    const [employee] = await getDb()
      .select()
      .from(roles)
      .where(and(eq(roles.tenantId, tenant.id), eq(roles.originalName, 'Employee')));
    await expect(deleteRole(getDb(), tenant.id, employee.id)).rejects.toThrow(
      '"Employee" is a base role and cannot be deleted.',
    );
    const rename = await saveRole(getDb(), tenant.id, input({ roleId: employee.id, originalName: 'Staff' })).catch(
      (e) => e,
    );
    expect(rename.fieldErrors).toEqual({
      originalName: 'A base role keeps its original name; only its translations can change.',
    });
    const translated = await saveRole(
      getDb(),
      tenant.id,
      input({ roleId: employee.id, originalName: 'Employee', name_fr: 'Salarié' }),
    );
    expect(translated.role.translations).toEqual({ fr: 'Salarié' });
  });

  it('deleting a custom role leaves the accounts that held it without a role', async () => {
    const tenant = await createTenant();
    const { role } = await saveRole(getDb(), tenant.id, input({ originalName: 'Contractor' }));
    const person = await insertPerson(tenant.id);
    const account = await insertUserAccount(tenant.id, person.id, { roleId: role.id });
    expect((await listRoles(getDb(), tenant.id)).find((r) => r.id === role.id)?.accountCount).toBe(1);
    expect((await deleteRole(getDb(), tenant.id, role.id)).accountsWithoutRole).toBe(1);
    const [after] = await getDb().select().from(userAccounts).where(eq(userAccounts.id, account.id));
    expect(after.roleId).toBeNull();
  });
});
