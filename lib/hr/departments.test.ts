import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { people } from '@/db/schema';
import { FormError } from '@/lib/errors';
import { createTenant } from '@/tests/support/factories';
import { insertPerson } from '@/tests/support/hr-factories';
import { codeFromName, deleteDepartment, listDepartments, saveDepartment } from './departments';

describe('departments', () => {
  it('derives a code from the name when none is given, and keeps codes unique', async () => {
    expect(codeFromName('Human Resources')).toBe('HUMAN-RESOURCES');
    expect(codeFromName('Recherche & Développement')).toBe('RECHERCHE-DEVELOPPEMENT');
    const tenant = await createTenant();
    const a = await saveDepartment(getDb(), tenant.id, { departmentId: null, name: 'Sales', code: null });
    expect(a.department.code).toBe('SALES');
    const b = await saveDepartment(getDb(), tenant.id, { departmentId: null, name: 'Sales EMEA', code: 'sales-2' });
    const c = await saveDepartment(getDb(), tenant.id, { departmentId: null, name: 'SALES!', code: null });
    expect([b.department.code, c.department.code]).toEqual(['sales-2', 'SALES-3']);
  });

  it('names and codes are unique per tenant, ignoring case; renaming keeps the id', async () => {
    const tenant = await createTenant();
    const { department } = await saveDepartment(getDb(), tenant.id, {
      departmentId: null,
      name: 'Finance',
      code: 'FIN',
    });
    const error = await saveDepartment(getDb(), tenant.id, { departmentId: null, name: 'FINANCE', code: 'fin' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(FormError);
    expect(error.fieldErrors).toEqual({
      name: 'Another department already has this name.',
      code: 'Another department already has this code.',
    });
    const renamed = await saveDepartment(getDb(), tenant.id, {
      departmentId: department.id,
      name: 'Finance & Accounting',
      code: null,
    });
    expect(renamed.department).toMatchObject({ id: department.id, name: 'Finance & Accounting', code: 'FIN' });
    const other = await createTenant();
    await expect(
      saveDepartment(getDb(), other.id, { departmentId: null, name: 'Finance', code: 'FIN' }),
    ).resolves.toBeTruthy();
  });

  it('lists departments with their number of people; deleting one leaves its people without a department', async () => {
    const tenant = await createTenant();
    const { department } = await saveDepartment(getDb(), tenant.id, { departmentId: null, name: 'Ops', code: null });
    await insertPerson(tenant.id, { departmentId: department.id });
    await insertPerson(tenant.id, { departmentId: department.id });
    expect((await listDepartments(getDb(), tenant.id)).map((d) => [d.name, d.peopleCount])).toEqual([['Ops', 2]]);
    const result = await deleteDepartment(getDb(), tenant.id, department.id);
    expect(result.peopleMoved).toBe(2);
    const rows = await getDb().select().from(people).where(eq(people.tenantId, tenant.id));
    expect(rows.every((p) => p.departmentId === null)).toBe(true);
  });

  it('tenant isolation: cannot rename or delete another tenant’s department', async () => {
    const [mine, theirs] = [await createTenant(), await createTenant()];
    const { department } = await saveDepartment(getDb(), theirs.id, { departmentId: null, name: 'Theirs', code: null });
    await expect(
      saveDepartment(getDb(), mine.id, { departmentId: department.id, name: 'Mine now', code: null }),
    ).rejects.toThrow('This department does not exist.');
    await expect(deleteDepartment(getDb(), mine.id, department.id)).rejects.toThrow('This department does not exist.');
  });
});
