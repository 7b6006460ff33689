import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { departments, identityProviders, roles } from '@/db/schema';
import { createTenant } from '@/tests/support/factories';
import { generatePeople, seedDemoData } from './demo-data';

describe('demo data', () => {
  it('generates the same people every time, with unique codes, emails and employment IDs', () => {
    const a = [...generatePeople(2000, 'Northwind Health')];
    const b = [...generatePeople(2000, 'Northwind Health')];
    expect(a).toEqual(b);
    expect(new Set(a.map((p) => p.personCode)).size).toBe(2000);
    expect(new Set(a.map((p) => p.internalEmail)).size).toBe(2000);
    expect(new Set(a.flatMap((p) => p.employments.map((e) => e.employmentId))).size).toBe(
      a.flatMap((p) => p.employments).length,
    );
    expect(a.every((p) => p.employments.filter((e) => e.isPrimary).length === 1)).toBe(true);
  });

  it('fills a tenant with 300 people across 8 departments, employments, a translated custom role, an IdP and accounts; a second run adds nothing', async () => {
    const tenant = await createTenant('Demo Co');
    const first = await seedDemoData(getDb(), tenant, { people: 300, accounts: 20 });
    expect(first).toMatchObject({ peopleInserted: 300, totalPeople: 300 });
    const again = await seedDemoData(getDb(), tenant, { people: 300, accounts: 20 });
    expect(again).toMatchObject({ peopleInserted: 0, totalPeople: 300 });
    const count = async (query: ReturnType<typeof sql>) =>
      Number((await getDb().execute<{ n: string }>(query)).rows[0].n);
    expect(await count(sql`select count(distinct department_id) as n from people where tenant_id = ${tenant.id}`)).toBe(
      8,
    );
    expect(
      await count(
        sql`select count(*) as n from people p where tenant_id = ${tenant.id} and not exists (select 1 from employments e where e.person_id = p.id)`,
      ),
    ).toBe(0);
    expect(
      await count(sql`select count(*) as n from people where tenant_id = ${tenant.id} and not active_employee`),
    ).toBeGreaterThan(5);
    expect(await count(sql`select count(*) as n from user_accounts where tenant_id = ${tenant.id}`)).toBe(20);
    expect(await count(sql`select count(*) as n from saml_mappings where tenant_id = ${tenant.id}`)).toBe(20);
    expect(await getDb().select().from(departments).where(eq(departments.tenantId, tenant.id))).toHaveLength(8);
    const [custom] = await getDb()
      .select()
      .from(roles)
      .where(and(eq(roles.tenantId, tenant.id), eq(roles.isBase, false)));
    expect(custom).toMatchObject({
      originalName: 'Team Lead',
      translations: { fr: "Chef d'équipe", de: 'Teamleiter' },
    });
    const [idp] = await getDb().select().from(identityProviders).where(eq(identityProviders.tenantId, tenant.id));
    expect(idp.certificateExpiresAt.getTime()).toBeGreaterThan(Date.now());
  });
});
