// Cezanne's provisioning rules (DESIGN.md "Rules from the seeds"), each with a test that names it.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { people, samlMappings, userAccounts } from '@/db/schema';
import { updateScimSettings } from '@/lib/scim/settings';
import {
  createEmployment,
  createIdentityProvider,
  createPerson,
  createRole,
  createScimTenant,
  createUserAccount,
} from '@/tests/support/scim-factories';
import { ENTERPRISE, PATCH_OP, ROSTER_EXT, scimClient } from '@/tests/support/scim-client';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

function userBody(userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [CORE, ENTERPRISE],
    userName,
    name: { givenName: 'Okta', familyName: 'Name' },
    emails: [{ primary: true, value: userName, type: 'work' }],
    active: true,
    ...extra,
  };
}

async function accountOf(tenantId: string, id: string) {
  const [row] = await getDb()
    .select()
    .from(userAccounts)
    .where(and(eq(userAccounts.tenantId, tenantId), eq(userAccounts.id, id)));
  return row;
}

describe("Rule: SCIM creates an account only for an existing person, matched by the tenant's method", () => {
  it("match method 1, internal email: the primary email equals the person's internal email (case-insensitive)", async () => {
    const { tenantId, token } = await createScimTenant({ matchMethod: 'internal_email' });
    const person = await createPerson(tenantId, {
      internalEmail: 'Grace.Hopper@Northwind.test',
      externalEmail: 'grace@home.test',
    });
    const scim = scimClient(tenantId, token);
    const res = await scim.post('/Users', userBody('grace.hopper@northwind.test'));
    expect(res.status).toBe(201);
    expect((await accountOf(tenantId, res.body.id)).personId).toBe(person.id);
  });

  it('match method 2, external email: the external email matches; the internal one does not', async () => {
    const { tenantId, token } = await createScimTenant({ matchMethod: 'external_email' });
    const person = await createPerson(tenantId, {
      internalEmail: 'alan@northwind.test',
      externalEmail: 'alan.turing@home.test',
    });
    const scim = scimClient(tenantId, token);
    const wrong = await scim.post('/Users', userBody('alan@northwind.test'));
    expect(wrong.status).toBe(400);
    expect(wrong.body.detail).toContain('external email "alan@northwind.test"');
    const res = await scim.post('/Users', userBody('alan.turing@home.test'));
    expect(res.status).toBe(201);
    expect((await accountOf(tenantId, res.body.id)).personId).toBe(person.id);
  });

  it("match method 3, person code: Okta's Employee Number carries the person code", async () => {
    const { tenantId, token } = await createScimTenant({ matchMethod: 'person_code' });
    const person = await createPerson(tenantId, { personCode: 'PC-1234A' });
    const scim = scimClient(tenantId, token);
    const res = await scim.post(
      '/Users',
      userBody('someone@okta.test', { [ENTERPRISE]: { employeeNumber: 'PC-1234A' } }),
    );
    expect(res.status).toBe(201);
    expect((await accountOf(tenantId, res.body.id)).personId).toBe(person.id);
    expect(res.body[ENTERPRISE].employeeNumber).toBe('PC-1234A');
  });

  it("match method 4, employment ID: Okta's Employee Number carries an employment ID of the person", async () => {
    const { tenantId, token } = await createScimTenant({ matchMethod: 'employment_id' });
    const person = await createPerson(tenantId);
    await createEmployment(tenantId, person.id, 'EMP-0042');
    const scim = scimClient(tenantId, token);
    const res = await scim.post(
      '/Users',
      userBody('emp42@okta.test', { [ENTERPRISE]: { employeeNumber: 'emp-0042' } }),
    );
    expect(res.status).toBe(201);
    expect((await accountOf(tenantId, res.body.id)).personId).toBe(person.id);
  });

  it('no matching person: a 400 SCIM error whose detail names the method and the value; nothing is written', async () => {
    const { tenantId, token } = await createScimTenant({ matchMethod: 'person_code' });
    const scim = scimClient(tenantId, token);
    const res = await scim.post('/Users', userBody('nobody@okta.test', { [ENTERPRISE]: { employeeNumber: 'NOPE-1' } }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(res.body.detail).toContain('person code "NOPE-1"');
    expect(await getDb().select().from(userAccounts).where(eq(userAccounts.tenantId, tenantId))).toHaveLength(0);
  });
});

describe('Rule: employeeNumber is required at creation for person code / employment ID only, and never updatable', () => {
  it('methods 3 and 4 refuse a create without employeeNumber (400 invalidValue)', async () => {
    for (const matchMethod of ['person_code', 'employment_id'] as const) {
      const { tenantId, token } = await createScimTenant({ matchMethod });
      const res = await scimClient(tenantId, token).post('/Users', userBody('x@okta.test'));
      expect(res.status).toBe(400);
      expect(res.body.scimType).toBe('invalidValue');
      expect(res.body.detail).toContain('employeeNumber');
    }
  });

  it('methods 1 and 2 do not need it (it may be left blank)', async () => {
    const { tenantId, token } = await createScimTenant({ matchMethod: 'internal_email' });
    await createPerson(tenantId, { internalEmail: 'blank.number@northwind.test' });
    const res = await scimClient(tenantId, token).post(
      '/Users',
      userBody('blank.number@northwind.test', { [ENTERPRISE]: { employeeNumber: '' } }),
    );
    expect(res.status).toBe(201);
  });

  it('PUT and PATCH that change employeeNumber succeed and change nothing (Okta re-sends it)', async () => {
    const { tenantId, token } = await createScimTenant({ matchMethod: 'person_code' });
    const person = await createPerson(tenantId, { personCode: 'KEEP-1' });
    const other = await createPerson(tenantId, { personCode: 'OTHER-2' });
    const scim = scimClient(tenantId, token);
    const created = await scim.post(
      '/Users',
      userBody('keep@okta.test', { [ENTERPRISE]: { employeeNumber: 'KEEP-1' } }),
    );
    const id = created.body.id;
    const put = await scim.put(`/Users/${id}`, { ...created.body, [ENTERPRISE]: { employeeNumber: 'OTHER-2' } });
    expect(put.status).toBe(200);
    expect(put.body[ENTERPRISE].employeeNumber).toBe('KEEP-1');
    const patch = await scim.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: `${ENTERPRISE}:employeeNumber`, value: 'OTHER-2' }],
    });
    expect(patch.status).toBe(200);
    expect(patch.body[ENTERPRISE].employeeNumber).toBe('KEEP-1');
    expect((await accountOf(tenantId, id)).personId).toBe(person.id);
    expect(other.id).not.toBe(person.id);
  });
});

describe("Rule: given and family names are accepted but ignored; responses show the person record's names", () => {
  it('on create, PUT and PATCH the names stay those of the person record, which is never changed', async () => {
    const { tenantId, token } = await createScimTenant();
    const person = await createPerson(tenantId, {
      givenName: 'Katherine',
      familyName: 'Johnson',
      preferredGivenName: 'Kathy',
      internalEmail: 'kj@northwind.test',
    });
    const scim = scimClient(tenantId, token);
    const created = await scim.post(
      '/Users',
      userBody('kj@northwind.test', { name: { givenName: 'Okta', familyName: 'Other' }, displayName: 'Okta Other' }),
    );
    expect(created.body.name).toMatchObject({ givenName: 'Katherine', familyName: 'Johnson' });
    expect(created.body.displayName).toBe('Kathy Johnson');
    const put = await scim.put(`/Users/${created.body.id}`, {
      ...created.body,
      name: { givenName: 'New', familyName: 'Name' },
    });
    expect(put.body.name).toMatchObject({ givenName: 'Katherine', familyName: 'Johnson' });
    const patch = await scim.patch(`/Users/${created.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { 'name.givenName': 'Patched', displayName: 'Patched Name' } }],
    });
    expect(patch.body.name).toMatchObject({ givenName: 'Katherine', familyName: 'Johnson' });
    const [row] = await getDb().select().from(people).where(eq(people.id, person.id));
    expect(row).toMatchObject({ givenName: 'Katherine', familyName: 'Johnson', preferredGivenName: 'Kathy' });
  });
});

describe('Rule: only userName, Cezanne Role and email change on update', () => {
  it('a PUT that changes everything changes only userName, email and role (and active / externalId)', async () => {
    const { tenantId, token } = await createScimTenant();
    await createPerson(tenantId, { internalEmail: 'only@northwind.test' });
    await createRole(tenantId, 'Line Manager');
    const scim = scimClient(tenantId, token);
    const created = await scim.post('/Users', userBody('only@northwind.test', { [ROSTER_EXT]: { role: 'Employee' } }));
    const id = created.body.id;
    const put = await scim.put(`/Users/${id}`, {
      ...created.body,
      userName: 'only.renamed@northwind.test',
      emails: [{ value: 'only.new@northwind.test', type: 'work', primary: true }],
      [ROSTER_EXT]: { role: 'Line Manager' },
      name: { givenName: 'X', familyName: 'Y' },
      displayName: 'X Y',
      title: 'Chief',
      groups: [{ value: 'not-a-group' }],
      meta: { resourceType: 'User', created: '2000-01-01T00:00:00Z' },
      password: 'p4ss',
      someVendorAttribute: { nested: true },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      userName: 'only.renamed@northwind.test',
      emails: [{ value: 'only.new@northwind.test' }],
      roles: [{ value: 'Line Manager' }],
      groups: [],
    });
    expect(put.body.meta.created).toBe(created.body.meta.created);
    const row = await accountOf(tenantId, id);
    expect(row).toMatchObject({ userName: 'only.renamed@northwind.test', email: 'only.new@northwind.test' });
  });

  it("Okta's PUT re-sends read-only and unknown attributes (id, meta, groups, password): never a failure", async () => {
    const { tenantId, token } = await createScimTenant();
    await createPerson(tenantId, { internalEmail: 'ro@northwind.test' });
    const scim = scimClient(tenantId, token);
    const created = await scim.post('/Users', userBody('ro@northwind.test'));
    const put = await scim.put(`/Users/${created.body.id}`, {
      ...created.body,
      id: 'something-else',
      password: 'x',
      schemas: ['urn:unknown'],
    });
    expect(put.status).toBe(200);
    expect(put.body.id).toBe(created.body.id);
  });
});

describe('Rule: the Cezanne Role must name an existing role, base or custom, by its original name', () => {
  it('a base role and a custom role are accepted, from the Roster extension and from roles[].value', async () => {
    const { tenantId, token } = await createScimTenant();
    await createRole(tenantId, 'Payroll Officer', { fr: 'Responsable de la paie' });
    const a = await createPerson(tenantId, { internalEmail: 'base.role@northwind.test' });
    const b = await createPerson(tenantId, { internalEmail: 'custom.role@northwind.test' });
    const scim = scimClient(tenantId, token);
    const base = await scim.post('/Users', userBody('base.role@northwind.test', { [ROSTER_EXT]: { role: 'Manager' } }));
    expect(base.status).toBe(201);
    expect(base.body.roles).toEqual([{ value: 'Manager', primary: true }]);
    const custom = await scim.post(
      '/Users',
      userBody('custom.role@northwind.test', { roles: [{ value: 'Payroll Officer', primary: true }] }),
    );
    expect(custom.status).toBe(201);
    expect(custom.body[ROSTER_EXT].role).toBe('Payroll Officer');
    expect([a.id, b.id]).toHaveLength(2);
  });

  it('a translated name or an unknown role is a 400 invalidValue that names the role, on create and on update', async () => {
    const { tenantId, token } = await createScimTenant();
    await createRole(tenantId, 'Payroll Officer', { fr: 'Responsable de la paie' });
    await createPerson(tenantId, { internalEmail: 'role.check@northwind.test' });
    const scim = scimClient(tenantId, token);
    const translated = await scim.post(
      '/Users',
      userBody('role.check@northwind.test', { [ROSTER_EXT]: { role: 'Responsable de la paie' } }),
    );
    expect(translated.status).toBe(400);
    expect(translated.body).toMatchObject({ scimType: 'invalidValue', status: '400' });
    expect(translated.body.detail).toContain('"Responsable de la paie"');
    expect(await getDb().select().from(userAccounts).where(eq(userAccounts.tenantId, tenantId))).toHaveLength(0);

    const created = await scim.post(
      '/Users',
      userBody('role.check@northwind.test', { [ROSTER_EXT]: { role: 'Payroll Officer' } }),
    );
    expect(created.status).toBe(201);
    const patch = await scim.patch(`/Users/${created.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: `${ROSTER_EXT}:role`, value: 'Chief Happiness Officer' }],
    });
    expect(patch.status).toBe(400);
    expect(patch.body.detail).toContain('"Chief Happiness Officer"');
    const put = await scim.put(`/Users/${created.body.id}`, { ...created.body, roles: [{ value: 'payroll officer' }] });
    expect(put.status).toBe(400);
    expect(put.body.detail).toContain('"payroll officer"');
    expect((await scim.get(`/Users/${created.body.id}`)).body.roles).toEqual([
      { value: 'Payroll Officer', primary: true },
    ]);
  });

  it('the role changes by PATCH (roles[].value or the extension) and by PUT', async () => {
    const { tenantId, token } = await createScimTenant();
    await createPerson(tenantId, { internalEmail: 'role.change@northwind.test' });
    const scim = scimClient(tenantId, token);
    const created = await scim.post(
      '/Users',
      userBody('role.change@northwind.test', { [ROSTER_EXT]: { role: 'Employee' } }),
    );
    const id = created.body.id;
    const viaRoles = await scim.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'roles', value: [{ value: 'Manager' }] }],
    });
    expect(viaRoles.body[ROSTER_EXT].role).toBe('Manager');
    const viaExt = await scim.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { [`${ROSTER_EXT}:role`]: 'Administrator' } }],
    });
    expect(viaExt.body.roles).toEqual([{ value: 'Administrator', primary: true }]);
    const viaPut = await scim.put(`/Users/${id}`, { ...viaExt.body, [ROSTER_EXT]: { role: 'HR Professional' } });
    expect(viaPut.body.roles).toEqual([{ value: 'HR Professional', primary: true }]);
  });
});

describe('Rule: SAML mappings are created with the account when the tenant turns them on; updates never touch them', () => {
  it('creates IdP + identifier = userName at creation; a later userName change leaves the mapping as it was', async () => {
    const { tenantId, token, idp } = await createScimTenant({ saml: true });
    await createPerson(tenantId, { internalEmail: 'saml@northwind.test' });
    const scim = scimClient(tenantId, token);
    const created = await scim.post('/Users', userBody('saml@northwind.test'));
    const id = created.body.id;
    const mapping = () => getDb().select().from(samlMappings).where(eq(samlMappings.userAccountId, id));
    expect(await mapping()).toMatchObject([
      { identityProviderId: idp!.id, userIdentifier: 'saml@northwind.test', tenantId },
    ]);
    await scim.patch(`/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'userName', value: 'saml.renamed@northwind.test' }],
    });
    await scim.put(`/Users/${id}`, { ...(await scim.get(`/Users/${id}`)).body, active: false });
    expect(await mapping()).toMatchObject([{ identityProviderId: idp!.id, userIdentifier: 'saml@northwind.test' }]);
  });

  it('no mapping is created while the tenant has SAML mappings off', async () => {
    const { tenantId, token } = await createScimTenant({ saml: false });
    await createIdentityProvider(tenantId);
    await createPerson(tenantId, { internalEmail: 'nosaml@northwind.test' });
    const created = await scimClient(tenantId, token).post('/Users', userBody('nosaml@northwind.test'));
    expect(
      await getDb().select().from(samlMappings).where(eq(samlMappings.userAccountId, created.body.id)),
    ).toHaveLength(0);
  });

  it('the mapping follows the settings at the time of creation', async () => {
    const { tenantId, token } = await createScimTenant({ saml: false });
    const idp = await createIdentityProvider(tenantId);
    await updateScimSettings(getDb(), tenantId, {
      matchMethod: 'internal_email',
      createSamlMappings: true,
      identityProviderId: idp.id,
      userIdentifier: 'scim_username',
    });
    await createPerson(tenantId, { internalEmail: 'later@northwind.test' });
    const created = await scimClient(tenantId, token).post('/Users', userBody('later@northwind.test'));
    expect(
      await getDb().select().from(samlMappings).where(eq(samlMappings.userAccountId, created.body.id)),
    ).toHaveLength(1);
  });
});

describe('Rule: deactivation (active:false by PATCH or PUT) keeps the account readable; reactivation flips it back', () => {
  it('PATCH and PUT both deactivate and reactivate; the account stays in GET and in filters', async () => {
    const { tenantId, token } = await createScimTenant();
    await createPerson(tenantId, { internalEmail: 'deact@northwind.test' });
    const scim = scimClient(tenantId, token);
    const { body } = await scim.post('/Users', userBody('deact@northwind.test'));
    await scim.patch(`/Users/${body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    expect((await scim.get(`/Users/${body.id}`)).body.active).toBe(false);
    expect(
      (await scim.get('/Users?filter=active%20eq%20false')).body.Resources.map((u: { id: string }) => u.id),
    ).toEqual([body.id]);
    await scim.put(`/Users/${body.id}`, { ...(await scim.get(`/Users/${body.id}`)).body, active: true });
    expect((await accountOf(tenantId, body.id)).active).toBe(true);
    await scim.put(`/Users/${body.id}`, { ...(await scim.get(`/Users/${body.id}`)).body, active: false });
    expect((await scim.get(`/Users/${body.id}`)).body).toMatchObject({ id: body.id, active: false });
  });

  it('a PUT without "active" leaves the state as it is', async () => {
    const { tenantId, token } = await createScimTenant();
    await createPerson(tenantId, { internalEmail: 'keepstate@northwind.test' });
    const scim = scimClient(tenantId, token);
    const { body } = await scim.post('/Users', userBody('keepstate@northwind.test', { active: false }));
    expect(body.active).toBe(false);
    const { active: _omit, ...withoutActive } = body;
    expect((await scim.put(`/Users/${body.id}`, withoutActive)).body.active).toBe(false);
  });
});

describe('Rule: one account per person, unique userName (409 uniqueness)', () => {
  it('a person who already has an account: 409 uniqueness, and the existing account is unchanged', async () => {
    const { tenantId, token } = await createScimTenant();
    const person = await createPerson(tenantId, { internalEmail: 'twice@northwind.test' });
    const existing = await createUserAccount(tenantId, person.id, 'first@northwind.test');
    const res = await scimClient(tenantId, token).post(
      '/Users',
      userBody('second@northwind.test', { emails: [{ value: 'twice@northwind.test', primary: true }] }),
    );
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    expect(res.body.detail).toMatch(/already has a user account/);
    expect((await accountOf(tenantId, existing.id)).userName).toBe('first@northwind.test');
  });

  it('a taken userName (any case) on create or on update: 409 uniqueness', async () => {
    const { tenantId, token } = await createScimTenant();
    const p1 = await createPerson(tenantId);
    await createUserAccount(tenantId, p1.id, 'taken@northwind.test');
    await createPerson(tenantId, { internalEmail: 'free@northwind.test' });
    const scim = scimClient(tenantId, token);
    const res = await scim.post(
      '/Users',
      userBody('TAKEN@northwind.test', { emails: [{ value: 'free@northwind.test', primary: true }] }),
    );
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('userName "TAKEN@northwind.test"');
    const ok = await scim.post('/Users', userBody('free@northwind.test'));
    const rename = await scim.patch(`/Users/${ok.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'userName', value: 'Taken@Northwind.test' }],
    });
    expect(rename.status).toBe(409);
    expect((await accountOf(tenantId, ok.body.id)).userName).toBe('free@northwind.test');
  });
});

describe('Rule: DELETE removes the account, the person stays', () => {
  it('204, then GET 404, the SAML mappings go with the account, the person record remains', async () => {
    const { tenantId, token } = await createScimTenant({ saml: true });
    const person = await createPerson(tenantId, { internalEmail: 'del@northwind.test' });
    const scim = scimClient(tenantId, token);
    const { body } = await scim.post('/Users', userBody('del@northwind.test'));
    const res = await scim.delete(`/Users/${body.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await scim.get(`/Users/${body.id}`)).status).toBe(404);
    expect((await scim.delete(`/Users/${body.id}`)).status).toBe(404);
    expect(await getDb().select().from(samlMappings).where(eq(samlMappings.userAccountId, body.id))).toHaveLength(0);
    expect(await getDb().select().from(people).where(eq(people.id, person.id))).toHaveLength(1);
    // The person can be provisioned again.
    expect((await scim.post('/Users', userBody('del@northwind.test'))).status).toBe(201);
  });
});
