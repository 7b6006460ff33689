// Robustness of the SCIM endpoints: bad input of every kind gets a 4xx RFC 7644 error (status as a string, the
// right scimType), never a 500, and nothing is written. Calls the real route handlers on the test database.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { scimRequestLog, userAccounts } from '@/db/schema';
import * as usersRoute from '@/app/scim/v2/[tenantId]/Users/route';
import { flushScimRequestLog } from '@/lib/scim/request-log';
import { createPerson, createScimTenant, createUserAccount } from '@/tests/support/scim-factories';
import {
  BASE,
  ENTERPRISE,
  PATCH_OP,
  ROSTER_EXT,
  scimCall,
  type CallOptions,
  type ScimResponse,
} from '@/tests/support/scim-client';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let tenantId: string;
let token: string;
let userId: string;
let userName: string;
let otherTenantId: string;
let otherUserId: string;
let personEmail: string;

beforeAll(async () => {
  const a = await createScimTenant();
  const b = await createScimTenant();
  tenantId = a.tenantId;
  token = a.token;
  otherTenantId = b.tenantId;
  const person = await createPerson(tenantId);
  userName = `robust-${crypto.randomUUID().slice(0, 8)}@northwind.test`;
  userId = (await createUserAccount(tenantId, person.id, userName)).id;
  const otherPerson = await createPerson(otherTenantId);
  otherUserId = (await createUserAccount(otherTenantId, otherPerson.id)).id;
  // A person with no account yet: a POST for them would succeed if the bad part of the body were ignored.
  personEmail = (await createPerson(tenantId)).internalEmail!;
});

function expectScimError(res: ScimResponse, status: number, scimType?: string) {
  expect(res.status, res.text.slice(0, 500)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
  expect(res.body).toMatchObject({ schemas: [ERROR], status: String(status) });
  expect(typeof res.body.status).toBe('string');
  expect(res.body.detail).toEqual(expect.any(String));
  if (scimType) expect(res.body.scimType).toBe(scimType);
}

/** Everything SCIM may write for the tenant: accounts and their state. */
async function snapshot() {
  const rows = await getDb()
    .select({
      id: userAccounts.id,
      userName: userAccounts.userName,
      email: userAccounts.email,
      active: userAccounts.active,
      roleId: userAccounts.roleId,
      externalId: userAccounts.externalId,
      updatedAt: userAccounts.updatedAt,
    })
    .from(userAccounts)
    .where(sql`${userAccounts.tenantId} in (${tenantId}::uuid, ${otherTenantId}::uuid)`)
    .orderBy(userAccounts.id);
  return JSON.stringify(rows);
}

const validUser = () => ({ userName: personEmail, emails: [{ value: personEmail, primary: true }] });

type Case = {
  name: string;
  method: Method;
  path: string | (() => string);
  options?: CallOptions | (() => CallOptions);
  tenant?: () => string;
  status: number;
  scimType?: string;
  allow?: string;
};

const patch = (...ops: unknown[]) => ({ body: { schemas: [PATCH_OP], Operations: ops } });
const userPath = () => `/Users/${userId}`;

const CASES: Case[] = [
  // Bodies
  {
    name: 'POST /Users with invalid JSON → 400 invalidSyntax',
    method: 'POST',
    path: '/Users',
    options: { rawBody: '{"userName":' },
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'POST /Users with a JSON array → 400 invalidSyntax',
    method: 'POST',
    path: '/Users',
    options: { rawBody: '[]' },
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'POST /Users with a JSON string → 400 invalidSyntax',
    method: 'POST',
    path: '/Users',
    options: { rawBody: '"user"' },
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'POST /Users with a JSON number → 400 invalidSyntax',
    method: 'POST',
    path: '/Users',
    options: { rawBody: '42' },
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'POST /Users with JSON null → 400 invalidSyntax',
    method: 'POST',
    path: '/Users',
    options: { rawBody: 'null' },
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'POST /Users with an empty body → 400 invalidSyntax',
    method: 'POST',
    path: '/Users',
    options: { rawBody: '' },
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'POST /Users with a UTF-8 BOM and garbage → 400 invalidSyntax',
    method: 'POST',
    path: '/Users',
    options: { rawBody: '\uFEFF{{' },
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'POST /Users with 300k nested arrays (under 1 MB) → 400 invalidSyntax',
    method: 'POST',
    path: '/Users',
    options: { rawBody: '['.repeat(300_000) + ']'.repeat(300_000) },
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'POST /Users with 150k nested objects (under 1 MB) → 400 invalidSyntax',
    method: 'POST',
    path: '/Users',
    options: { rawBody: '{"a":'.repeat(150_000) + '1' + '}'.repeat(150_000) },
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'POST /Users with a body over 1 MB → 413',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), padding: 'x'.repeat(1024 * 1024) } }),
    status: 413,
  },
  {
    name: 'POST /Users with content-type text/plain → 415 invalidSyntax',
    method: 'POST',
    path: '/Users',
    options: () => ({ rawBody: JSON.stringify(validUser()), headers: { 'content-type': 'text/plain' } }),
    status: 415,
    scimType: 'invalidSyntax',
  },
  {
    name: 'POST /Users with content-type application/x-www-form-urlencoded → 415',
    method: 'POST',
    path: '/Users',
    options: () => ({ rawBody: 'userName=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    status: 415,
  },
  {
    name: 'PATCH /Users/{id} with content-type application/xml → 415',
    method: 'PATCH',
    path: userPath,
    options: { rawBody: '<x/>', headers: { 'content-type': 'application/xml' } },
    status: 415,
  },
  {
    name: 'PUT /Users/{id} with a JSON array → 400 invalidSyntax',
    method: 'PUT',
    path: userPath,
    options: { rawBody: '[{"userName":"x"}]' },
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'PATCH /Users/{id} with JSON null → 400 invalidSyntax',
    method: 'PATCH',
    path: userPath,
    options: { rawBody: 'null' },
    status: 400,
    scimType: 'invalidSyntax',
  },

  // Methods
  {
    name: 'PUT /Users → 405 with Allow: GET, POST',
    method: 'PUT',
    path: '/Users',
    options: { body: {} },
    status: 405,
    allow: 'GET, POST',
  },
  {
    name: 'DELETE /Users → 405 with Allow: GET, POST',
    method: 'DELETE',
    path: '/Users',
    status: 405,
    allow: 'GET, POST',
  },
  {
    name: 'PATCH /Users → 405 with Allow: GET, POST',
    method: 'PATCH',
    path: '/Users',
    options: { body: {} },
    status: 405,
    allow: 'GET, POST',
  },
  {
    name: 'POST /Users/{id} → 405 with Allow: GET, PUT, PATCH, DELETE',
    method: 'POST',
    path: userPath,
    options: () => ({ body: validUser() }),
    status: 405,
    allow: 'GET, PUT, PATCH, DELETE',
  },
  { name: 'DELETE /Groups → 405 with Allow', method: 'DELETE', path: '/Groups', status: 405, allow: 'GET' },
  {
    name: 'POST /Groups/{id} → 405 with Allow',
    method: 'POST',
    path: `/Groups/${crypto.randomUUID()}`,
    options: { body: {} },
    status: 405,
    allow: 'GET',
  },
  {
    name: 'POST /ServiceProviderConfig → 405 with Allow: GET',
    method: 'POST',
    path: '/ServiceProviderConfig',
    options: { body: {} },
    status: 405,
    allow: 'GET',
  },
  { name: 'DELETE /Schemas → 405 with Allow: GET', method: 'DELETE', path: '/Schemas', status: 405, allow: 'GET' },
  {
    name: 'PUT /ResourceTypes/User → 405 with Allow: GET',
    method: 'PUT',
    path: '/ResourceTypes/User',
    options: { body: {} },
    status: 405,
    allow: 'GET',
  },

  // Tenant ids: anything but a UUID is a 404 that says the tenant id is missing or not valid (not "wrong token")
  {
    name: 'a tenant id that is not a UUID → 404',
    method: 'GET',
    path: '/Users',
    tenant: () => 'not-a-uuid',
    status: 404,
  },
  {
    name: 'a tenant id containing %00 → 404',
    method: 'GET',
    path: '/Users',
    tenant: () => `${tenantId}\u0000`,
    status: 404,
  },
  { name: "a tenant id containing ' → 404", method: 'GET', path: '/Users', tenant: () => `${tenantId}'`, status: 404 },
  { name: 'a tenant id of .. → 404', method: 'GET', path: '/Users', tenant: () => '..', status: 404 },
  { name: 'a tenant id in unicode → 404', method: 'GET', path: '/Users', tenant: () => 'ťëñåñţ-ü', status: 404 },
  {
    name: "another tenant's id with this tenant's token → 401",
    method: 'GET',
    path: '/Users',
    tenant: () => otherTenantId,
    status: 401,
  },
  {
    name: "POST to another tenant's id with this tenant's token → 401, nothing written",
    method: 'POST',
    path: '/Users',
    tenant: () => otherTenantId,
    options: () => ({ body: validUser() }),
    status: 401,
  },

  // Resource ids
  { name: 'GET /Users/{not a UUID} → 404', method: 'GET', path: '/Users/not-a-uuid', status: 404 },
  { name: 'GET /Users/{id with %00} → 404', method: 'GET', path: () => `/Users/${userId}%00`, status: 404 },
  { name: "GET /Users/{id with '} → 404", method: 'GET', path: "/Users/1'%20or%20'1'='1", status: 404 },
  { name: 'GET /Users/.. → 404', method: 'GET', path: '/Users/..', status: 404 },
  {
    name: 'GET /Users/{unicode id} → 404',
    method: 'GET',
    path: `/Users/${encodeURIComponent('üñí©ødé')}`,
    status: 404,
  },
  { name: 'GET /Users/{10k-char id} → 404', method: 'GET', path: `/Users/${'a'.repeat(10_000)}`, status: 404 },
  { name: "GET /Users/{another tenant's user} → 404", method: 'GET', path: () => `/Users/${otherUserId}`, status: 404 },
  {
    name: "PUT /Users/{another tenant's user} → 404, nothing written",
    method: 'PUT',
    path: () => `/Users/${otherUserId}`,
    options: { body: { userName: 'stolen@x.test', active: false } },
    status: 404,
  },
  {
    name: "PATCH /Users/{another tenant's user} → 404, nothing written",
    method: 'PATCH',
    path: () => `/Users/${otherUserId}`,
    options: patch({ op: 'replace', path: 'active', value: false }),
    status: 404,
  },
  {
    name: "DELETE /Users/{another tenant's user} → 404, nothing deleted",
    method: 'DELETE',
    path: () => `/Users/${otherUserId}`,
    status: 404,
  },
  { name: 'DELETE /Users/{id with %00} → 404', method: 'DELETE', path: () => `/Users/${userId}%00`, status: 404 },
  {
    name: 'PUT /Users/{not a UUID} → 404',
    method: 'PUT',
    path: '/Users/abc',
    options: { body: { userName: 'x@x.test' } },
    status: 404,
  },
  { name: 'GET /Groups/{id with %00} → 404', method: 'GET', path: '/Groups/%00', status: 404 },
  { name: 'GET /Bulk (not offered) → 404 SCIM error', method: 'GET', path: '/Bulk', status: 404 },
  {
    name: 'POST /Users/{id}/extra (no such endpoint) → 404 SCIM error',
    method: 'POST',
    path: () => `/Users/${userId}/extra`,
    options: { body: {} },
    status: 404,
  },
  { name: 'GET /Schemas/{unknown, with ..} → 404', method: 'GET', path: '/Schemas/..%2F..', status: 404 },

  // Query options
  {
    name: 'GET /Users?count=abc → 400 invalidValue',
    method: 'GET',
    path: '/Users?count=abc',
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'GET /Users?count=a&count=2 (repeated) → 400 invalidValue',
    method: 'GET',
    path: '/Users?count=a&count=2',
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'GET /Users?count=2&count=3 (repeated) → 400 invalidValue',
    method: 'GET',
    path: '/Users?count=2&count=3',
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'GET /Users?count=1e3 (exponent) → 400 invalidValue',
    method: 'GET',
    path: '/Users?count=1e3',
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'GET /Users?startIndex=-99999999999 (huge negative) → 400 invalidValue',
    method: 'GET',
    path: '/Users?startIndex=-99999999999',
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'GET /Users?count=0x10 → 400 invalidValue',
    method: 'GET',
    path: '/Users?count=0x10',
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'GET /Users?startIndex=99999999999999999999 (huge) → 400 invalidValue',
    method: 'GET',
    path: '/Users?startIndex=99999999999999999999',
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'GET /Users?startIndex=1e400 → 400 invalidValue',
    method: 'GET',
    path: '/Users?startIndex=1e400',
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'GET /Groups?count=-1&count=-1 (repeated) → 400',
    method: 'GET',
    path: '/Groups?count=-1&count=-1',
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'GET /Users?filter=garbage → 400 invalidFilter',
    method: 'GET',
    path: `/Users?filter=${encodeURIComponent('!!! ~~ ???')}`,
    status: 400,
    scimType: 'invalidFilter',
  },
  {
    name: 'GET /Users?filter with unbalanced parentheses → 400 invalidFilter',
    method: 'GET',
    path: `/Users?filter=${encodeURIComponent('(userName eq "a"')}`,
    status: 400,
    scimType: 'invalidFilter',
  },
  {
    name: 'GET /Users?filter with an unterminated string → 400 invalidFilter',
    method: 'GET',
    path: `/Users?filter=${encodeURIComponent('userName eq "a')}`,
    status: 400,
    scimType: 'invalidFilter',
  },
  {
    name: 'GET /Users?filter of 10k characters → 400 invalidFilter',
    method: 'GET',
    path: `/Users?filter=${encodeURIComponent(`userName eq "${'a'.repeat(10_000)}"`)}`,
    status: 400,
    scimType: 'invalidFilter',
  },
  {
    name: 'GET /Users?filter of 1,500 unclosed parentheses → 400 invalidFilter',
    method: 'GET',
    path: `/Users?filter=${encodeURIComponent('('.repeat(1500) + 'userName eq "a"')}`,
    status: 400,
    scimType: 'invalidFilter',
  },
  {
    name: 'GET /Users?filter on an unsupported attribute (password) → 400 invalidFilter',
    method: 'GET',
    path: `/Users?filter=${encodeURIComponent('password eq "x"')}`,
    status: 400,
    scimType: 'invalidFilter',
  },
  {
    name: 'GET /Users?filter on a nonexistent attribute → 400 invalidFilter',
    method: 'GET',
    path: `/Users?filter=${encodeURIComponent('shoeSize gt "4"')}`,
    status: 400,
    scimType: 'invalidFilter',
  },
  {
    name: 'GET /Users?filter with a NUL in the value → 400 invalidFilter',
    method: 'GET',
    path: `/Users?filter=${encodeURIComponent('userName eq "a\u0000b"')}`,
    status: 400,
    scimType: 'invalidFilter',
  },
  {
    name: 'GET /Users?filter with a date beyond PostgreSQL (+275760) → 400 invalidFilter',
    method: 'GET',
    path: `/Users?filter=${encodeURIComponent('meta.created gt "+275760-09-13T00:00:00Z"')}`,
    status: 400,
    scimType: 'invalidFilter',
  },
  {
    name: 'GET /Users?filter with a number for userName → 400 invalidFilter',
    method: 'GET',
    path: `/Users?filter=${encodeURIComponent('userName eq 5')}`,
    status: 400,
    scimType: 'invalidFilter',
  },
  {
    name: 'GET /Users?filter=a&filter=b (repeated) → 400',
    method: 'GET',
    path: `/Users?filter=${encodeURIComponent('userName eq "a"')}&filter=${encodeURIComponent('userName eq "b"')}`,
    status: 400,
    scimType: 'invalidFilter',
  },
  {
    name: 'POST /Users?attributes=a&attributes=b (repeated) → 400 and the user is not created',
    method: 'POST',
    path: '/Users?attributes=userName&attributes=id',
    options: () => ({ body: validUser() }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'PATCH /Users/{id}?excludedAttributes repeated → 400 and the change is not applied',
    method: 'PATCH',
    path: () => `/Users/${userId}?excludedAttributes=emails&excludedAttributes=roles`,
    options: patch({ op: 'replace', path: 'active', value: false }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'GET /Groups?filter=garbage → 400 invalidFilter',
    method: 'GET',
    path: `/Groups?filter=${encodeURIComponent('displayName eq')}`,
    status: 400,
    scimType: 'invalidFilter',
  },

  // PATCH operations
  {
    name: 'PATCH with an operation without "op" → 400 invalidSyntax',
    method: 'PATCH',
    path: userPath,
    options: patch({ path: 'active', value: false }),
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'PATCH with an unknown op ("move") → 400 invalidSyntax',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'move', path: 'active', value: false }),
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'PATCH with "op" as a number → 400 invalidSyntax',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 1, path: 'active', value: false }),
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'PATCH with "Operations" an object → 400 invalidSyntax',
    method: 'PATCH',
    path: userPath,
    options: { body: { schemas: [PATCH_OP], Operations: { op: 'replace' } } },
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'PATCH with an operation that is a string → 400 invalidSyntax',
    method: 'PATCH',
    path: userPath,
    options: patch('replace active'),
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'PATCH with 101 operations → 400 tooMany',
    method: 'PATCH',
    path: userPath,
    options: patch(...Array.from({ length: 101 }, () => ({ op: 'replace', path: 'active', value: false }))),
    status: 400,
    scimType: 'tooMany',
  },
  {
    name: 'PATCH replace of the read-only "id" → 400 mutability',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: 'id', value: crypto.randomUUID() }),
    status: 400,
    scimType: 'mutability',
  },
  {
    name: 'PATCH replace of the read-only "meta.created" → 400 mutability',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: 'meta.created', value: '2000-01-01T00:00:00Z' }),
    status: 400,
    scimType: 'mutability',
  },
  {
    name: 'PATCH add to the read-only "groups" → 400 mutability',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'add', path: 'groups', value: [{ value: crypto.randomUUID() }] }),
    status: 400,
    scimType: 'mutability',
  },
  {
    name: 'PATCH without path whose value sets "id" → 400 mutability',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', value: { id: 'x', active: false } }),
    status: 400,
    scimType: 'mutability',
  },
  {
    name: 'PATCH remove of "userName" → 400 mutability',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'remove', path: 'userName' }),
    status: 400,
    scimType: 'mutability',
  },
  {
    name: 'PATCH replace of a nonexistent attribute → 400 invalidPath',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: 'shoeSize', value: 44 }),
    status: 400,
    scimType: 'invalidPath',
  },
  {
    name: 'PATCH replace of a nonexistent enterprise attribute → 400 invalidPath',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: `${ENTERPRISE}:shoeSize`, value: '44' }),
    status: 400,
    scimType: 'invalidPath',
  },
  {
    name: 'PATCH with a path with an unbalanced bracket → 400 invalidPath',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: 'emails[type eq "work"', value: 'a@b.test' }),
    status: 400,
    scimType: 'invalidPath',
  },
  {
    name: 'PATCH with a path of three levels → 400 invalidPath',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: 'name.givenName.x', value: 'A' }),
    status: 400,
    scimType: 'invalidPath',
  },
  {
    name: 'PATCH with "path" a number → 400 invalidPath',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: 7, value: 'A' }),
    status: 400,
    scimType: 'invalidPath',
  },
  {
    name: 'PATCH remove without a path → 400 noTarget',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'remove' }),
    status: 400,
    scimType: 'noTarget',
  },
  {
    name: 'PATCH replace without a value → 400 invalidSyntax',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: 'active' }),
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'PATCH replace active with "maybe" → 400 invalidValue',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: 'active', value: 'maybe' }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'PATCH replace userName with a number → 400 invalidValue',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: 'userName', value: 123 }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'PATCH replace userName with an object → 400 invalidValue',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: 'userName', value: { a: 1 } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'PATCH replace emails with a string → 400 invalidValue',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: 'emails', value: 'a@b.test' }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'PATCH replace emails[].value with an object → 400 invalidValue',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: 'emails[type eq "work"].value', value: { a: 1 } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'PATCH replace roles with a string → 400 invalidValue',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: 'roles', value: 'Administrator' }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'PATCH replace userName with a NUL character → 400 invalidValue',
    method: 'PATCH',
    path: userPath,
    options: patch({ op: 'replace', path: 'userName', value: 'a\u0000b@x.test' }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'PATCH with a 150k-deep nested value → 400 invalidSyntax (nesting limit)',
    method: 'PATCH',
    path: userPath,
    options: {
      rawBody: `{"Operations":[{"op":"add","path":"title","value":${'['.repeat(150_000)}${']'.repeat(150_000)}}]}`,
    },
    status: 400,
    scimType: 'invalidSyntax',
  },
  {
    name: 'PATCH with a value nested 100 levels → 400 invalidSyntax (nesting limit)',
    method: 'PATCH',
    path: userPath,
    options: {
      rawBody: `{"Operations":[{"op":"add","path":"title","value":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}]}`,
    },
    status: 400,
    scimType: 'invalidSyntax',
  },

  // User attributes on POST and PUT
  {
    name: 'POST /Users with active "maybe" → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), active: 'maybe' } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with emails as an object of objects → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), emails: [{ value: { address: personEmail }, primary: true }] } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with emails as a string → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), emails: personEmail } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with emails a list of numbers → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), emails: [1, 2] } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with userName empty → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), userName: '' } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with userName of spaces → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), userName: '   ' } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with userName of 10k characters → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), userName: 'a'.repeat(10_000) } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with a NUL in userName → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), userName: `a\u0000${personEmail}` } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with a newline in userName → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), userName: `a\nb${personEmail}` } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with an escape character in userName → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), userName: `\u001b[31m${personEmail}` } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with a lone surrogate in userName → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ rawBody: JSON.stringify({ ...validUser(), userName: 'x' }).replace('"x"', '"\\ud800x"') }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with userName an array → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), userName: [personEmail] } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with a NUL in externalId → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), externalId: 'ext\u0000' } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with externalId of 10k characters → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), externalId: 'e'.repeat(10_000) } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with a NUL in the email → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), emails: [{ value: `${personEmail}\u0000`, primary: true }] } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with roles as a string → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), roles: 'Administrator' } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with a NUL in the role → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), [ROSTER_EXT]: { role: 'Employee\u0000' } } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'POST /Users with employeeNumber an object → 400 invalidValue',
    method: 'POST',
    path: '/Users',
    options: () => ({ body: { ...validUser(), [ENTERPRISE]: { employeeNumber: { code: 'P1' } } } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'PUT /Users/{id} with active "maybe" → 400 invalidValue',
    method: 'PUT',
    path: userPath,
    options: () => ({ body: { userName, active: 'maybe' } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'PUT /Users/{id} with roles as a string → 400 invalidValue',
    method: 'PUT',
    path: userPath,
    options: () => ({ body: { userName, roles: 'Administrator' } }),
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'PUT /Users/{id} with userName empty → 400 invalidValue',
    method: 'PUT',
    path: userPath,
    options: { body: { userName: '' } },
    status: 400,
    scimType: 'invalidValue',
  },
  {
    name: 'PUT /Users/{id} with a NUL in userName → 400 invalidValue',
    method: 'PUT',
    path: userPath,
    options: { body: { userName: 'x\u0000@x.test' } },
    status: 400,
    scimType: 'invalidValue',
  },
];

describe('SCIM robustness: bad input → 4xx SCIM error, nothing written', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const before = await snapshot();
      const path = typeof c.path === 'function' ? c.path() : c.path;
      const options = typeof c.options === 'function' ? c.options() : (c.options ?? {});
      const res = await scimCall(c.tenant ? c.tenant() : tenantId, c.method, path, { token, ...options });
      expectScimError(res, c.status, c.scimType);
      if (c.allow) expect(res.headers.get('allow')).toBe(c.allow);
      expect(await snapshot()).toBe(before);
    });
  }
});

function chunkedRequest(path: string, chunks: string[], headers: Record<string, string> = {}) {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(encoder.encode(next));
    },
  });
  return new Request(`${BASE}/scim/v2/${tenantId}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json', ...headers },
    body: stream,
    duplex: 'half',
  } as RequestInit);
}

async function send(request: Request): Promise<ScimResponse> {
  const response = await usersRoute.POST!(request, { params: Promise.resolve({ tenantId }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
}

describe('SCIM robustness: streamed bodies and the database', () => {
  it('a chunked body (no content-length) over 1 MB → 413, nothing written', async () => {
    const before = await snapshot();
    const piece = 'x'.repeat(64 * 1024);
    const res = await send(
      chunkedRequest('/Users', [`{"userName":"${personEmail}","padding":"`, ...Array(17).fill(piece), '"}']),
    );
    expectScimError(res, 413);
    expect(await snapshot()).toBe(before);
  });

  it('a content-length declaring more than 1 MB → 413 before reading', async () => {
    const res = await send(chunkedRequest('/Users', ['{}'], { 'content-length': String(2 * 1024 * 1024) }));
    expectScimError(res, 413);
  });

  it('a content-length that is not a number is ignored: the body is read and validated', async () => {
    const res = await send(chunkedRequest('/Users', ['[]'], { 'content-length': 'lots' }));
    expectScimError(res, 400, 'invalidSyntax');
  });

  it('a chunked body of invalid JSON → 400 invalidSyntax', async () => {
    const res = await send(chunkedRequest('/Users', ['{"userName":', '"x"']));
    expectScimError(res, 400, 'invalidSyntax');
  });

  it('a well-formed chunked body is accepted (control case: streaming itself is not refused)', async () => {
    const person = await createPerson(tenantId);
    const body = JSON.stringify({
      userName: person.internalEmail,
      emails: [{ value: person.internalEmail, primary: true }],
    });
    const res = await send(chunkedRequest('/Users', [body.slice(0, 10), body.slice(10)]));
    expect(res.status, res.text).toBe(201);
  });

  it('a request with a NUL in userName does not lose the request log (the batch with other entries is still written)', async () => {
    await flushScimRequestLog();
    const marker = `/Users?count=1&marker=${crypto.randomUUID()}`;
    await scimCall(tenantId, 'POST', '/Users', { token, body: { userName: 'nul\u0000name@x.test' } });
    await scimCall(tenantId, 'GET', marker, { token });
    await flushScimRequestLog();
    const logged = await getDb()
      .select({ path: scimRequestLog.path, userName: scimRequestLog.userName })
      .from(scimRequestLog)
      .where(
        and(
          eq(scimRequestLog.tenantId, tenantId),
          sql`${scimRequestLog.path} like ${'%' + marker.split('marker=')[1]}`,
        ),
      );
    expect(logged).toHaveLength(1);
    const nul = await getDb()
      .select({ userName: scimRequestLog.userName })
      .from(scimRequestLog)
      .where(and(eq(scimRequestLog.tenantId, tenantId), sql`${scimRequestLog.userName} like 'nul%name@x.test'`));
    expect(nul).toHaveLength(1);
  });

  it('the user is unchanged after every bad PATCH and PUT above (no half-written record)', async () => {
    const res = await scimCall(tenantId, 'GET', `/Users/${userId}`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: userId, userName, active: true });
  });
});

describe('SCIM robustness: the base URLs themselves', () => {
  const call = async (
    module: Record<string, unknown>,
    method: Method,
    url: string,
    params: Record<string, string>,
    auth = true,
  ) => {
    const handler = module[method] as (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
    expect(handler, `no ${method} export`).toBeTypeOf('function');
    const response = await handler(
      new Request(url, { method, headers: auth ? { authorization: `Bearer ${token}` } : {} }),
      { params: Promise.resolve(params) },
    );
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: JSON.parse(text) } as ScimResponse;
  };

  it('GET /scim/v2/{tenantId} (no resource) → 404 SCIM error, not an HTML page', async () => {
    const root = await import('@/app/scim/v2/[tenantId]/route');
    expectScimError(await call(root, 'GET', `${BASE}/scim/v2/${tenantId}`, { tenantId }), 404);
  });

  it('DELETE /scim/v2/{tenantId} → 404 SCIM error, nothing deleted', async () => {
    const before = await snapshot();
    const root = await import('@/app/scim/v2/[tenantId]/route');
    expectScimError(await call(root, 'DELETE', `${BASE}/scim/v2/${tenantId}`, { tenantId }), 404);
    expect(await snapshot()).toBe(before);
  });

  it('GET /scim/v2 (no tenant id) → 404 SCIM error saying the tenant id is missing, not an HTML page', async () => {
    const base = await import('@/app/scim/v2/route');
    const res = await call(base, 'GET', `${BASE}/scim/v2`, {});
    expectScimError(res, 404);
    expect(res.body.detail).toMatch(/missing the tenant ID/);
  });

  it('GET /scim/v2 as Next calls it (a route without dynamic segments gets no params) → 404, not a 500', async () => {
    const base = await import('@/app/scim/v2/route');
    const handler = base.GET as unknown as (
      r: Request,
      c: { params?: Promise<Record<string, string>> },
    ) => Promise<Response>;
    const response = await handler(
      new Request(`${BASE}/scim/v2`, { headers: { authorization: `Bearer ${token}` } }),
      {},
    );
    const text = await response.text();
    expectScimError({ status: response.status, headers: response.headers, text, body: JSON.parse(text) }, 404);
  });
});

describe('SCIM robustness: OPTIONS names only the methods really offered', () => {
  const cases: [string, () => Promise<Record<string, unknown>>, string][] = [
    ['/Users', () => import('@/app/scim/v2/[tenantId]/Users/route'), 'GET, POST'],
    ['/Users/{id}', () => import('@/app/scim/v2/[tenantId]/Users/[id]/route'), 'GET, PUT, PATCH, DELETE'],
    ['/Groups', () => import('@/app/scim/v2/[tenantId]/Groups/route'), 'GET'],
    ['/Groups/{id}', () => import('@/app/scim/v2/[tenantId]/Groups/[id]/route'), 'GET'],
    ['/ServiceProviderConfig', () => import('@/app/scim/v2/[tenantId]/ServiceProviderConfig/route'), 'GET'],
    ['/Schemas/{id}', () => import('@/app/scim/v2/[tenantId]/Schemas/[id]/route'), 'GET'],
  ];
  for (const [path, load, allow] of cases) {
    it(`OPTIONS ${path} → 204 with Allow: ${allow} (not every exported verb)`, async () => {
      const routeModule = await load();
      const response = await (routeModule.OPTIONS as (r: Request) => Promise<Response>)(
        new Request(`${BASE}/scim/v2/${tenantId}${path}`, { method: 'OPTIONS' }),
      );
      expect(response.status).toBe(204);
      expect(response.headers.get('allow')).toBe(allow);
    });
  }
});
