// Robustness of the HR API (OData): bad input gets {"error":{"code","message"}} with a 4xx status, never a 500,
// and nothing is written. Calls the real route handlers on the test database.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, employments, people } from '@/db/schema';
import * as rootRoute from '@/app/cezanneondemand/v7/dataservice.svc/route';
import * as peopleRoute from '@/app/cezanneondemand/v7/dataservice.svc/People/route';
import * as departmentsRoute from '@/app/cezanneondemand/v7/dataservice.svc/Departments/route';
import * as entityRoute from '@/app/cezanneondemand/v7/dataservice.svc/[entity]/route';
import * as peopleRest from '@/app/cezanneondemand/v7/dataservice.svc/People/[...rest]/route';
import * as departmentsRest from '@/app/cezanneondemand/v7/dataservice.svc/Departments/[...rest]/route';
import * as entityRest from '@/app/cezanneondemand/v7/dataservice.svc/[entity]/[...rest]/route';
import { createTenant } from '@/tests/support/factories';
import { createApp, createDepartment, SERVICE, tokenFor } from '@/tests/support/hr-api';
import { insertPerson } from '@/tests/support/hr-factories';

type Handler = (request: Request) => Promise<Response>;
type RouteModule = Record<string, Handler>;

let tenantId: string;
let token: string;
let personCode: string;
let otherPersonCode: string;

beforeAll(async () => {
  const tenant = await createTenant();
  tenantId = tenant.id;
  token = await tokenFor(await createApp(tenantId, ['api_read', 'api_write']));
  await createDepartment(tenantId, 'OPS');
  personCode = (await insertPerson(tenantId)).personCode;
  const other = await createTenant();
  otherPersonCode = (await insertPerson(other.id)).personCode;
});

/** The route a path under the service goes to, as Next would route it. */
function routeFor(path: string): RouteModule {
  const [first, ...rest] = path.split('?')[0].split('/').filter(Boolean);
  const deeper = rest.length > 0;
  if (!first) return rootRoute as unknown as RouteModule;
  if (first === 'People') return (deeper ? peopleRest : peopleRoute) as unknown as RouteModule;
  if (first === 'Departments') return (deeper ? departmentsRest : departmentsRoute) as unknown as RouteModule;
  return (deeper ? entityRest : entityRoute) as unknown as RouteModule;
}

/** Everything a write could touch for the tenant. */
async function snapshot() {
  const db = getDb();
  const [p, e, a] = await Promise.all([
    db.select().from(people).where(eq(people.tenantId, tenantId)).orderBy(people.id),
    db.select().from(employments).where(eq(employments.tenantId, tenantId)).orderBy(employments.id),
    db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.tenantId, tenantId)),
  ]);
  return JSON.stringify([p, e, a.length]);
}

function stream(parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      const next = parts.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(encoder.encode(next));
    },
  });
}

type Case = {
  name: string;
  method: string;
  path: string | (() => string);
  body?: () => unknown;
  /** A raw body (string or stream); otherwise `body` is sent as JSON. */
  raw?: () => string | ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
  auth?: string | null;
  status: number;
  code?: string;
  allow?: string;
};

const person = (overrides: Record<string, unknown> = {}) => ({
  PersonCode: `R${crypto.randomUUID().slice(0, 8)}`,
  GivenName: 'Rob',
  FamilyName: 'Ust',
  ...overrides,
});
const one = () => `/People('${personCode}')`;

const CASES: Case[] = [
  // Authentication
  {
    name: 'no Authorization header → 401',
    method: 'GET',
    path: '/People',
    auth: null,
    status: 401,
    code: 'Unauthorized',
  },
  {
    name: 'Basic instead of Bearer → 401',
    method: 'GET',
    path: '/People',
    auth: 'Basic YTpi',
    status: 401,
    code: 'Unauthorized',
  },
  {
    name: 'a Bearer token of garbage → 401',
    method: 'GET',
    path: '/People',
    auth: 'Bearer !!!',
    status: 401,
    code: 'Unauthorized',
  },
  {
    name: 'an unknown Bearer token of 10k characters → 401',
    method: 'GET',
    path: '/People',
    auth: `Bearer ${'a'.repeat(10_000)}`,
    status: 401,
    code: 'Unauthorized',
  },

  // Query options
  { name: '$top=-1 → 400', method: 'GET', path: '/People?$top=-1', status: 400, code: 'InvalidQueryOption' },
  { name: '$top=abc → 400', method: 'GET', path: '/People?$top=abc', status: 400, code: 'InvalidQueryOption' },
  {
    name: '$top=99999999999 (huge) → 400',
    method: 'GET',
    path: '/People?$top=99999999999',
    status: 400,
    code: 'InvalidQueryOption',
  },
  {
    name: '$top=1&$top=2 (repeated) → 400',
    method: 'GET',
    path: '/People?$top=1&$top=2',
    status: 400,
    code: 'InvalidQueryOption',
  },
  { name: '$skip=-5 → 400', method: 'GET', path: '/Departments?$skip=-5', status: 400, code: 'InvalidQueryOption' },
  { name: '$skip=1e3 → 400', method: 'GET', path: '/People?$skip=1e3', status: 400, code: 'InvalidQueryOption' },
  { name: '$count=maybe → 400', method: 'GET', path: '/People?$count=maybe', status: 400, code: 'InvalidQueryOption' },
  {
    name: '$filter of garbage → 400',
    method: 'GET',
    path: `/People?$filter=${encodeURIComponent("'); drop table people; --")}`,
    status: 400,
    code: 'InvalidQueryOption',
  },
  {
    name: '$filter unbalanced → 400',
    method: 'GET',
    path: `/People?$filter=${encodeURIComponent('(LastModified gt 2026-01-01T00:00:00Z and (LastModified')}`,
    status: 400,
    code: 'InvalidQueryOption',
  },
  {
    name: '$filter of 10k characters → 400',
    method: 'GET',
    path: `/People?$filter=${encodeURIComponent(`LastModified gt ${'9'.repeat(10_000)}`)}`,
    status: 400,
    code: 'InvalidQueryOption',
  },
  {
    name: '$filter on an unsupported property → 400',
    method: 'GET',
    path: `/People?$filter=${encodeURIComponent("GivenName eq 'Ada'")}`,
    status: 400,
    code: 'InvalidQueryOption',
  },
  {
    name: '$filter with an impossible date (2026-02-30) → 400',
    method: 'GET',
    path: `/People?$filter=${encodeURIComponent('LastModified gt 2026-02-30')}`,
    status: 400,
    code: 'InvalidQueryOption',
  },
  {
    name: '$filter past year 9999 by its offset → 400',
    method: 'GET',
    path: `/People?$filter=${encodeURIComponent('LastModified lt 9999-12-31T23:59:59-23:59')}`,
    status: 400,
    code: 'InvalidQueryOption',
  },
  {
    name: '$filter before year 1 by its offset → 400',
    method: 'GET',
    path: `/Departments?$filter=${encodeURIComponent('LastModified gt 0001-01-01T00:00:00+23:59')}`,
    status: 400,
    code: 'InvalidQueryOption',
  },
  {
    name: '$filter with a NUL → 400',
    method: 'GET',
    path: '/People?$filter=LastModified%20gt%202026-01-01%00',
    status: 400,
    code: 'InvalidQueryOption',
  },
  {
    name: '$select of an unknown property → 400',
    method: 'GET',
    path: '/People?$select=Salary',
    status: 400,
    code: 'InvalidQueryOption',
  },
  {
    name: '$select of __proto__ → 400',
    method: 'GET',
    path: () => `${one()}?$select=__proto__`,
    status: 400,
    code: 'InvalidQueryOption',
  },
  {
    name: '$orderby (unsupported) → 400',
    method: 'GET',
    path: '/People?$orderby=GivenName',
    status: 400,
    code: 'InvalidQueryOption',
  },
  {
    name: '$skiptoken of garbage → 400',
    method: 'GET',
    path: '/People?$skiptoken=%27%3B--',
    status: 400,
    code: 'InvalidQueryOption',
  },
  {
    name: '$skiptoken that is base64 of junk → 400',
    method: 'GET',
    path: `/People?$skiptoken=${Buffer.from('99999999999999999999.x').toString('base64url')}`,
    status: 400,
    code: 'InvalidQueryOption',
  },
  { name: '$format=xml → 400', method: 'GET', path: '/People?$format=xml', status: 400, code: 'InvalidQueryOption' },

  // Keys
  { name: "People('%00') → 404", method: 'GET', path: "/People('%00')", status: 404 },
  { name: "People('<code>%00') → 404", method: 'GET', path: () => `/People('${personCode}%00')`, status: 404 },
  { name: "Departments('%00') → 404", method: 'GET', path: "/Departments('OPS%00')", status: 404 },
  { name: "People('..') → 404", method: 'GET', path: "/People('..')", status: 404 },
  { name: "People('x'' or ''1''=''1') → 404", method: 'GET', path: "/People('x'' or ''1''=''1')", status: 404 },
  { name: 'People(unquoted key) → 404', method: 'GET', path: '/People(1 or 1=1)', status: 404 },
  {
    name: 'People(unicode key) → 404',
    method: 'GET',
    path: `/People('${encodeURIComponent('ünïcödé-☃')}')`,
    status: 404,
  },
  { name: 'People(key of 10k characters) → 404', method: 'GET', path: `/People('${'K'.repeat(10_000)}')`, status: 404 },
  { name: "People('%ZZ') (a bad escape) → 404", method: 'GET', path: "/People('%ZZ')", status: 404 },
  { name: "another tenant's person → 404", method: 'GET', path: () => `/People('${otherPersonCode}')`, status: 404 },
  { name: 'an unknown entity set → 404', method: 'GET', path: "/Salaries('1')", status: 404 },
  {
    name: 'GET People/x (a path below the entity set) → 404 OData error',
    method: 'GET',
    path: '/People/x',
    status: 404,
    code: 'NotFound',
  },
  {
    name: "GET People('<code>')/Employments (navigation) → 404 OData error",
    method: 'GET',
    path: () => `${one()}/Employments`,
    status: 404,
    code: 'NotFound',
  },
  {
    name: 'POST Departments/x/y → 404 OData error, nothing written',
    method: 'POST',
    path: '/Departments/x/y',
    body: () => ({}),
    status: 404,
    code: 'NotFound',
  },
  {
    name: 'DELETE People/../.. → 404 OData error',
    method: 'DELETE',
    path: '/People/%2E%2E/%2E%2E',
    status: 404,
    code: 'NotFound',
  },
  {
    name: 'GET People/x without a token → 401 (not an HTML 404)',
    method: 'GET',
    path: '/People/x',
    auth: null,
    status: 401,
    code: 'Unauthorized',
  },

  // Bodies
  {
    name: 'POST People with invalid JSON → 400',
    method: 'POST',
    path: '/People',
    raw: () => '{"PersonCode":',
    status: 400,
  },
  {
    name: 'POST People with a JSON array → 400',
    method: 'POST',
    path: '/People',
    raw: () => JSON.stringify([person()]),
    status: 400,
  },
  { name: 'POST People with a JSON string → 400', method: 'POST', path: '/People', raw: () => '"Ada"', status: 400 },
  { name: 'POST People with a JSON number → 400', method: 'POST', path: '/People', raw: () => '7', status: 400 },
  { name: 'POST People with JSON null → 400', method: 'POST', path: '/People', raw: () => 'null', status: 400 },
  { name: 'POST People with an empty body → 400', method: 'POST', path: '/People', raw: () => '', status: 400 },
  {
    name: 'POST People with 40k nested arrays (under 64 KB) → 400',
    method: 'POST',
    path: '/People',
    raw: () => '['.repeat(30_000) + ']'.repeat(30_000),
    status: 400,
  },
  {
    name: 'POST People with 10k nested objects (under 64 KB) → 400',
    method: 'POST',
    path: '/People',
    raw: () =>
      `{"PersonCode":"N1","GivenName":"A","FamilyName":"B","Employments":${'{"a":'.repeat(9000)}1${'}'.repeat(9000)}}`,
    status: 400,
  },
  {
    name: 'POST People with a body over 64 KB → 413',
    method: 'POST',
    path: '/People',
    body: () => person({ JobTitle: 'x'.repeat(70_000) }),
    status: 413,
  },
  {
    name: 'POST People with a chunked body (no content-length) over 64 KB → 413',
    method: 'POST',
    path: '/People',
    raw: () =>
      stream([JSON.stringify(person()).slice(0, -1), ',"JobTitle":"', 'x'.repeat(40_000), 'x'.repeat(40_000), '"}']),
    status: 413,
  },
  {
    name: 'POST People without a content-type → 415',
    method: 'POST',
    path: '/People',
    raw: () => JSON.stringify(person()),
    headers: { 'content-type': '' },
    status: 415,
  },
  {
    name: 'POST People as text/plain → 415',
    method: 'POST',
    path: '/People',
    raw: () => JSON.stringify(person()),
    headers: { 'content-type': 'text/plain' },
    status: 415,
  },
  {
    name: 'POST People as form data → 415',
    method: 'POST',
    path: '/People',
    raw: () => 'PersonCode=X',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
  },
  {
    name: 'POST People with a NUL in GivenName → 400',
    method: 'POST',
    path: '/People',
    body: () => person({ GivenName: 'Ro\u0000b' }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: 'POST People with a NUL in PersonCode → 400',
    method: 'POST',
    path: '/People',
    body: () => person({ PersonCode: 'R\u0000X' }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: 'POST People with a NUL in JobTitle → 400',
    method: 'POST',
    path: '/People',
    body: () => person({ JobTitle: 'Boss\u0000' }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: 'POST People with a NUL in DepartmentCode → 400',
    method: 'POST',
    path: '/People',
    body: () => person({ DepartmentCode: 'OPS\u0000' }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: 'POST People with a NUL in an EmploymentId → 400',
    method: 'POST',
    path: '/People',
    body: () => person({ Employments: [{ EmploymentId: 'E\u0000', StartDate: '2024-01-01' }] }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: 'POST People with a lone surrogate in GivenName → 400',
    method: 'POST',
    path: '/People',
    raw: () => JSON.stringify(person({ GivenName: 'x' })).replace('"x"', '"\\udc00x"'),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: 'POST People with an escape character in FamilyName → 400',
    method: 'POST',
    path: '/People',
    body: () => person({ FamilyName: '\u001b[2J' }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: 'POST People with PersonCode of 10k characters → 400',
    method: 'POST',
    path: '/People',
    body: () => person({ PersonCode: 'P'.repeat(10_000) }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: 'POST People with GivenName empty → 400',
    method: 'POST',
    path: '/People',
    body: () => person({ GivenName: '' }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: 'POST People with an email as an object → 400',
    method: 'POST',
    path: '/People',
    body: () => person({ InternalEmail: { value: 'a@b.test' } }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: 'POST People with ActiveEmployee "maybe" → 400',
    method: 'POST',
    path: '/People',
    body: () => person({ ActiveEmployee: 'maybe' }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: 'POST People with Employments an object → 400',
    method: 'POST',
    path: '/People',
    body: () => person({ Employments: { EmploymentId: 'E1' } }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: 'POST People with a StartDate of year 0 → 400',
    method: 'POST',
    path: '/People',
    body: () => person({ Employments: [{ EmploymentId: 'E0', StartDate: '0000-01-01' }] }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: 'POST People with an unknown property → 400',
    method: 'POST',
    path: '/People',
    body: () => person({ Salary: 1 }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: 'POST People with __proto__ → 400',
    method: 'POST',
    path: '/People',
    raw: () => `{"PersonCode":"PX1","GivenName":"A","FamilyName":"B","__proto__":{"admin":true}}`,
    status: 400,
    code: 'ValidationFailed',
  },
  { name: "PATCH People('<code>') with a JSON array → 400", method: 'PATCH', path: one, raw: () => '[]', status: 400 },
  {
    name: "PATCH People('<code>') with a NUL in GivenName → 400",
    method: 'PATCH',
    path: one,
    body: () => ({ GivenName: 'x\u0000' }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: "PATCH People('<code>') with PersonCode null → 400",
    method: 'PATCH',
    path: one,
    body: () => ({ PersonCode: null }),
    status: 400,
    code: 'ValidationFailed',
  },
  {
    name: "PATCH People('<code>') as text/plain → 415",
    method: 'PATCH',
    path: one,
    raw: () => '{}',
    headers: { 'content-type': 'text/plain' },
    status: 415,
  },
  {
    name: "PATCH People('%00') → 404",
    method: 'PATCH',
    path: "/People('%00')",
    body: () => ({ JobTitle: 'X' }),
    status: 404,
  },
  {
    name: "PATCH another tenant's person → 404",
    method: 'PATCH',
    path: () => `/People('${otherPersonCode}')`,
    body: () => ({ JobTitle: 'X' }),
    status: 404,
  },

  // Methods
  {
    name: 'DELETE People → 405 with Allow: GET, POST',
    method: 'DELETE',
    path: '/People',
    status: 405,
    code: 'MethodNotAllowed',
    allow: 'GET, POST',
  },
  {
    name: 'PUT People → 405 with Allow: GET, POST',
    method: 'PUT',
    path: '/People',
    body: () => person(),
    status: 405,
    code: 'MethodNotAllowed',
    allow: 'GET, POST',
  },
  {
    name: "PUT People('<code>') → 405 with Allow: GET, PATCH, DELETE",
    method: 'PUT',
    path: one,
    body: () => person(),
    status: 405,
    code: 'MethodNotAllowed',
    allow: 'GET, PATCH, DELETE',
  },
  { name: "DELETE People('%00') → 404", method: 'DELETE', path: "/People('%00')", status: 404 },
  {
    name: "DELETE another tenant's person → 404",
    method: 'DELETE',
    path: () => `/People('${otherPersonCode}')`,
    status: 404,
  },
  {
    name: "POST People('<code>') → 405 with Allow: GET, PATCH, DELETE",
    method: 'POST',
    path: one,
    body: () => person(),
    status: 405,
    code: 'MethodNotAllowed',
    allow: 'GET, PATCH, DELETE',
  },
  {
    name: "PATCH Departments('OPS') → 405 with Allow: GET",
    method: 'PATCH',
    path: "/Departments('OPS')",
    body: () => ({ Name: 'x' }),
    status: 405,
    code: 'MethodNotAllowed',
    allow: 'GET',
  },
  {
    name: 'POST Departments → 405 with Allow: GET',
    method: 'POST',
    path: '/Departments',
    body: () => ({ Code: 'X' }),
    status: 405,
    code: 'MethodNotAllowed',
    allow: 'GET',
  },
  {
    name: 'DELETE the service document → 405 with Allow: GET',
    method: 'DELETE',
    path: '/',
    status: 405,
    code: 'MethodNotAllowed',
    allow: 'GET',
  },
  {
    name: 'POST $metadata → 405 with Allow: GET',
    method: 'POST',
    path: '/$metadata',
    body: () => ({}),
    status: 405,
    code: 'MethodNotAllowed',
    allow: 'GET',
  },
];

describe('HR API (OData) robustness: bad input → 4xx OData error, nothing written', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const before = await snapshot();
      const path = typeof c.path === 'function' ? c.path() : c.path;
      const headers = new Headers({ 'content-type': 'application/json', ...c.headers });
      if (headers.get('content-type') === '') headers.delete('content-type');
      const auth = c.auth === undefined ? `Bearer ${token}` : c.auth;
      if (auth) headers.set('authorization', auth);
      const body = c.raw ? c.raw() : c.body ? JSON.stringify(c.body()) : undefined;
      const url = path === '/' ? SERVICE : `${SERVICE}${path}`;
      const request = new Request(url, {
        method: c.method,
        headers,
        body,
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit);
      const handler = routeFor(path)[c.method];
      expect(handler, `no ${c.method} export for ${path}`).toBeTypeOf('function');
      const response = await handler(request);
      const text = await response.text();
      expect(response.status, text.slice(0, 500)).toBe(c.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const json = JSON.parse(text);
      expect(json).toEqual({
        error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
      });
      if (c.code) expect(json.error.code).toBe(c.code);
      if (c.allow) expect(response.headers.get('allow')).toBe(c.allow);
      expect(await snapshot()).toBe(before);
    });
  }

  it('a chunked, well-formed POST still creates the person (control case: streaming is not refused)', async () => {
    const body = JSON.stringify(person());
    const request = new Request(`${SERVICE}/People`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: stream([body.slice(0, 7), body.slice(7)]),
      duplex: 'half',
    } as RequestInit);
    const response = await peopleRoute.POST(request);
    expect(response.status, await response.clone().text()).toBe(201);
  });
});

describe('HR API robustness: OPTIONS names only the methods really offered', () => {
  const cases: [string, string][] = [
    ['/People', 'GET, POST'],
    ["/People('P1')", 'GET, PATCH, DELETE'],
    ["/Departments('D1')", 'GET'],
    ['/Departments', 'GET'],
    ['/', 'GET'],
  ];
  for (const [path, allow] of cases) {
    it(`OPTIONS ${path} → 204 with Allow: ${allow}`, async () => {
      const response = await routeFor(path).OPTIONS(
        new Request(path === '/' ? SERVICE : `${SERVICE}${path}`, { method: 'OPTIONS' }),
      );
      expect(response.status).toBe(204);
      expect(response.headers.get('allow')).toBe(allow);
    });
  }
});
