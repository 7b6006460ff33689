// SCIM protocol coverage against the real route handlers: auth, media types, errors, filters, paging,
// attributes, PATCH forms, groups, discovery and tenant isolation.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { userAccounts } from '@/db/schema';
import { generateScimToken, setScimEnabled } from '@/lib/scim/settings';
import { createDepartment, createPerson, createScimTenant } from '@/tests/support/scim-factories';
import { ENTERPRISE, PATCH_OP, ROSTER_EXT, scimCall, scimClient } from '@/tests/support/scim-client';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const NOT_OURS = '010101001010101011001010101011';

async function tenantWithUsers(
  names: { userName: string; family?: string; email?: string | null; active?: boolean }[],
) {
  const setup = await createScimTenant();
  const scim = scimClient(setup.tenantId, setup.token);
  const ids: string[] = [];
  for (const [i, n] of names.entries()) {
    await createPerson(setup.tenantId, { internalEmail: n.email ?? n.userName, familyName: n.family ?? `Family${i}` });
    const res = await scim.post('/Users', {
      userName: n.userName,
      emails: n.email === null ? [] : [{ value: n.email ?? n.userName, type: 'work', primary: true }],
      active: n.active ?? true,
      externalId: `ext-${i}`,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.id);
  }
  return { ...setup, scim, ids };
}

describe('SCIM wrapper: authentication and errors', () => {
  it('missing, wrong and other-tenant tokens, unknown tenant ids, SCIM switched off: 401 SCIM errors with detail', async () => {
    const a = await createScimTenant();
    const b = await createScimTenant();
    const cases = [
      await scimCall(a.tenantId, 'GET', '/Users', {}),
      await scimCall(a.tenantId, 'GET', '/Users', { token: 'wrong' }),
      await scimCall(a.tenantId, 'GET', '/Users', { token: b.token }),
      await scimCall(crypto.randomUUID(), 'GET', '/Users', { token: a.token }),
      await scimCall(a.tenantId, 'GET', '/Users', { headers: { authorization: `Basic ${btoa('a:b')}` } }),
    ];
    for (const res of cases) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
      expect(res.body).toMatchObject({ schemas: [ERROR], status: '401' });
      expect(res.body.detail).toEqual(expect.any(String));
    }
    await setScimEnabled(getDb(), a.tenantId, false);
    const off = await scimCall(a.tenantId, 'POST', '/Users', { token: a.token, body: { userName: 'x' } });
    expect(off.status).toBe(401);
    expect(off.body.detail).toMatch(/switched off/);
  });

  it('a SCIM URL without the tenant id (or with something else in its place) is a 404 that says so, not "wrong token"', async () => {
    const a = await createScimTenant();
    for (const [tenantSegment, pattern] of [
      ['Users', /missing the tenant ID: it must be \/scim\/v2\/<tenant ID>\/Users/],
      ['ServiceProviderConfig', /missing the tenant ID/],
      [NOT_OURS, /no valid tenant ID/],
    ] as const) {
      for (const token of [a.token, 'wrong', null]) {
        const res = await scimCall(tenantSegment, 'GET', '/Users', { token });
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ schemas: [ERROR], status: '404' });
        expect(res.body.detail).toMatch(pattern);
        expect(res.body.detail).not.toMatch(/token/i);
      }
    }
  });

  it('regenerating the token: the old token is refused by the SCIM routes at once', async () => {
    const { tenantId, token, staff } = await createScimTenant();
    expect((await scimCall(tenantId, 'GET', '/Users', { token })).status).toBe(200);
    const { token: fresh } = await generateScimToken(getDb(), tenantId, staff.id);
    expect((await scimCall(tenantId, 'GET', '/Users', { token })).status).toBe(401);
    expect((await scimCall(tenantId, 'GET', '/Users', { token: fresh })).status).toBe(200);
  });

  it('accepts application/scim+json and application/json, with or without charset; refuses other media types (415)', async () => {
    const { tenantId, token } = await createScimTenant();
    for (const [i, type] of [
      'application/scim+json',
      'application/scim+json; charset=utf-8',
      'application/json',
      'application/json;charset=UTF-8',
    ].entries()) {
      await createPerson(tenantId, { internalEmail: `media${i}@northwind.test` });
      const res = await scimCall(tenantId, 'POST', '/Users', {
        token,
        body: { userName: `media${i}@northwind.test` },
        headers: { 'content-type': type },
      });
      expect(res.status, type).toBe(201);
      expect(res.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    }
    const plain = await scimCall(tenantId, 'POST', '/Users', {
      token,
      rawBody: '{}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);
    expect(plain.body.status).toBe('415');
  });

  it('malformed JSON is 400 invalidSyntax, an empty body too, a body over 1 MB is 413: never a 500', async () => {
    const { tenantId, token } = await createScimTenant();
    const bad = await scimCall(tenantId, 'POST', '/Users', { token, rawBody: '{"userName": ' });
    expect(bad).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax', status: '400' } });
    const empty = await scimCall(tenantId, 'POST', '/Users', { token, rawBody: '' });
    expect(empty.status).toBe(400);
    const array = await scimCall(tenantId, 'POST', '/Users', { token, body: [1, 2] });
    expect(array).toMatchObject({ status: 400, body: { scimType: 'invalidSyntax' } });
    const big = await scimCall(tenantId, 'POST', '/Users', {
      token,
      body: { userName: 'big', padding: 'x'.repeat(1024 * 1024) },
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ schemas: [ERROR], status: '413' });
    const notString = await scimCall(tenantId, 'POST', '/Users', { token, body: { userName: 42 } });
    expect(notString).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    const longName = await scimCall(tenantId, 'POST', '/Users', { token, body: { userName: 'a'.repeat(5000) } });
    expect(longName.status).toBe(400);
  });

  it(`ids that are not ours (${NOT_OURS}, unknown UUIDs) are 404 on every verb, never a database error`, async () => {
    const { tenantId, token } = await createScimTenant();
    const scim = scimClient(tenantId, token);
    const patch = { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] };
    for (const id of [NOT_OURS, crypto.randomUUID(), "1' or '1'='1"]) {
      const path = `/Users/${encodeURIComponent(id)}`;
      for (const res of [
        await scim.get(path),
        await scim.put(path, { userName: 'x' }),
        await scim.patch(path, patch),
        await scim.delete(path),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ schemas: [ERROR], status: '404' });
      }
      expect((await scim.get(`/Groups/${encodeURIComponent(id)}`)).status).toBe(404);
    }
  });

  it('unknown endpoints answer a SCIM 404 and unsupported verbs a SCIM 405', async () => {
    const { tenantId, token } = await createScimTenant();
    const scim = scimClient(tenantId, token);
    const unknown = await scim.get('/Bulk');
    expect(unknown).toMatchObject({ status: 404, body: { schemas: [ERROR], status: '404' } });
    const notAllowed = await scim.delete('/Users');
    expect(notAllowed).toMatchObject({ status: 405, body: { schemas: [ERROR], status: '405' } });
  });
});

describe('Filters compile to SQL: every operator, logic and value paths', () => {
  let scim: ReturnType<typeof scimClient>;
  let ids: string[];
  beforeAll(async () => {
    ({ scim, ids } = await tenantWithUsers([
      { userName: 'alice.smith@example.test', family: 'Smith' },
      { userName: 'bob.jones@example.test', family: 'Jones', active: false },
      { userName: 'carol.smithers@other.test', family: 'Smithers', email: 'carol@work.test' },
      { userName: 'dave@example.test', family: 'Dave', email: null },
    ]));
  });
  const find = async (filter: string) => {
    const res = await scim.get(`/Users?filter=${encodeURIComponent(filter)}`);
    expect(res.status, `${filter}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body.Resources.map((u: { userName: string }) => u.userName.split('@')[0]).sort();
  };

  it('eq on userName is case-insensitive; externalId is case-exact', async () => {
    expect(await find('userName eq "ALICE.SMITH@example.test"')).toEqual(['alice.smith']);
    expect(await find('UserName Eq "alice.smith@example.test"')).toEqual(['alice.smith']);
    expect(await find(`urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bob.jones@example.test"`)).toEqual([
      'bob.jones',
    ]);
    expect(await find('externalId eq "ext-0"')).toEqual(['alice.smith']);
    expect(await find('externalId eq "EXT-0"')).toEqual([]);
  });

  it('ne, co, sw, ew, pr', async () => {
    expect(await find('userName ne "alice.smith@example.test"')).toEqual(['bob.jones', 'carol.smithers', 'dave']);
    expect(await find('userName co "SMITH"')).toEqual(['alice.smith', 'carol.smithers']);
    expect(await find('userName sw "b"')).toEqual(['bob.jones']);
    expect(await find('userName ew "@other.test"')).toEqual(['carol.smithers']);
    expect(await find('emails pr')).toEqual(['alice.smith', 'bob.jones', 'carol.smithers']);
    expect(await find('name.familyName co "smith"')).toEqual(['alice.smith', 'carol.smithers']);
  });

  it('emails.value, emails[type eq "work"].value and emails[type eq "work" and value co …]', async () => {
    expect(await find('emails.value eq "carol@work.test"')).toEqual(['carol.smithers']);
    expect(await find('emails[type eq "work"].value eq "CAROL@work.test"')).toEqual(['carol.smithers']);
    expect(await find('emails[type eq "work" and value co "example"]')).toEqual(['alice.smith', 'bob.jones']);
    expect(await find('emails[type eq "home"]')).toEqual([]);
  });

  it('active, and / or / not with parentheses (missing attributes count as false)', async () => {
    expect(await find('active eq false')).toEqual(['bob.jones']);
    expect(await find('active eq true and (userName sw "a" or userName sw "c")')).toEqual([
      'alice.smith',
      'carol.smithers',
    ]);
    expect(await find('not (userName co "smith")')).toEqual(['bob.jones', 'dave']);
    expect(await find('not (emails.value co "example")')).toEqual(['carol.smithers', 'dave']);
    expect(await find('userName eq "x" or not(active eq true)')).toEqual(['bob.jones']);
  });

  it('gt, ge, lt, le on meta.lastModified', async () => {
    const all = (await scim.get('/Users')).body.Resources as { id: string; meta: { lastModified: string } }[];
    const third = all.find((u) => u.id === ids[2])!.meta.lastModified;
    expect(await find(`meta.lastModified ge "${third}"`)).toEqual(expect.arrayContaining(['carol.smithers', 'dave']));
    expect(await find(`meta.lastModified lt "${third}"`)).toEqual(['alice.smith', 'bob.jones']);
    expect(
      await find(`meta.lastModified gt "2000-01-01T00:00:00Z" and meta.lastModified le "2999-01-01T00:00:00Z"`),
    ).toHaveLength(4);
  });

  it('unsupported attributes, bad syntax and bad values are 400 invalidFilter', async () => {
    for (const filter of [
      'title eq "x"',
      'userName eq',
      'userName zz "x"',
      'active eq "maybe"',
      'meta.lastModified gt "yesterday"',
      'userName eq "a" and',
      '(userName eq "a"',
    ]) {
      const res = await scim.get(`/Users?filter=${encodeURIComponent(filter)}`);
      expect(res.status, filter).toBe(400);
      expect(res.body).toMatchObject({ scimType: 'invalidFilter', status: '400' });
    }
  });

  it('the userName filter uses the index (tenant, lower(userName)), not a scan of all users', async () => {
    const { userFilterSql, parseScimFilter } = await import('@/lib/scim/filter');
    const { sql } = await import('drizzle-orm');
    const { tenantId } = await createScimTenant();
    await getDb().execute(sql`insert into people (tenant_id, person_code, given_name, family_name, internal_email)
      select ${tenantId}, 'IX' || i, 'G', 'F', 'ix' || i || '@index.test' from generate_series(1, 3000) i`);
    await getDb().execute(sql`insert into user_accounts (tenant_id, person_id, user_name, email)
      select tenant_id, id, internal_email, internal_email from people where tenant_id = ${tenantId}`);
    await getDb().execute(sql`analyze user_accounts`);
    const where = userFilterSql(parseScimFilter('userName eq "IX77@index.test"'));
    const plan = await getDb().execute(
      sql`explain select ua.id from user_accounts ua left join people p on p.id = ua.person_id where ua.tenant_id = ${tenantId} and ${where}`,
    );
    const text = plan.rows.map((r) => Object.values(r)[0]).join('\n');
    expect(text).toContain('user_accounts_tenant_user_name_uq');
    expect(text).toMatch(/Index Cond: .*lower\(user_name\)/);
    expect(text).not.toContain('Seq Scan');
    expect(text).not.toContain('people');
  });
});

describe('Paging and attributes', () => {
  it('integer totalResults/startIndex/itemsPerPage, startIndex<1 → 1, count=0, negative count, stable order across pages', async () => {
    const { scim, ids } = await tenantWithUsers(
      Array.from({ length: 7 }, (_, i) => ({ userName: `page${i}@example.test` })),
    );
    const first = await scim.get('/Users?startIndex=0&count=3');
    expect(first.body).toMatchObject({ totalResults: 7, startIndex: 1, itemsPerPage: 3 });
    const pages: string[] = [];
    for (let start = 1; start <= 7; start += 3) {
      const page = await scim.get(`/Users?startIndex=${start}&count=3`);
      expect(page.body.totalResults).toBe(7);
      expect(Number.isInteger(page.body.itemsPerPage)).toBe(true);
      pages.push(...page.body.Resources.map((u: { id: string }) => u.id));
    }
    expect(pages).toEqual(ids);
    const countOnly = await scim.get('/Users?count=0');
    expect(countOnly.body).toMatchObject({ totalResults: 7, itemsPerPage: 0, Resources: [] });
    expect((await scim.get('/Users?count=-5')).body).toMatchObject({ totalResults: 7, itemsPerPage: 0 });
    const past = await scim.get('/Users?startIndex=50&count=10');
    expect(past.body).toMatchObject({ totalResults: 7, startIndex: 50, itemsPerPage: 0, Resources: [] });
    expect((await scim.get('/Users?count=100000')).body.itemsPerPage).toBe(7);
    expect((await scim.get('/Users?count=abc')).status).toBe(400);
  });

  it('attributes and excludedAttributes (id and schemas always returned; URN paths accepted)', async () => {
    const { scim, ids } = await tenantWithUsers([{ userName: 'attrs@example.test' }]);
    const only = await scim.get(`/Users/${ids[0]}?attributes=userName,name.familyName,${ENTERPRISE}:employeeNumber`);
    expect(Object.keys(only.body).sort()).toEqual(['id', 'name', 'schemas', 'userName', ENTERPRISE].sort());
    expect(Object.keys(only.body.name)).toEqual(['familyName']);
    expect(Object.keys(only.body[ENTERPRISE])).toEqual(['employeeNumber']);
    const list = await scim.get('/Users?attributes=emails.value');
    expect(list.body.Resources[0]).toEqual({
      schemas: expect.any(Array),
      id: ids[0],
      emails: [{ value: 'attrs@example.test' }],
    });
    const without = await scim.get(`/Users/${ids[0]}?excludedAttributes=groups,meta,name.givenName,id`);
    expect(without.body).not.toHaveProperty('groups');
    expect(without.body).not.toHaveProperty('meta');
    expect(without.body.id).toBe(ids[0]);
    expect(without.body.name).not.toHaveProperty('givenName');
    expect(without.body.name).toHaveProperty('familyName');
  });
});

describe('PATCH forms from the reference', () => {
  async function oneUser() {
    const { scim, ids, tenantId } = await tenantWithUsers([{ userName: 'patch@example.test' }]);
    return { scim, id: ids[0], tenantId };
  }
  const op = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

  it('SailPoint add without path, extra keys on an operation, replace-as-add of a missing attribute', async () => {
    const { scim, id } = await oneUser();
    expect((await scim.patch(`/Users/${id}`, op({ op: 'add', value: { active: false } }))).body.active).toBe(false);
    expect(
      (await scim.patch(`/Users/${id}`, op({ op: 'Replace', name: 'enable', path: 'active', value: true }))).body
        .active,
    ).toBe(true);
    await scim.patch(`/Users/${id}`, op({ op: 'remove', path: 'externalId' }));
    const added = await scim.patch(`/Users/${id}`, op({ op: 'replace', path: 'externalId', value: 'new-ext' }));
    expect(added.body.externalId).toBe('new-ext');
  });

  it('emails[type eq "work"].value with no work email creates it; remove emails clears it', async () => {
    const { scim, id, tenantId } = await oneUser();
    expect((await scim.patch(`/Users/${id}`, op({ op: 'remove', path: 'emails' }))).body.emails).toEqual([]);
    const res = await scim.patch(
      `/Users/${id}`,
      op({ op: 'replace', path: 'emails[type eq "work"].value', value: 'fresh@example.test' }),
    );
    expect(res.body.emails).toEqual([{ value: 'fresh@example.test', type: 'work', primary: true }]);
    const [row] = await getDb().select().from(userAccounts).where(eq(userAccounts.id, id));
    expect(row.email).toBe('fresh@example.test');
    void tenantId;
  });

  it('full value object with the extension container and Roster role key', async () => {
    const { scim, id } = await oneUser();
    const res = await scim.patch(
      `/Users/${id}`,
      op({ op: 'replace', value: { userName: 'renamed@example.test', [ROSTER_EXT]: { role: 'Manager' } } }),
    );
    expect(res.body).toMatchObject({ userName: 'renamed@example.test', roles: [{ value: 'Manager' }] });
  });

  it('bad PATCH bodies: invalidSyntax, noTarget, invalidPath, invalidValue; nothing changes', async () => {
    const { scim, id } = await oneUser();
    const cases: [unknown, string][] = [
      [{ schemas: [PATCH_OP] }, 'invalidSyntax'],
      [op({ op: 'move', path: 'active', value: true }), 'invalidSyntax'],
      [op({ op: 'remove' }), 'noTarget'],
      [op({ op: 'replace', path: 'emails[type eq "home"]', value: { value: 'x@y.z' } }), 'noTarget'],
      [op({ op: 'replace', path: 'emails[type eq ', value: 'x' }), 'invalidPath'],
      [op({ op: 'replace', path: 'active', value: 'yes' }), 'invalidValue'],
      [op({ op: 'replace', value: 'not-an-object' }), 'invalidSyntax'],
      [op({ op: 'replace', path: 'userName', value: '' }), 'invalidValue'],
      [op({ op: 'replace', path: 'emails[type eq "work"].value', value: 'not an email' }), 'invalidValue'],
    ];
    for (const [body, scimType] of cases) {
      const res = await scim.patch(`/Users/${id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.scimType, JSON.stringify(body)).toBe(scimType);
    }
    expect((await scim.get(`/Users/${id}`)).body).toMatchObject({ userName: 'patch@example.test', active: true });
  });
});

describe("Groups: the tenant's departments with members, read-only", () => {
  it('lists and reads departments with their members; writes answer that groups are managed in HR', async () => {
    const { tenantId, token } = await createScimTenant();
    const sales = await createDepartment(tenantId, 'Sales');
    await createDepartment(tenantId, 'Empty');
    await createPerson(tenantId, { internalEmail: 'seller@northwind.test', departmentId: sales.id });
    const scim = scimClient(tenantId, token);
    const user = await scim.post('/Users', { userName: 'seller@northwind.test' });
    const list = await scim.get('/Groups?startIndex=1&count=100');
    expect(list.body.totalResults).toBe(2);
    const group = await scim.get(`/Groups/${sales.id}`);
    expect(group.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: sales.id,
      displayName: 'Sales',
      members: [{ value: user.body.id, display: 'seller@northwind.test' }],
      meta: { resourceType: 'Group' },
    });
    const probe = await scim.get(
      `/Groups?filter=${encodeURIComponent(`id eq "${sales.id}" and members eq "${user.body.id}"`)}`,
    );
    expect(probe.body.totalResults).toBe(1);
    expect(user.body.groups).toEqual([expect.objectContaining({ value: sales.id, display: 'Sales' })]);
    for (const res of [
      await scim.post('/Groups', { displayName: 'New', members: [] }),
      await scim.put(`/Groups/${sales.id}`, { displayName: 'Renamed' }),
      await scim.patch(`/Groups/${sales.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', value: { displayName: 'X' } }],
      }),
      await scim.delete(`/Groups/${sales.id}`),
    ]) {
      // 405 with what the endpoint offers (GET), and why (departments are managed in HR)
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET');
      expect(res.body).toMatchObject({ schemas: [ERROR], status: '405' });
      expect(res.body.detail).toMatch(/managed in HR/);
    }
    expect((await scim.get(`/Groups/${sales.id}`)).body.displayName).toBe('Sales');
  });
});

describe('Discovery endpoints', () => {
  it('ServiceProviderConfig, ResourceTypes, Schemas (with ids); a filter on them is 403', async () => {
    const { tenantId, token } = await createScimTenant();
    const scim = scimClient(tenantId, token);
    const spc = await scim.get('/ServiceProviderConfig');
    expect(spc.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 1000 },
      etag: { supported: false },
    });
    const types = await scim.get('/ResourceTypes');
    expect(types.body.Resources.map((t: { id: string }) => t.id)).toEqual(['User', 'Group']);
    expect((await scim.get('/ResourceTypes/User')).body.schemaExtensions).toHaveLength(2);
    const schema = await scim.get(`/Schemas/${ROSTER_EXT}`);
    expect(schema.body.attributes.map((a: { name: string }) => a.name)).toEqual(['role']);
    expect((await scim.get('/Schemas/urn:nope')).status).toBe(404);
    expect((await scim.get('/Schemas?filter=id%20eq%20%22x%22')).status).toBe(403);
  });
});

describe('Tenant isolation', () => {
  it("tenant A's token and URL never read or change tenant B's users or groups", async () => {
    const a = await tenantWithUsers([{ userName: 'shared.name@example.test' }]);
    const b = await tenantWithUsers([{ userName: 'b.only@example.test' }]);
    const bId = b.ids[0];
    expect((await a.scim.get('/Users?filter=userName%20eq%20%22b.only%40example.test%22')).body.totalResults).toBe(0);
    expect((await a.scim.get('/Users')).body.Resources.map((u: { id: string }) => u.id)).toEqual(a.ids);
    expect((await a.scim.get(`/Users/${bId}`)).status).toBe(404);
    expect(
      (
        await a.scim.patch(`/Users/${bId}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', value: { active: false } }],
        })
      ).status,
    ).toBe(404);
    expect((await a.scim.put(`/Users/${bId}`, { userName: 'hijack@example.test' })).status).toBe(404);
    expect((await a.scim.delete(`/Users/${bId}`)).status).toBe(404);
    expect((await b.scim.get(`/Users/${bId}`)).body).toMatchObject({ userName: 'b.only@example.test', active: true });
    // The same userName may exist in two tenants.
    await createPerson(b.tenantId, { internalEmail: 'shared.name@example.test' });
    expect((await b.scim.post('/Users', { userName: 'shared.name@example.test' })).status).toBe(201);
    // A person of tenant B is never matched from tenant A.
    await createPerson(b.tenantId, { internalEmail: 'b.person@example.test' });
    expect((await a.scim.post('/Users', { userName: 'b.person@example.test' })).status).toBe(400);
    const bDept = await createDepartment(b.tenantId, 'B Dept');
    expect((await a.scim.get(`/Groups/${bDept.id}`)).status).toBe(404);
  });
});
