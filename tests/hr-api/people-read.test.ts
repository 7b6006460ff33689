import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { employments, people, roles, userAccounts } from '@/db/schema';
import { GET as listPeople } from '@/app/cezanneondemand/v7/dataservice.svc/People/route';
import { GET as listDepartments } from '@/app/cezanneondemand/v7/dataservice.svc/Departments/route';
import { GET as getEntity } from '@/app/cezanneondemand/v7/dataservice.svc/[entity]/route';
import { GET as serviceDocument } from '@/app/cezanneondemand/v7/dataservice.svc/route';
import { encodeSkipToken } from '@/lib/hr-api/odata';
import { createTenant } from '@/tests/support/factories';
import { apiRequest, createApp, createDepartment, SERVICE, seedPeople, tokenFor } from '@/tests/support/hr-api';

type Person = Record<string, unknown> & { PersonCode: string; LastModified: string };
type Collection<T = Person> = {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: T[];
};
type ErrorBody = { error: { code: string; message: string; target?: string } };

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe('GET People: shape, single entity, departments', () => {
  let token: string;
  let tenantId: string;

  beforeAll(async () => {
    const tenant = await createTenant();
    tenantId = tenant.id;
    token = await tokenFor(await createApp(tenant.id, ['api_read']));
    const department = await createDepartment(tenant.id, 'ENG', 'Engineering');
    const db = getDb();
    const [ada] = await db
      .insert(people)
      .values({
        tenantId,
        personCode: "P'001",
        givenName: 'Ada',
        familyName: 'Lovelace',
        preferredGivenName: 'Addie',
        internalEmail: 'ada@corp.test',
        externalEmail: 'ada@home.test',
        jobTitle: 'Engineer',
        departmentId: department.id,
      })
      .returning();
    await db.insert(employments).values([
      {
        tenantId,
        personId: ada.id,
        employmentId: 'E-1',
        startDate: '2020-02-01',
        endDate: '2022-12-31',
        isPrimary: false,
      },
      { tenantId, personId: ada.id, employmentId: 'E-2', startDate: '2023-01-01', isPrimary: true },
    ]);
    const [role] = await db
      .select()
      .from(roles)
      .where(and(eq(roles.tenantId, tenantId), eq(roles.originalName, 'Manager')));
    await db
      .insert(userAccounts)
      .values({ tenantId, personId: ada.id, userName: 'ada.lovelace', roleId: role.id, active: true });
    const [leaver] = await db
      .insert(people)
      .values({ tenantId, personCode: 'P002', givenName: 'Bob', familyName: 'Leaver', activeEmployee: false })
      .returning();
    await db.insert(employments).values({
      tenantId,
      personId: leaver.id,
      employmentId: 'E-3',
      startDate: '2019-01-01',
      endDate: '2024-06-30',
      isPrimary: true,
    });
  });

  it('a person carries code, names, emails, job title, department code, active flag, start/leaving dates, employments, user account and LastModified', async () => {
    const response = await listPeople(apiRequest('/People', token));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('odata-version')).toBe('4.0');
    const body = await json<Collection>(response);
    expect(body['@odata.context']).toBe(`${SERVICE}/$metadata#People`);
    expect(body['@odata.nextLink']).toBeUndefined();
    const ada = body.value.find((p) => p.PersonCode === "P'001")!;
    expect(ada).toEqual({
      PersonCode: "P'001",
      GivenName: 'Ada',
      FamilyName: 'Lovelace',
      PreferredGivenName: 'Addie',
      InternalEmail: 'ada@corp.test',
      ExternalEmail: 'ada@home.test',
      JobTitle: 'Engineer',
      DepartmentCode: 'ENG',
      ActiveEmployee: true,
      StartDate: '2020-02-01',
      LeavingDate: null,
      Employments: [
        { EmploymentId: 'E-1', StartDate: '2020-02-01', EndDate: '2022-12-31', PrimaryEmployment: false },
        { EmploymentId: 'E-2', StartDate: '2023-01-01', EndDate: null, PrimaryEmployment: true },
      ],
      UserAccount: { Username: 'ada.lovelace', Role: 'Manager', Active: true },
      LastModified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
    });
    const bob = body.value.find((p) => p.PersonCode === 'P002')!;
    expect(bob).toMatchObject({
      ActiveEmployee: false,
      LeavingDate: '2024-06-30',
      UserAccount: null,
      DepartmentCode: null,
    });
  });

  it("People('<person code>') returns one person (quotes doubled in the key); an unknown code is a 404 OData error", async () => {
    const found = await getEntity(apiRequest(`/People('P''001')`, token));
    expect(found.status).toBe(200);
    const ada = await json<Person & { '@odata.context': string }>(found);
    expect(ada['@odata.context']).toBe(`${SERVICE}/$metadata#People/$entity`);
    expect(ada).toMatchObject({ PersonCode: "P'001", GivenName: 'Ada' });

    const encoded = await getEntity(apiRequest(`/People(%27P%27%27001%27)`, token));
    expect(encoded.status).toBe(200);

    const selected = await json<Person>(
      await getEntity(apiRequest(`/People('P002')?$select=PersonCode,ActiveEmployee`, token)),
    );
    expect(selected).toEqual({
      '@odata.context': `${SERVICE}/$metadata#People/$entity`,
      PersonCode: 'P002',
      ActiveEmployee: false,
    });

    const missing = await getEntity(apiRequest(`/People('NOPE')`, token));
    expect(missing.status).toBe(404);
    expect((await json<ErrorBody>(missing)).error).toMatchObject({
      code: 'NotFound',
      message: expect.stringContaining('NOPE'),
    });

    for (const path of [`/People(P002)`, `/Employees('P002')`, `/People('P002`]) {
      const response = await getEntity(apiRequest(path, token));
      expect(response.status, path).toBe(404);
      expect((await json<ErrorBody>(response)).error.code).toBe('NotFound');
    }
  });

  it('Departments lists code, name and LastModified; Departments(code) reads one', async () => {
    const body = await json<Collection<{ DepartmentCode: string; DepartmentName: string; LastModified: string }>>(
      await listDepartments(apiRequest('/Departments?$count=true', token)),
    );
    expect(body['@odata.count']).toBe(1);
    expect(body.value).toEqual([
      { DepartmentCode: 'ENG', DepartmentName: 'Engineering', LastModified: expect.any(String) },
    ]);
    const one = await getEntity(apiRequest(`/Departments('eng')`, token));
    expect(one.status).toBe(200);
    expect(await json(one)).toMatchObject({ DepartmentCode: 'ENG' });
  });

  it('$select keeps only the named properties; an unknown property is a 400', async () => {
    const body = await json<Collection>(await listPeople(apiRequest('/People?$select=PersonCode,LastModified', token)));
    for (const person of body.value) expect(Object.keys(person).sort()).toEqual(['LastModified', 'PersonCode']);
    const bad = await listPeople(apiRequest('/People?$select=PersonCode,Salary', token));
    expect(bad.status).toBe(400);
    expect((await json<ErrorBody>(bad)).error).toMatchObject({ code: 'InvalidQueryOption', target: '$select' });
  });

  it('the service document lists the entity sets; $metadata (the @odata.context target) is CSDL XML', async () => {
    const body = await json<Collection<{ name: string }>>(await serviceDocument(apiRequest('', token)));
    expect(body.value.map((set) => set.name)).toEqual(['People', 'Departments']);
    const metadata = await getEntity(apiRequest('/$metadata', token));
    expect(metadata.status).toBe(200);
    expect(metadata.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(await metadata.text()).toContain('<EntitySet Name="People" EntityType="Roster.HR.Person"/>');
    expect((await getEntity(apiRequest('/$metadata', null))).status).toBe(401);
  });
});

describe('GET People: paging', () => {
  it('behind a proxy, @odata.nextLink uses the forwarded host and protocol (the same public URL rule as the SCIM URL)', async () => {
    const tenant = await createTenant();
    await seedPeople(tenant.id, 2);
    const token = await tokenFor(await createApp(tenant.id, ['api_read']));
    const request = apiRequest(`http://internal:3000/cezanneondemand/v7/dataservice.svc/People?$top=1`, token, {
      headers: { 'x-forwarded-host': 'hr.example.com', 'x-forwarded-proto': 'https' },
    });
    const body = await json<Collection>(await listPeople(request));
    expect(body['@odata.nextLink']).toMatch(
      /^https:\/\/hr\.example\.com\/cezanneondemand\/v7\/dataservice\.svc\/People\?/,
    );
  });

  it('paging over 2,500 people with $top=1000 and @odata.nextLink returns each person exactly once, in a stable order', async () => {
    const tenant = await createTenant();
    const codes = await seedPeople(tenant.id, 2500);
    const token = await tokenFor(await createApp(tenant.id, ['api_read']));

    const seen: string[] = [];
    let url: string | undefined = `${SERVICE}/People?$top=1000&$count=true&$select=PersonCode`;
    let pages = 0;
    while (url) {
      const response = await listPeople(apiRequest(url, token));
      expect(response.status).toBe(200);
      const body = await json<Collection>(response);
      // $count=true stays in @odata.nextLink: every page of a counted read carries the count
      expect(body['@odata.count']).toBe(2500);
      expect(body.value.length).toBeLessThanOrEqual(1000);
      seen.push(...body.value.map((p) => p.PersonCode));
      url = body['@odata.nextLink'];
      if (url)
        expect(url).toMatch(/^http:\/\/roster\.test\/cezanneondemand\/v7\/dataservice\.svc\/People\?.*\$skiptoken=/);
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(2500);
    expect(new Set(seen).size).toBe(2500);
    expect([...seen].sort()).toEqual([...codes].sort());

    // The same walk again gives the same order (stable when nothing changes).
    const again: string[] = [];
    url = `${SERVICE}/People?$top=1000&$select=PersonCode`;
    while (url) {
      const body: Collection = await json<Collection>(await listPeople(apiRequest(url, token)));
      again.push(...body.value.map((p) => p.PersonCode));
      url = body['@odata.nextLink'];
    }
    expect(again).toEqual(seen);

    // $skip pages agree with the nextLink pages.
    const skipped = await json<Collection>(
      await listPeople(apiRequest('/People?$top=500&$skip=1000&$select=PersonCode', token)),
    );
    expect(skipped.value.map((p) => p.PersonCode)).toEqual(seen.slice(1000, 1500));
  });

  it('a person changed while a client pages moves to the end: nobody is skipped, the changed person is seen in its new version', async () => {
    const tenant = await createTenant();
    await seedPeople(tenant.id, 30, 'Q');
    const token = await tokenFor(await createApp(tenant.id, ['api_read']));
    const first = await json<Collection>(
      await listPeople(apiRequest('/People?$top=10&$select=PersonCode,GivenName', token)),
    );
    const changed = first.value[2].PersonCode;
    await getDb()
      .update(people)
      .set({ givenName: 'Renamed' })
      .where(and(eq(people.tenantId, tenant.id), eq(people.personCode, changed)));

    const rest: Person[] = [];
    let url = first['@odata.nextLink'];
    while (url) {
      const body: Collection = await json<Collection>(await listPeople(apiRequest(url, token)));
      rest.push(...body.value);
      url = body['@odata.nextLink'];
    }
    const all = [...first.value, ...rest].map((p) => p.PersonCode);
    expect(new Set(all).size).toBe(30);
    expect(rest.at(-1)).toMatchObject({ PersonCode: changed, GivenName: 'Renamed' });
  });

  it('$top=0 with $count=true answers only the count', async () => {
    const tenant = await createTenant();
    await seedPeople(tenant.id, 5, 'C');
    const token = await tokenFor(await createApp(tenant.id, ['api_read']));
    const body = await json<Collection>(await listPeople(apiRequest('/People?$top=0&$count=true', token)));
    expect(body).toMatchObject({ '@odata.count': 5, value: [] });
    expect(body['@odata.nextLink']).toBeUndefined();
  });
});

describe('GET People: $filter on LastModified', () => {
  it('LastModified gt <time> returns only people changed after it (person, employment or user account changes)', async () => {
    const tenant = await createTenant();
    await seedPeople(tenant.id, 20, 'F');
    const token = await tokenFor(await createApp(tenant.id, ['api_read']));
    const before = await json<Collection>(
      await listPeople(apiRequest('/People?$select=PersonCode,LastModified', token)),
    );
    const anchor = before.value
      .map((p) => p.LastModified)
      .sort()
      .at(-1)!;

    const none = await json<Collection>(
      await listPeople(apiRequest(`/People?$filter=LastModified gt ${anchor}`, token)),
    );
    expect(none.value).toEqual([]);

    const changedCodes = ['F00003', 'F00007', 'F00011'];
    const db = getDb();
    const byCode = async (code: string) =>
      (
        await db
          .select()
          .from(people)
          .where(and(eq(people.tenantId, tenant.id), eq(people.personCode, code)))
      )[0];
    await db
      .update(people)
      .set({ jobTitle: 'Chef' })
      .where(eq(people.id, (await byCode('F00003')).id));
    await db
      .update(employments)
      .set({ endDate: '2026-12-31' })
      .where(eq(employments.personId, (await byCode('F00007')).id));
    await db
      .insert(userAccounts)
      .values({ tenantId: tenant.id, personId: (await byCode('F00011')).id, userName: 'f11' });

    const changed = await json<Collection>(
      await listPeople(
        apiRequest(`/People?$filter=${encodeURIComponent(`LastModified gt ${anchor}`)}&$count=true`, token),
      ),
    );
    expect(changed['@odata.count']).toBe(3);
    expect(changed.value.map((p) => p.PersonCode).sort()).toEqual(changedCodes);
    for (const person of changed.value) expect(person.LastModified > anchor).toBe(true);

    // ge includes the anchor itself; a range with "and" narrows it; v3 datetimeoffset literals work too.
    const atAnchor = before.value.filter(
      (p) => p.LastModified === anchor && !changedCodes.includes(p.PersonCode),
    ).length;
    const ge = await json<Collection>(
      await listPeople(apiRequest(`/People?$filter=LastModified ge ${anchor}&$count=true`, token)),
    );
    expect(ge['@odata.count']).toBe(3 + atAnchor);
    const range = await json<Collection>(
      await listPeople(
        apiRequest(`/People?$filter=LastModified gt ${anchor} and LastModified lt 2000-01-01T00:00:00Z`, token),
      ),
    );
    expect(range.value).toEqual([]);
    // The widest bounds are fine ("since the beginning", "until the end").
    const all = await json<Collection>(
      await listPeople(
        apiRequest(
          '/People?$filter=LastModified gt 0001-01-01T00:00:00Z and LastModified lt 9999-12-31T23:59:59Z&$count=true',
          token,
        ),
      ),
    );
    expect(all['@odata.count']).toBe(20);
    const v3 = await json<Collection>(
      await listPeople(apiRequest(`/People?$filter=LastModified gt datetimeoffset'${anchor}'`, token)),
    );
    expect(v3.value).toHaveLength(3);
  });

  it('paging through a filtered result keeps the filter in @odata.nextLink', async () => {
    const tenant = await createTenant();
    await seedPeople(tenant.id, 12, 'G');
    const token = await tokenFor(await createApp(tenant.id, ['api_read']));
    const page = await json<Collection>(
      await listPeople(
        apiRequest('/People?$filter=LastModified gt 2000-01-01T00:00:00Z&$top=5&$select=PersonCode', token),
      ),
    );
    const next = new URL(page['@odata.nextLink']!);
    expect(next.searchParams.get('$filter')).toBe('LastModified gt 2000-01-01T00:00:00Z');
    expect(next.searchParams.get('$top')).toBe('5');
    expect(next.searchParams.get('$select')).toBe('PersonCode');
  });
});

describe('GET People: bad query options are 400 OData errors, never 500', () => {
  const cases: [string, string][] = [
    ['$top=1001', '$top'],
    ['$top=-1', '$top'],
    ['$top=ten', '$top'],
    ['$top=99999999999999999999', '$top'],
    ['$skip=-5', '$skip'],
    ['$count=yes', '$count'],
    ["$filter=GivenName eq 'Ada'", '$filter'],
    ['$filter=LastModified gt yesterday', '$filter'],
    ['$filter=LastModified gt 2026-02-30T00:00:00Z', '$filter'],
    ['$filter=LastModified gt 2026-13-01T00:00:00Z', '$filter'],
    ['$filter=LastModified between 1 and 2', '$filter'],
    ['$filter=', '$filter'],
    ['$orderby=FamilyName', '$orderby'],
    ['$expand=Employments', '$expand'],
    ['$skiptoken=not-ours', '$skiptoken'],
    [`$skiptoken=${Buffer.from("1.'; drop table people; --").toString('base64url')}`, '$skiptoken'],
    ['$format=xml', '$format'],
    ['$top=1&$top=2', '$top'],
  ];

  it.each(cases)('%s → 400 InvalidQueryOption naming %s', async (query, target) => {
    const tenant = await createTenant();
    const token = await tokenFor(await createApp(tenant.id, ['api_read']));
    const response = await listPeople(apiRequest(`/People?${query}`, token));
    expect(response.status).toBe(400);
    const body = await json<ErrorBody>(response);
    expect(body.error).toMatchObject({ code: 'InvalidQueryOption', target, message: expect.any(String) });
  });

  it('custom (non-$) query options are ignored', async () => {
    const tenant = await createTenant();
    const token = await tokenFor(await createApp(tenant.id, ['api_read']));
    expect((await listPeople(apiRequest('/People?foo=bar', token))).status).toBe(200);
  });
});

describe('HR API authorisation', () => {
  it('missing or unknown bearer token → 401 OData error with a Bearer challenge', async () => {
    const missing = await listPeople(apiRequest('/People', null));
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    expect((await json<ErrorBody>(missing)).error.code).toBe('Unauthorized');

    const unknown = await listPeople(apiRequest('/People', 'not-a-real-token'));
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('error="invalid_token"');

    const basicAuth = await listPeople(
      new Request(`${SERVICE}/People`, { headers: { authorization: 'Basic Zm9vOmJhcg==' } }),
    );
    expect(basicAuth.status).toBe(401);
  });

  it('a write-only token cannot read: 403 insufficient_scope', async () => {
    const tenant = await createTenant();
    const token = await tokenFor(await createApp(tenant.id, ['api_write']));
    const response = await listPeople(apiRequest('/People', token));
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect((await json<ErrorBody>(response)).error.code).toBe('Forbidden');
  });

  it('tenant isolation: an application of tenant A never sees people or departments of tenant B', async () => {
    const a = await createTenant();
    const b = await createTenant();
    await seedPeople(a.id, 3, 'A');
    const bCodes = await seedPeople(b.id, 4, 'B');
    await createDepartment(b.id, 'SECRET');
    const tokenA = await tokenFor(await createApp(a.id, ['api_read']));

    const list = await json<Collection>(await listPeople(apiRequest('/People?$count=true', tokenA)));
    expect(list['@odata.count']).toBe(3);
    expect(list.value.every((p) => p.PersonCode.startsWith('A'))).toBe(true);
    expect((await getEntity(apiRequest(`/People('${bCodes[0]}')`, tokenA))).status).toBe(404);
    expect((await json<Collection>(await listDepartments(apiRequest('/Departments', tokenA)))).value).toEqual([]);
    expect((await getEntity(apiRequest(`/Departments('SECRET')`, tokenA))).status).toBe(404);

    // A keyset cursor pointing at a row of tenant B still only yields tenant A's people.
    const [bPerson] = await getDb().select({ id: people.id }).from(people).where(inArray(people.personCode, bCodes));
    const skiptoken = encodeSkipToken({ micros: 0n, id: bPerson.id });
    const viaCursor = await json<Collection>(await listPeople(apiRequest(`/People?$skiptoken=${skiptoken}`, tokenA)));
    expect(viaCursor.value.map((p) => p.PersonCode).sort()).toEqual(['A00001', 'A00002', 'A00003']);
  });
});
