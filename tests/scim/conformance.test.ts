// The conformance gaps of issue 17: one timestamp precision, noTarget for a value filter that selects nothing,
// Groups that say what they offer, the RFC 7643 schema descriptions.
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { userAccounts } from '@/db/schema';
import * as groupsRoute from '@/app/scim/v2/[tenantId]/Groups/route';
import * as groupRoute from '@/app/scim/v2/[tenantId]/Groups/[id]/route';
import { createDepartment, createPerson, createScimTenant } from '@/tests/support/scim-factories';
import { PATCH_OP, scimClient } from '@/tests/support/scim-client';

const op = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });
const filter = (expression: string) => `filter=${encodeURIComponent(expression)}`;

async function tenantWithUser() {
  const { tenantId, token } = await createScimTenant();
  const department = await createDepartment(tenantId, 'Sales');
  const person = await createPerson(tenantId, { departmentId: department.id });
  const scim = scimClient(tenantId, token);
  const created = await scim.post('/Users', {
    userName: person.internalEmail,
    emails: [{ value: person.internalEmail, type: 'work', primary: true }],
  });
  expect(created.status).toBe(201);
  return { scim, tenantId, id: created.body.id as string, department };
}

describe('meta.created / meta.lastModified: one precision (microseconds) stored, compared and shown', () => {
  it('a User: the value the server returned matches with eq, and gt/lt bracket it exactly', async () => {
    const { scim, id } = await tenantWithUser();
    // Microseconds that are not a whole millisecond, as PostgreSQL stores them
    await getDb()
      .update(userAccounts)
      .set({ updatedAt: sql`'2026-03-04T05:06:07.123456Z'::timestamptz` })
      .where(eq(userAccounts.id, id));
    const user = (await scim.get(`/Users/${id}`)).body;
    expect(user.meta.lastModified).toBe('2026-03-04T05:06:07.123456Z');
    expect(user.meta.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    const ids = async (expression: string) =>
      (await scim.get(`/Users?${filter(expression)}`)).body.Resources.map((r: { id: string }) => r.id);
    expect(await ids(`meta.lastModified eq "${user.meta.lastModified}"`)).toEqual([id]);
    expect(await ids(`meta.created eq "${user.meta.created}"`)).toEqual([id]);
    expect(await ids(`meta.lastModified gt "${user.meta.lastModified}"`)).toEqual([]);
    expect(await ids(`meta.lastModified ge "${user.meta.lastModified}"`)).toEqual([id]);
    expect(await ids(`meta.lastModified lt "2026-03-04T05:06:07.123457Z"`)).toEqual([id]);
    // The millisecond form (what the server used to show) is a different instant, and says so
    expect(await ids(`meta.lastModified eq "2026-03-04T05:06:07.123Z"`)).toEqual([]);
    // Offsets are honoured
    expect(await ids(`meta.lastModified eq "2026-03-04T06:06:07.123456+01:00"`)).toEqual([id]);
  });

  it('a Group: the list and the single group show microseconds, and eq on the shown value finds it', async () => {
    const { scim, department } = await tenantWithUser();
    const group = (await scim.get(`/Groups/${department.id}`)).body;
    expect(group.meta.lastModified).toMatch(/\.\d{6}Z$/);
    const listed = (await scim.get(`/Groups?${filter(`meta.lastModified eq "${group.meta.lastModified}"`)}`)).body;
    expect(listed.Resources.map((g: { id: string }) => g.id)).toEqual([department.id]);
    expect(listed.Resources[0].meta).toEqual(group.meta);
  });
});

describe('PATCH with a value filter that selects nothing', () => {
  it('emails[type eq "home"].value on an account with only a work email: 400 noTarget, nothing changes', async () => {
    const { scim, id } = await tenantWithUser();
    const before = (await scim.get(`/Users/${id}`)).body;
    for (const body of [
      op({ op: 'replace', path: 'emails[type eq "home"].value', value: 'home@example.test' }),
      op({ op: 'add', path: 'emails[type eq "home"].value', value: 'home@example.test' }),
      op({ op: 'Replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+44 1' }),
      op({ op: 'replace', path: 'emails[value eq "nobody@example.test"].primary', value: true }),
      // one good operation before the bad one: the whole PATCH is refused
      op(
        { op: 'replace', path: 'active', value: false },
        { op: 'replace', path: 'emails[type eq "home"].value', value: 'x@example.test' },
      ),
    ]) {
      const res = await scim.patch(`/Users/${id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ status: '400', scimType: 'noTarget' });
      expect(res.body.detail).toMatch(/matches the filter/);
    }
    const after = (await scim.get(`/Users/${id}`)).body;
    expect(after).toEqual(before);
  });

  it('the Okta/Entra work-email forms still work: replace when present, created when absent', async () => {
    const { scim, id } = await tenantWithUser();
    const replaced = await scim.patch(
      `/Users/${id}`,
      op({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@example.test' }),
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body.emails).toEqual([{ value: 'new@example.test', type: 'work', primary: true }]);
    await scim.patch(`/Users/${id}`, op({ op: 'remove', path: 'emails' }));
    const created = await scim.patch(
      `/Users/${id}`,
      op({ op: 'replace', path: 'emails[type eq "WORK"].value', value: 'again@example.test' }),
    );
    expect(created.status).toBe(200);
    expect(created.body.emails[0].value).toBe('again@example.test');
  });
});

describe('Groups say what they offer; /Schemas descriptions', () => {
  it('OPTIONS on /Groups and /Groups/{id} allow GET only, and so does the 405 of every write', async () => {
    const { scim, tenantId, department } = await tenantWithUser();
    const base = `http://roster.test/scim/v2/${tenantId}`;
    const options = await groupsRoute.OPTIONS(new Request(`${base}/Groups`, { method: 'OPTIONS' }));
    expect(options.headers.get('allow')).toBe('GET');
    const one = await groupRoute.OPTIONS(new Request(`${base}/Groups/${department.id}`, { method: 'OPTIONS' }));
    expect(one.headers.get('allow')).toBe('GET');
    for (const res of [
      await scim.put('/Groups', {}),
      await scim.patch('/Groups', {}),
      await scim.delete('/Groups'),
      await scim.post(`/Groups/${department.id}`, {}),
    ]) {
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET');
    }
  });

  it('the core User schema is described as RFC 7643 describes it: "User Account"', async () => {
    const { scim } = await tenantWithUser();
    const schemas = (await scim.get('/Schemas')).body.Resources as { id: string; description: string }[];
    const user = schemas.find((s) => s.id === 'urn:ietf:params:scim:schemas:core:2.0:User');
    expect(user?.description).toBe('User Account');
    expect((await scim.get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:User')).body.description).toBe(
      'User Account',
    );
  });
});
