import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { departments, employments, people, roles, userAccounts } from '@/db/schema';
import { createTenant } from '@/tests/support/factories';

/** people.updated_at (the HR API's LastModified) in microseconds, exact. */
async function stamp(personId: string): Promise<bigint> {
  const [row] = await getDb()
    .select({ us: sql<string>`(extract(epoch from ${people.updatedAt}) * 1000000)::bigint` })
    .from(people)
    .where(eq(people.id, personId));
  return BigInt(row.us);
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

async function personIn(tenantId: string, code = 'LM1', departmentId: string | null = null) {
  const [person] = await getDb()
    .insert(people)
    .values({ tenantId, personCode: code, givenName: 'Lee', familyName: 'Moss', departmentId })
    .returning();
  await pause();
  return person;
}

/** Runs a change and tells whether the person's LastModified moved. */
async function moves(personId: string, change: () => Promise<unknown>): Promise<boolean> {
  const before = await stamp(personId);
  await pause();
  await change();
  return (await stamp(personId)) > before;
}

describe('person LastModified (people.updated_at) follows everything the People entity shows', () => {
  it('a change to the person moves it; an UPDATE that changes nothing keeps it', async () => {
    const tenant = await createTenant();
    const person = await personIn(tenant.id);
    const db = getDb();
    expect(
      await moves(person.id, () => db.update(people).set({ jobTitle: 'Nurse' }).where(eq(people.id, person.id))),
    ).toBe(true);
    expect(
      await moves(person.id, () => db.update(people).set({ jobTitle: 'Nurse' }).where(eq(people.id, person.id))),
    ).toBe(false);
  });

  it('adding, changing and removing an employment moves it; a change of no shown column does not', async () => {
    const tenant = await createTenant();
    const person = await personIn(tenant.id);
    const db = getDb();
    const insert = () =>
      db
        .insert(employments)
        .values({ tenantId: tenant.id, personId: person.id, employmentId: 'LM-E1', startDate: '2024-01-01' });
    expect(await moves(person.id, insert)).toBe(true);
    const byId = eq(employments.employmentId, 'LM-E1');
    expect(await moves(person.id, () => db.update(employments).set({ endDate: '2025-01-01' }).where(byId))).toBe(true);
    expect(await moves(person.id, () => db.update(employments).set({ updatedAt: new Date() }).where(byId))).toBe(false);
    expect(await moves(person.id, () => db.delete(employments).where(byId))).toBe(true);
  });

  it('creating, deactivating and removing the user account moves it; an external id change does not', async () => {
    const tenant = await createTenant();
    const person = await personIn(tenant.id);
    const db = getDb();
    expect(
      await moves(person.id, () =>
        db.insert(userAccounts).values({ tenantId: tenant.id, personId: person.id, userName: 'lee' }),
      ),
    ).toBe(true);
    const mine = eq(userAccounts.personId, person.id);
    expect(await moves(person.id, () => db.update(userAccounts).set({ active: false }).where(mine))).toBe(true);
    expect(await moves(person.id, () => db.update(userAccounts).set({ userName: 'lee.moss' }).where(mine))).toBe(true);
    expect(await moves(person.id, () => db.update(userAccounts).set({ externalId: 'okta-1' }).where(mine))).toBe(false);
    expect(await moves(person.id, () => db.delete(userAccounts).where(mine))).toBe(true);
  });

  it("renaming the department's code or the account's role moves the person; the department name alone does not", async () => {
    const tenant = await createTenant();
    const db = getDb();
    const [department] = await db
      .insert(departments)
      .values({ tenantId: tenant.id, code: 'LMD', name: 'Lab' })
      .returning();
    const person = await personIn(tenant.id, 'LM2', department.id);
    const [role] = await db.insert(roles).values({ tenantId: tenant.id, originalName: 'Lab Tech' }).returning();
    await db
      .insert(userAccounts)
      .values({ tenantId: tenant.id, personId: person.id, userName: 'lm2', roleId: role.id });

    const thisDepartment = eq(departments.id, department.id);
    expect(await moves(person.id, () => db.update(departments).set({ name: 'Laboratory' }).where(thisDepartment))).toBe(
      false,
    );
    expect(await moves(person.id, () => db.update(departments).set({ code: 'LAB' }).where(thisDepartment))).toBe(true);
    expect(
      await moves(person.id, () =>
        db.update(roles).set({ originalName: 'Lab Technician' }).where(eq(roles.id, role.id)),
      ),
    ).toBe(true);
    expect(await moves(person.id, () => db.delete(departments).where(thisDepartment))).toBe(true);
  });

  it('the department LastModified moves when its code or name changes', async () => {
    const tenant = await createTenant();
    const db = getDb();
    const [department] = await db
      .insert(departments)
      .values({ tenantId: tenant.id, code: 'D1', name: 'One' })
      .returning();
    await pause();
    await db.update(departments).set({ name: 'Uno' }).where(eq(departments.id, department.id));
    const [after] = await db.select().from(departments).where(eq(departments.id, department.id));
    expect(after.updatedAt.getTime()).toBeGreaterThan(department.updatedAt.getTime());
  });

  it('a bulk insert of employments (one statement) moves every person it touches, and only those', async () => {
    const tenant = await createTenant();
    const db = getDb();
    const a = await personIn(tenant.id, 'BULK-A');
    const b = await personIn(tenant.id, 'BULK-B');
    const c = await personIn(tenant.id, 'BULK-C');
    const before = await Promise.all([a, b, c].map((p) => stamp(p.id)));
    await pause();
    await db.insert(employments).values([
      { tenantId: tenant.id, personId: a.id, employmentId: 'BULK-1', startDate: '2024-01-01' },
      { tenantId: tenant.id, personId: b.id, employmentId: 'BULK-2', startDate: '2024-01-01' },
    ]);
    const after = await Promise.all([a, b, c].map((p) => stamp(p.id)));
    expect(after[0] > before[0]).toBe(true);
    expect(after[1] > before[1]).toBe(true);
    expect(after[2]).toBe(before[2]);
    const rows = await db
      .select()
      .from(people)
      .where(and(eq(people.tenantId, tenant.id)));
    expect(rows).toHaveLength(3);
  });
});
