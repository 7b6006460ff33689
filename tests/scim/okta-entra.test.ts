// Replays what Okta (catalog app and custom AIW app) and Microsoft Entra really send, against the real route
// handlers on a real database (see shared/reference/okta-entra-scim.md).
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { samlMappings, userAccounts } from '@/db/schema';
import { createPerson, createRole, createScimTenant, createDepartment } from '@/tests/support/scim-factories';
import { ENTERPRISE, PATCH_OP, ROSTER_EXT, scimClient } from '@/tests/support/scim-client';

const OKTA_HEADERS = {
  'user-agent': 'Okta SCIM Client 1.0.0',
  accept: 'application/scim+json',
  'accept-charset': 'utf-8',
};
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('Okta catalog app (OIN): PUT for profile updates, PATCH for (de)activation', () => {
  it('replays the whole sequence: test connection, filter, POST, GET, PUT (merged), PATCH active false/true', async () => {
    const { tenantId, token } = await createScimTenant({ saml: true });
    const department = await createDepartment(tenantId, 'Engineering');
    const person = await createPerson(tenantId, {
      givenName: 'Test',
      familyName: 'Person',
      internalEmail: 'test.user@okta.local',
      departmentId: department.id,
    });
    await createRole(tenantId, 'Payroll Officer');
    const okta = scimClient(tenantId, token, { headers: OKTA_HEADERS });

    // "Test API Credentials": the only call Okta makes.
    const test = await okta.get('/Users?startIndex=1&count=2');
    expect(test.status).toBe(200);
    expect(test.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(test.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
    expect((await okta.get('/Groups?startIndex=1&count=100')).status).toBe(200);

    // Assign user: filter by userName (URL-encoded as Okta sends it), nothing found, then POST.
    const search = await okta.get('/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100');
    expect(search.status).toBe(200);
    expect(search.body.totalResults).toBe(0);

    const created = await okta.post('/Users', {
      schemas: [CORE],
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
      [ROSTER_EXT]: { role: 'Payroll Officer' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.get('location')).toBe(`http://roster.test/scim/v2/${tenantId}/Users/${id}`);
    expect(created.body).toMatchObject({
      id,
      userName: 'test.user@okta.local',
      externalId: '00ujl29u0le5T6Aj10h7',
      active: true,
      name: { givenName: 'Test', familyName: 'Person' },
      emails: [{ value: 'test.user@okta.local', type: 'work', primary: true }],
      roles: [{ value: 'Payroll Officer', primary: true }],
      [ROSTER_EXT]: { role: 'Payroll Officer' },
      [ENTERPRISE]: { employeeNumber: person.personCode, department: 'Engineering' },
      groups: [{ value: department.id, display: 'Engineering' }],
      meta: { resourceType: 'User', location: `http://roster.test/scim/v2/${tenantId}/Users/${id}` },
    });
    expect(created.body).not.toHaveProperty('password');

    // Update User Attributes: GET, then PUT our response with Okta's changes merged in (id, meta, groups included).
    const fetched = await okta.get(`/Users/${id}`);
    expect(fetched.status).toBe(200);
    const put = await okta.put(`/Users/${id}`, {
      ...fetched.body,
      userName: 'test.user2@okta.local',
      name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user2@okta.local', type: 'work', display: 'test.user2@okta.local' }],
      password: 'zzz-okta-random',
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      id,
      userName: 'test.user2@okta.local',
      name: { givenName: 'Test', familyName: 'Person' },
      emails: [{ value: 'test.user2@okta.local' }],
      roles: [{ value: 'Payroll Officer' }],
      active: true,
    });

    // Deactivate (PATCH, no path) → still readable with active:false → filter finds it → reactivate.
    const off = await okta.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const stillThere = await okta.get(`/Users/${id}`);
    expect(stillThere.status).toBe(200);
    expect(stillThere.body.active).toBe(false);
    const found = await okta.get('/Users?filter=userName%20eq%20%22TEST.USER2%40okta.local%22&startIndex=1&count=100');
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).toMatchObject({ id, active: false });
    const on = await okta.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect(on.status).toBe(200);
    expect(on.body.active).toBe(true);

    // The SAML mapping was created with the account (identifier = the userName at creation) and left alone since.
    const mappings = await getDb().select().from(samlMappings).where(eq(samlMappings.userAccountId, id));
    expect(mappings).toHaveLength(1);
    expect(mappings[0].userIdentifier).toBe('test.user@okta.local');
  });
});

describe('Okta custom app (AIW): every update is a PUT, deactivation included', () => {
  it('PUT with active:false deactivates and keeps the account readable; PUT with active:true reactivates', async () => {
    const { tenantId, token } = await createScimTenant();
    await createPerson(tenantId, { internalEmail: 'aiw.user@northwind.test' });
    const okta = scimClient(tenantId, token, { headers: { 'content-type': 'application/json' } });
    const created = await okta.post('/Users', {
      schemas: [CORE, ENTERPRISE],
      userName: 'aiw.user@northwind.test',
      name: { givenName: 'Aiw', familyName: 'User' },
      emails: [{ primary: true, value: 'aiw.user@northwind.test', type: 'work' }],
      title: 'Manager',
      [ENTERPRISE]: { department: 'Engineering' },
      externalId: '00uabc',
      groups: [],
      password: 'secret-pass',
      active: true,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const before = (await okta.get(`/Users/${id}`)).body;
    const off = await okta.put(`/Users/${id}`, { ...before, active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await okta.get(`/Users/${id}`)).body.active).toBe(false);

    const again = (await okta.get(`/Users/${id}`)).body;
    const on = await okta.put(`/Users/${id}`, { ...again, active: true });
    expect(on.body.active).toBe(true);
    const [row] = await getDb()
      .select()
      .from(userAccounts)
      .where(and(eq(userAccounts.tenantId, tenantId), eq(userAccounts.id, id)));
    expect(row.active).toBe(true);
  });
});

describe('Microsoft Entra ID', () => {
  async function entraSetup() {
    const setup = await createScimTenant();
    const person = await createPerson(setup.tenantId, { internalEmail: 'entra.user@contoso.test' });
    const entra = scimClient(setup.tenantId, setup.token, { headers: { 'content-type': 'application/scim+json' } });
    // Entra probes with a random user first and expects an empty 200 list.
    const probe = await entra.get(`/Users?filter=userName+eq+%22${crypto.randomUUID()}%22`);
    expect(probe.status).toBe(200);
    expect(probe.body.totalResults).toBe(0);
    const created = await entra.post('/Users', {
      schemas: [CORE, ENTERPRISE],
      externalId: 'entra-ext-1',
      userName: 'entra.user@contoso.test',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'entra.user@contoso.test' }],
      displayName: 'Entra User',
      name: { formatted: 'Entra User', familyName: 'User', givenName: 'Entra' },
      [ENTERPRISE]: { employeeNumber: 'ignored-for-email-matching' },
    });
    expect(created.status).toBe(201);
    return { ...setup, person, entra, id: created.body.id as string };
  }

  it('default (non-compliant) form: capitalised ops, "False"/"True" strings, emails[type eq "work"].value, URN paths', async () => {
    const { entra, id, person, tenantId } = await entraSetup();
    expect((await entra.get(`/Users?filter=externalId+eq+%22entra-ext-1%22`)).body.totalResults).toBe(1);

    const update = await entra.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'Pvlo' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com' },
        { op: 'Replace', path: 'name.givenName', value: 'Gtfd' },
        { op: 'Replace', path: 'name.familyName', value: 'Pkqf' },
        { op: 'Replace', path: 'externalId', value: 'Eqpj' },
        { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: 'Eqpj' },
      ],
    });
    expect(update.status).toBe(200);
    expect(update.body).toMatchObject({
      emails: [{ value: 'TestBcwqnm@test.microsoft.com', type: 'work' }],
      externalId: 'Eqpj',
      name: { givenName: person.givenName, familyName: person.familyName },
      [ENTERPRISE]: { employeeNumber: person.personCode },
    });

    const off = await entra.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const on = await entra.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    });
    expect(on.body.active).toBe(true);

    const renamed = await entra.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'userName', value: 'renamed@contoso.test' }],
    });
    expect(renamed.body.userName).toBe('renamed@contoso.test');

    // Soft delete then DELETE: 204, later GETs 404, the person stays.
    expect((await entra.delete(`/Users/${id}`)).status).toBe(204);
    const gone = await entra.get(`/Users/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' });
    const people = await getDb().query.people.findFirst({ where: (p, { eq }) => eq(p.id, person.id) });
    expect(people?.id).toBe(person.id);
    expect((await entra.get(`/Users?filter=userName+eq+%22renamed%40contoso.test%22`)).body.totalResults).toBe(0);
    void tenantId;
  });

  it('aadOptscim062020 (compliant) form: lowercase ops, real booleans, value objects with dotted and URN keys', async () => {
    const { entra, id, person } = await entraSetup();
    const q = '?aadOptscim062020';
    const update = await entra.patch(`/Users/${id}${q}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'TestMhvaes@test.microsoft.com' },
        {
          op: 'replace',
          value: {
            displayName: 'Bjfe',
            'name.givenName': 'Kkom',
            'name.familyName': 'Unua',
            [`${ENTERPRISE}:employeeNumber`]: 'Aklq',
          },
        },
      ],
    });
    expect(update.status).toBe(200);
    expect(update.body).toMatchObject({
      emails: [{ value: 'TestMhvaes@test.microsoft.com' }],
      name: { givenName: person.givenName, familyName: person.familyName },
      [ENTERPRISE]: { employeeNumber: person.personCode },
    });
    const off = await entra.patch(`/Users/${id}${q}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    expect(off.body.active).toBe(false);
    const filtered = await entra.get(
      `/Users${q}&filter=${encodeURIComponent('userName eq "entra.user@contoso.test" and active eq false')}`,
    );
    expect(filtered.body.totalResults).toBe(1);
  });

  it('Entra reads /Schemas and queries groups by displayName with excludedAttributes=members', async () => {
    const { entra, tenantId } = await entraSetup();
    await createDepartment(tenantId, 'Finance');
    const schemas = await entra.get('/Schemas');
    expect(schemas.status).toBe(200);
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining([CORE, ENTERPRISE, ROSTER_EXT, 'urn:ietf:params:scim:schemas:core:2.0:Group']),
    );
    const groups = await entra.get(
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "finance"')}`,
    );
    expect(groups.status).toBe(200);
    expect(groups.body.totalResults).toBe(1);
    expect(groups.body.Resources[0].displayName).toBe('Finance');
    expect(groups.body.Resources[0]).not.toHaveProperty('members');
  });
});
