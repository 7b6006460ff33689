import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, employments, people, samlMappings, userAccounts } from '@/db/schema';
import { DELETE as deleteRoute } from '@/app/cezanneondemand/v7/dataservice.svc/[entity]/route';
import { createTenant } from '@/tests/support/factories';
import { insertEmployment, insertPerson } from '@/tests/support/hr-factories';
import { apiRequest, createApp, createDepartment, tokenFor } from '@/tests/support/hr-api';

async function writer() {
  const tenant = await createTenant();
  const app = await createApp(tenant.id, ['api_read', 'api_write']);
  return { tenant, app, token: await tokenFor(app) };
}

const del = (path: string, token: string) => deleteRoute(apiRequest(path, token, { method: 'DELETE' }));

describe("DELETE People('<code>') (API write access)", () => {
  it('deletes the person with employments and user account: 204, gone from the API, audited naming the application', async () => {
    const { tenant, app, token } = await writer();
    const person = await insertPerson(tenant.id);
    await insertEmployment(tenant.id, person.id, { startDate: '2024-01-01', endDate: null, isPrimary: true });
    const [account] = await getDb()
      .insert(userAccounts)
      .values({ tenantId: tenant.id, personId: person.id, userName: `${person.personCode}@corp.test` })
      .returning();

    const response = await del(`/People('${person.personCode}')`, token);

    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(await getDb().select().from(people).where(eq(people.id, person.id))).toEqual([]);
    expect(await getDb().select().from(employments).where(eq(employments.personId, person.id))).toEqual([]);
    expect(await getDb().select().from(userAccounts).where(eq(userAccounts.id, account.id))).toEqual([]);
    expect(await getDb().select().from(samlMappings).where(eq(samlMappings.userAccountId, account.id))).toEqual([]);
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, 'person.deleted')));
    expect(audit).toMatchObject({
      target: person.personCode,
      actorEmail: `HR API: ${app.name}`,
      details: { via: 'HR API', employments: 1, userAccountDeleted: true },
    });
    expect((await del(`/People('${person.personCode}')`, token)).status).toBe(404);
  });

  it('a read-only token is refused (403) and nothing is deleted', async () => {
    const tenant = await createTenant();
    const person = await insertPerson(tenant.id);
    const token = await tokenFor(await createApp(tenant.id, ['api_read']));
    const response = await del(`/People('${person.personCode}')`, token);
    expect(response.status).toBe(403);
    expect(await getDb().select().from(people).where(eq(people.id, person.id))).toHaveLength(1);
  });

  it("another tenant's person is not found (404) and stays", async () => {
    const { token } = await writer();
    const other = await createTenant();
    const person = await insertPerson(other.id);
    const response = await del(`/People('${person.personCode}')`, token);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBeTruthy();
    expect(await getDb().select().from(people).where(eq(people.id, person.id))).toHaveLength(1);
  });

  it('departments cannot be deleted: 405 with Allow: GET', async () => {
    const { tenant, token } = await writer();
    await createDepartment(tenant.id, 'OPS');
    const response = await del(`/Departments('OPS')`, token);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});
