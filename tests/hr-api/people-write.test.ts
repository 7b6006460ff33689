import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, employments, people } from '@/db/schema';
import { GET as listPeople, POST as createPerson } from '@/app/cezanneondemand/v7/dataservice.svc/People/route';
import { PATCH as patchPerson } from '@/app/cezanneondemand/v7/dataservice.svc/[entity]/route';
import { createTenant } from '@/tests/support/factories';
import { apiRequest, createApp, createDepartment, jsonRequest, SERVICE, tokenFor } from '@/tests/support/hr-api';

type ErrorBody = {
  error: { code: string; message: string; target?: string; details?: { target?: string; message: string }[] };
};

async function writer() {
  const tenant = await createTenant();
  const app = await createApp(tenant.id, ['api_read', 'api_write']);
  return { tenant, app, token: await tokenFor(app) };
}

async function peopleOf(tenantId: string) {
  return getDb().select().from(people).where(eq(people.tenantId, tenantId));
}

const ADA = {
  PersonCode: 'W001',
  GivenName: 'Ada',
  FamilyName: 'Lovelace',
  InternalEmail: 'ada@corp.test',
  Employments: [{ EmploymentId: 'EW-1', StartDate: '2024-03-01', PrimaryEmployment: true }],
};

describe('POST People (API write access)', () => {
  it('creates a person with employments: 201, Location, the new entity, and an audit entry naming the application', async () => {
    const { tenant, app, token } = await writer();
    await createDepartment(tenant.id, 'OPS', 'Operations');
    const response = await createPerson(
      jsonRequest('/People', token, 'POST', { ...ADA, DepartmentCode: 'ops', JobTitle: 'Analyst' }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`${SERVICE}/People('W001')`);
    expect(await response.json()).toMatchObject({
      PersonCode: 'W001',
      GivenName: 'Ada',
      DepartmentCode: 'OPS',
      JobTitle: 'Analyst',
      ActiveEmployee: true,
      StartDate: '2024-03-01',
      Employments: [{ EmploymentId: 'EW-1', StartDate: '2024-03-01', EndDate: null, PrimaryEmployment: true }],
      UserAccount: null,
    });
    const [audit] = await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id));
    expect(audit).toMatchObject({ action: 'person.created', target: 'W001', actorEmail: `HR API: ${app.name}` });
  });

  it('a read-only application is refused on write: 403, nothing created', async () => {
    const tenant = await createTenant();
    const token = await tokenFor(await createApp(tenant.id, ['api_read']));
    const response = await createPerson(jsonRequest('/People', token, 'POST', ADA));
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorBody).error.code).toBe('Forbidden');
    expect(await peopleOf(tenant.id)).toHaveLength(0);
  });

  it('a token requested with only api_read cannot write, even when the application may', async () => {
    const tenant = await createTenant();
    const token = await tokenFor(await createApp(tenant.id, ['api_read', 'api_write']), 'api_read');
    expect((await createPerson(jsonRequest('/People', token, 'POST', ADA))).status).toBe(403);
  });

  it('validation is strict: required names, valid emails, real dates, end after start, one primary, no unknown properties; all problems listed', async () => {
    const { tenant, token } = await writer();
    const bad = [
      [{ ...ADA, GivenName: '' }, 'GivenName'],
      [{ ...ADA, FamilyName: undefined }, 'FamilyName'],
      [{ ...ADA, PersonCode: 'W 1' }, 'PersonCode'],
      [{ ...ADA, InternalEmail: 'not-an-email' }, 'InternalEmail'],
      [{ ...ADA, ActiveEmployee: 'yes' }, 'ActiveEmployee'],
      [{ ...ADA, Employments: [{ EmploymentId: 'E', StartDate: '2024-02-30' }] }, 'Employments[0].StartDate'],
      [
        { ...ADA, Employments: [{ EmploymentId: 'E', StartDate: '2024-02-01', EndDate: '2024-01-01' }] },
        'Employments[0].EndDate',
      ],
      [
        {
          ...ADA,
          Employments: [
            { EmploymentId: 'E1', StartDate: '2024-02-01', PrimaryEmployment: true },
            { EmploymentId: 'E2', StartDate: '2024-02-01', PrimaryEmployment: true },
          ],
        },
        'Employments',
      ],
      [
        {
          ...ADA,
          Employments: [
            { EmploymentId: 'E1', StartDate: '2024-02-01' },
            { EmploymentId: 'e1', StartDate: '2024-02-01' },
          ],
        },
        'Employments[1].EmploymentId',
      ],
      [{ ...ADA, Salary: 100 }, undefined],
      [{ ...ADA, DepartmentCode: 'NOPE' }, 'DepartmentCode'],
    ] as const;
    for (const [body, target] of bad) {
      const response = await createPerson(jsonRequest('/People', token, 'POST', body));
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = ((await response.json()) as ErrorBody).error;
      expect(error.code).toBe('ValidationFailed');
      expect(error.target).toBe(target);
    }
    const several = (await (
      await createPerson(jsonRequest('/People', token, 'POST', { PersonCode: 'X' }))
    ).json()) as ErrorBody;
    expect(several.error.details?.map((d) => d.target)).toEqual(['GivenName', 'FamilyName']);
    expect(await peopleOf(tenant.id)).toHaveLength(0);
  });

  it('read-only properties (LastModified, UserAccount, StartDate, LeavingDate, @odata.*) in a body are ignored', async () => {
    const { token } = await writer();
    const response = await createPerson(
      jsonRequest('/People', token, 'POST', {
        ...ADA,
        LastModified: '2000-01-01T00:00:00Z',
        UserAccount: { Username: 'x' },
        '@odata.context': 'x',
      }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ UserAccount: null });
  });

  it('uniqueness violations are 409 Conflict naming the property, and nothing is half-written', async () => {
    const { tenant, token } = await writer();
    expect((await createPerson(jsonRequest('/People', token, 'POST', ADA))).status).toBe(201);
    const conflicts = [
      [{ ...ADA, InternalEmail: 'other@corp.test', Employments: [] }, 'PersonCode'],
      [{ ...ADA, PersonCode: 'W002', InternalEmail: 'ADA@corp.test', Employments: [] }, 'InternalEmail'],
      [
        {
          ...ADA,
          PersonCode: 'W003',
          InternalEmail: 'w3@corp.test',
          Employments: [{ EmploymentId: 'ew-1', StartDate: '2024-01-01' }],
        },
        'Employments',
      ],
    ] as const;
    for (const [body, target] of conflicts) {
      const response = await createPerson(jsonRequest('/People', token, 'POST', body));
      expect(response.status).toBe(409);
      expect(((await response.json()) as ErrorBody).error).toMatchObject({ code: 'Conflict', target });
    }
    // W003's person row was rolled back with its conflicting employment.
    expect((await peopleOf(tenant.id)).map((p) => p.personCode)).toEqual(['W001']);
  });

  it('bad bodies: not JSON → 400, wrong media type → 415, larger than 64 KB → 413, array → 400', async () => {
    const { token } = await writer();
    const notJson = apiRequest('/People', token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"PersonCode":',
    });
    expect((await createPerson(notJson)).status).toBe(400);
    const form = apiRequest('/People', token, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect((await createPerson(form)).status).toBe(415);
    const huge = await createPerson(jsonRequest('/People', token, 'POST', { ...ADA, JobTitle: 'x'.repeat(70_000) }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as ErrorBody).error.code).toBe('PayloadTooLarge');
    expect((await createPerson(jsonRequest('/People', token, 'POST', [ADA]))).status).toBe(400);
  });
});

describe("PATCH People('<code>')", () => {
  it('updates only the given properties; employments are matched by EmploymentId (updated or added); the primary moves', async () => {
    const { tenant, token } = await writer();
    await createPerson(
      jsonRequest('/People', token, 'POST', { ...ADA, JobTitle: 'Analyst', PreferredGivenName: 'Addie' }),
    );
    const response = await patchPerson(
      jsonRequest(`/People('W001')`, token, 'PATCH', {
        JobTitle: 'Lead',
        PreferredGivenName: null,
        Employments: [
          { EmploymentId: 'EW-1', StartDate: '2024-03-01', EndDate: '2025-01-31' },
          { EmploymentId: 'EW-2', StartDate: '2025-02-01', PrimaryEmployment: true },
        ],
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      PersonCode: 'W001',
      GivenName: 'Ada',
      JobTitle: 'Lead',
      PreferredGivenName: null,
      InternalEmail: 'ada@corp.test',
      Employments: [
        { EmploymentId: 'EW-1', EndDate: '2025-01-31', PrimaryEmployment: false },
        { EmploymentId: 'EW-2', EndDate: null, PrimaryEmployment: true },
      ],
    });
    const rows = await getDb().select().from(employments).where(eq(employments.tenantId, tenant.id));
    expect(rows).toHaveLength(2);
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, 'person.updated')));
    expect(audits).toHaveLength(1);
  });

  it('refuses a required name set to null, an unknown person (404) and a read-only application (403)', async () => {
    const { tenant, token } = await writer();
    await createPerson(jsonRequest('/People', token, 'POST', ADA));
    const nulled = await patchPerson(jsonRequest(`/People('W001')`, token, 'PATCH', { GivenName: null }));
    expect(nulled.status).toBe(400);
    expect(((await nulled.json()) as ErrorBody).error.target).toBe('GivenName');
    expect((await patchPerson(jsonRequest(`/People('NOPE')`, token, 'PATCH', { JobTitle: 'x' }))).status).toBe(404);
    const reader = await tokenFor(await createApp(tenant.id, ['api_read']));
    expect((await patchPerson(jsonRequest(`/People('W001')`, reader, 'PATCH', { JobTitle: 'x' }))).status).toBe(403);
    const [row] = await peopleOf(tenant.id);
    expect(row.givenName).toBe('Ada');
    expect(row.jobTitle).toBeNull();
  });

  it('tenant isolation on write: an application of tenant A cannot patch a person of tenant B', async () => {
    const a = await writer();
    const b = await writer();
    await createPerson(jsonRequest('/People', b.token, 'POST', ADA));
    const response = await patchPerson(jsonRequest(`/People('W001')`, a.token, 'PATCH', { JobTitle: 'Hacked' }));
    expect(response.status).toBe(404);
    const [row] = await peopleOf(b.tenant.id);
    expect(row.jobTitle).toBeNull();
    // And the person created by B is not listed for A.
    const list = (await (await listPeople(apiRequest('/People', a.token))).json()) as { value: unknown[] };
    expect(list.value).toEqual([]);
  });
});

describe('HR API writes follow the HR rules of lib/hr (the same as the People form)', () => {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

  it('leaver rule: a person posted with an ended primary employment is saved inactive, and PATCH cannot make a leaver active', async () => {
    const { token } = await writer();
    const posted = await createPerson(
      jsonRequest('/People', token, 'POST', {
        ...ADA,
        ActiveEmployee: true,
        Employments: [{ EmploymentId: 'EW-L', StartDate: '2020-01-01', EndDate: yesterday, PrimaryEmployment: true }],
      }),
    );
    expect(posted.status).toBe(201);
    expect(await posted.json()).toMatchObject({ ActiveEmployee: false, LeavingDate: yesterday });
    const patched = await patchPerson(jsonRequest(`/People('W001')`, token, 'PATCH', { ActiveEmployee: true }));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ ActiveEmployee: false });
  });

  it('leaver rule on PATCH: ending the primary employment in the past makes the person inactive', async () => {
    const { token } = await writer();
    await createPerson(jsonRequest('/People', token, 'POST', ADA));
    const response = await patchPerson(
      jsonRequest(`/People('W001')`, token, 'PATCH', {
        Employments: [{ EmploymentId: 'EW-1', StartDate: '2024-03-01', EndDate: yesterday }],
      }),
    );
    expect(await response.json()).toMatchObject({
      ActiveEmployee: false,
      Employments: [{ EmploymentId: 'EW-1', EndDate: yesterday, PrimaryEmployment: true }],
    });
  });

  it('emails are stored lower-case, as everywhere in Roster', async () => {
    const { token } = await writer();
    const response = await createPerson(
      jsonRequest('/People', token, 'POST', {
        ...ADA,
        InternalEmail: ' Ada@Corp.TEST ',
        ExternalEmail: 'ADA@Home.test',
      }),
    );
    expect(await response.json()).toMatchObject({ InternalEmail: 'ada@corp.test', ExternalEmail: 'ada@home.test' });
  });

  it('a 409 lists every conflicting property in details (the first one is the target)', async () => {
    const { token } = await writer();
    await createPerson(jsonRequest('/People', token, 'POST', ADA));
    const response = await createPerson(
      jsonRequest('/People', token, 'POST', {
        ...ADA,
        Employments: [{ EmploymentId: 'ew-1', StartDate: '2024-01-01' }],
      }),
    );
    expect(response.status).toBe(409);
    const { error } = (await response.json()) as ErrorBody;
    expect(error).toMatchObject({
      code: 'Conflict',
      target: 'PersonCode',
      message: 'A person with this PersonCode already exists.',
    });
    expect(error.details?.map((d) => d.target)).toEqual(['PersonCode', 'InternalEmail', 'Employments']);
  });

  it("PATCH: another person's EmploymentId is 409 on Employments; the person's own (any case) is updated in place", async () => {
    const { tenant, token } = await writer();
    await createPerson(jsonRequest('/People', token, 'POST', ADA));
    await createPerson(
      jsonRequest('/People', token, 'POST', {
        ...ADA,
        PersonCode: 'W002',
        InternalEmail: null,
        Employments: [{ EmploymentId: 'EW-2', StartDate: '2024-01-01' }],
      }),
    );
    const taken = await patchPerson(
      jsonRequest(`/People('W001')`, token, 'PATCH', {
        Employments: [{ EmploymentId: 'ew-2', StartDate: '2024-01-01' }],
      }),
    );
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as ErrorBody).error).toMatchObject({ code: 'Conflict', target: 'Employments' });
    const own = await patchPerson(
      jsonRequest(`/People('W001')`, token, 'PATCH', {
        Employments: [{ EmploymentId: 'ew-1', StartDate: '2024-02-01' }],
      }),
    );
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({
      Employments: [{ EmploymentId: 'EW-1', StartDate: '2024-02-01', PrimaryEmployment: true }],
    });
    expect(await getDb().select().from(employments).where(eq(employments.tenantId, tenant.id))).toHaveLength(2);
  });

  it('PATCH DepartmentCode: a code (any case) sets the department, null clears it, an unknown code is 400 on DepartmentCode', async () => {
    const { tenant, token } = await writer();
    await createDepartment(tenant.id, 'FIN', 'Finance');
    await createPerson(jsonRequest('/People', token, 'POST', ADA));
    const set = await patchPerson(jsonRequest(`/People('W001')`, token, 'PATCH', { DepartmentCode: 'fin' }));
    expect(await set.json()).toMatchObject({ DepartmentCode: 'FIN' });
    const unknown = await patchPerson(jsonRequest(`/People('W001')`, token, 'PATCH', { DepartmentCode: 'NOPE' }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorBody).error).toMatchObject({
      code: 'ValidationFailed',
      target: 'DepartmentCode',
      message: 'No department has the code "NOPE".',
    });
    const cleared = await patchPerson(jsonRequest(`/People('W001')`, token, 'PATCH', { DepartmentCode: null }));
    expect(await cleared.json()).toMatchObject({ DepartmentCode: null });
  });

  it("person code rule (the People form's): a PersonCode with a space or over 50 characters is 400 on PersonCode", async () => {
    const { token } = await writer();
    for (const [code, message] of [
      ['W 1', 'PersonCode cannot contain spaces.'],
      ['W'.repeat(51), 'PersonCode must be at most 50 characters.'],
      [null, 'PersonCode is required.'],
      [7, 'PersonCode must be text.'],
    ] as const) {
      const response = await createPerson(jsonRequest('/People', token, 'POST', { ...ADA, PersonCode: code }));
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).error).toMatchObject({
        code: 'ValidationFailed',
        target: 'PersonCode',
        message,
      });
    }
  });

  it("text limits are the People form's: a 150-character JobTitle is accepted, 151 is not", async () => {
    const { token } = await writer();
    expect(
      (await createPerson(jsonRequest('/People', token, 'POST', { ...ADA, JobTitle: 'x'.repeat(151) }))).status,
    ).toBe(400);
    expect(
      (await createPerson(jsonRequest('/People', token, 'POST', { ...ADA, JobTitle: 'x'.repeat(150) }))).status,
    ).toBe(201);
  });
});

describe('never a 500 on bad input', () => {
  it('garbage paths, options, bodies and headers all get 4xx answers in the protocol shape', async () => {
    const { token } = await writer();
    const { GET: getEntity } = await import('@/app/cezanneondemand/v7/dataservice.svc/[entity]/route');
    const { POST: tokenEndpoint } = await import('@/app/oauth/token/route');
    const responses: [string, Response][] = [
      ['bad percent-encoding in key', await getEntity(apiRequest(`/People('%E0%A4%A')`, token))],
      [
        'unicode filter',
        await listPeople(
          apiRequest(`/People?$filter=${encodeURIComponent('LastModified gt 2026-01-01T00:00:00Z ∧ x')}`, token),
        ),
      ],
      ['NUL in select', await listPeople(apiRequest('/People?$select=%00', token))],
      ['null body', await createPerson(jsonRequest('/People', token, 'POST', null))],
      ['string body', await createPerson(jsonRequest('/People', token, 'POST', 'person'))],
      ['number body', await createPerson(jsonRequest('/People', token, 'POST', 42))],
      [
        'nested junk',
        await createPerson(
          jsonRequest('/People', token, 'POST', {
            ...ADA,
            Employments: [{ EmploymentId: { $gt: '' }, StartDate: [] }],
          }),
        ),
      ],
      [
        'wrong types everywhere',
        await createPerson(
          jsonRequest('/People', token, 'POST', { PersonCode: 1, GivenName: [], FamilyName: {}, InternalEmail: true }),
        ),
      ],
      ['patch Departments', await patchPerson(jsonRequest(`/Departments('X')`, token, 'PATCH', {}))],
      [
        'bearer with spaces',
        await listPeople(apiRequest('/People', null, { headers: { authorization: 'Bearer a b c' } })),
      ],
      ['huge bearer', await listPeople(apiRequest('/People', 'x'.repeat(10_000)))],
      [
        'token endpoint garbage',
        await tokenEndpoint(
          new Request('http://roster.test/oauth/token', {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: '%%%&&&==',
          }),
        ),
      ],
    ];
    for (const [label, response] of responses) {
      expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(response.status, label).toBeLessThan(500);
      const body = (await response.json()) as { error: unknown };
      expect(body.error, label).toBeTruthy();
    }
  });
});
