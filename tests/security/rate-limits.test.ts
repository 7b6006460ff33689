// Rate limits of SCIM, the HR API and /oauth/token on real PostgreSQL, through the real route handlers: per credential
// and per tenant, 429 + Retry-After in each protocol's error shape, counts shared through the database (a second
// process sees them), failed authentications limited per client address, and rejected SCIM requests kept apart from
// the tenant's request history.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { rateLimits } from '@/db/schema';
import { resetLimiters } from '@/lib/rate-limits';
import { clearShedding, shedAnswer } from '@/lib/load-shedding.mjs';
import { flushScimRequestLog, listScimRequests } from '@/lib/scim/request-log';
import { listRejectedScimRequests, SCIM_REJECTED_KEEP } from '@/lib/scim/rejected-requests';
import { createTenant } from '@/tests/support/factories';
import { createScimTenant } from '@/tests/support/scim-factories';
import { scimCall } from '@/tests/support/scim-client';
import { apiRequest, basic, createApp, tokenFor, tokenRequest } from '@/tests/support/hr-api';
import { GET as peopleRoute } from '@/app/cezanneondemand/v7/dataservice.svc/People/route';
import { POST as tokenRoute } from '@/app/oauth/token/route';

const LIMIT_VARIABLES = [
  'ROSTER_LIMIT_SCIM_PER_MINUTE',
  'ROSTER_LIMIT_HR_API_PER_MINUTE',
  'ROSTER_LIMIT_HR_API_TENANT_PER_MINUTE',
  'ROSTER_LIMIT_TOKENS_PER_MINUTE',
  'ROSTER_LIMIT_TOKENS_TENANT_PER_MINUTE',
  'ROSTER_LIMIT_AUTH_FAILURES_PER_15_MINUTES',
];

function setLimits(limits: Record<string, number>) {
  for (const [name, value] of Object.entries(limits)) process.env[name] = String(value);
  resetLimiters();
}

/** As behind Roster's server (scripts/serve.mjs): the rightmost X-Forwarded-For entry is the TCP peer. */
const address = () => `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const from = (ip: string) => ({ 'x-forwarded-for': `6.6.6.6, ${ip}` });

beforeEach(() => {
  process.env.ROSTER_PEER_ADDRESS_APPENDED = '1';
});
afterEach(() => {
  for (const name of LIMIT_VARIABLES) delete process.env[name];
  delete process.env.ROSTER_PEER_ADDRESS_APPENDED;
  resetLimiters();
});

describe('SCIM', () => {
  it('per tenant: past the limit a SCIM 429 with Retry-After; another tenant is not affected; the count lives in PostgreSQL', async () => {
    setLimits({ ROSTER_LIMIT_SCIM_PER_MINUTE: 3 });
    const busy = await createScimTenant();
    const quiet = await createScimTenant();
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await scimCall(busy.tenantId, 'GET', '/Users', { token: busy.token })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);

    const refused = await scimCall(busy.tenantId, 'GET', '/Users', { token: busy.token });
    expect(refused.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' });
    expect(refused.body.detail).toMatch(/more requests than allowed \(3 per 1 min\)/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Until the window ends, Roster's server answers this tenant's SCIM URL itself (load shedding), another's not.
    const shed = shedAnswer(`/scim/v2/${busy.tenantId}/Users?filter=x`);
    expect(shed).toMatchObject({ status: 429, contentType: 'application/scim+json; charset=utf-8' });
    expect(JSON.parse(shed!.body)).toMatchObject({ status: '429' });
    expect(shed!.retryAfter).toBeGreaterThanOrEqual(1);
    expect(shedAnswer(`/scim/v2/${quiet.tenantId}/Users`)).toBeNull();
    clearShedding();
    expect((await scimCall(quiet.tenantId, 'GET', '/Users', { token: quiet.token })).status).toBe(200);

    const [counter] = await getDb()
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, `scim:${busy.tenantId}`));
    expect(counter.points).toBeGreaterThanOrEqual(4);
    // A second Roster process (no in-memory state) reads the same count and refuses too.
    resetLimiters();
    expect((await scimCall(busy.tenantId, 'GET', '/Users', { token: busy.token })).status).toBe(429);

    // The tenant's log shows the first refusal of the window, not every one.
    await flushScimRequestLog();
    const logged = (await listScimRequests(getDb(), busy.tenantId)).entries.map((e) => e.status);
    expect(logged.filter((s) => s === 429)).toHaveLength(1);
    expect(logged.filter((s) => s === 200)).toHaveLength(3);
  });

  it('wrong tokens are limited per client address (429, only the first kept); the right token from that address still works', async () => {
    setLimits({ ROSTER_LIMIT_AUTH_FAILURES_PER_15_MINUTES: 3 });
    const { tenantId, token } = await createScimTenant();
    const ip = address();
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await scimCall(tenantId, 'GET', '/Users', { token: `scim_wrong-${i}`, headers: from(ip) })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    const tooMany = await scimCall(tenantId, 'GET', '/Users', { token: 'scim_wrong', headers: from(ip) });
    expect(tooMany.body.detail).toMatch(/Too many requests with a missing or wrong token from this address/);
    expect(tooMany.headers.get('retry-after')).toMatch(/^\d+$/);
    // Another address is not limited by this one's failures; the right token is never refused for them.
    expect((await scimCall(tenantId, 'GET', '/Users', { token: 'scim_wrong', headers: from(address()) })).status).toBe(
      401,
    );
    expect((await scimCall(tenantId, 'GET', '/Users', { token, headers: from(ip) })).status).toBe(200);

    const rejected = await listRejectedScimRequests(getDb(), tenantId);
    expect(rejected.filter((r) => r.clientAddress === ip).map((r) => r.status)).toEqual([429, 401, 401, 401]);
  });

  it("a flood of wrong tokens cannot evict the tenant's real request history; the rejected list stays capped", async () => {
    const { tenantId, token } = await createScimTenant();
    for (let i = 0; i < 3; i++) await scimCall(tenantId, 'GET', '/Users', { token });
    await Promise.all(
      Array.from({ length: SCIM_REJECTED_KEEP + 40 }, (_, i) =>
        scimCall(tenantId, 'GET', `/Users?flood=${i}`, { token: 'scim_wrong', headers: from(address()) }),
      ),
    );
    await flushScimRequestLog();
    const history = (await listScimRequests(getDb(), tenantId)).entries;
    expect(history.map((e) => e.status)).toEqual([200, 200, 200]);
    const rejected = await listRejectedScimRequests(getDb(), tenantId, 1000);
    expect(rejected.length).toBeLessThanOrEqual(SCIM_REJECTED_KEEP);
    expect(rejected.length).toBeGreaterThan(SCIM_REJECTED_KEEP - 10);
  });
});

describe('HR API', () => {
  it('per application and per tenant: OData 429 with Retry-After', async () => {
    setLimits({ ROSTER_LIMIT_HR_API_PER_MINUTE: 2, ROSTER_LIMIT_HR_API_TENANT_PER_MINUTE: 3 });
    const tenant = await createTenant();
    const first = await tokenFor(await createApp(tenant.id));
    const second = await tokenFor(await createApp(tenant.id));
    const call = async (token: string) => peopleRoute(apiRequest('/People?$top=1', token));
    expect((await call(first)).status).toBe(200);
    expect((await call(first)).status).toBe(200);
    const perApplication = await call(first);
    expect(perApplication.status).toBe(429);
    expect(await perApplication.json()).toMatchObject({
      error: { code: 'TooManyRequests', message: expect.stringMatching(/limit 2 per 1 min/) },
    });
    expect(perApplication.headers.get('retry-after')).toMatch(/^\d+$/);
    // The other application of the tenant has its own allowance, until the tenant's (3) is used up.
    expect((await call(second)).status).toBe(200);
    const perTenant = await call(second);
    expect(perTenant.status).toBe(429);
    expect(await perTenant.json()).toMatchObject({
      error: { code: 'TooManyRequests', message: expect.stringMatching(/limit 3 per 1 min/) },
    });
    const other = await tokenFor(await createApp((await createTenant()).id));
    expect((await call(other)).status).toBe(200);
  });

  it('invalid access tokens count against the client address', async () => {
    setLimits({ ROSTER_LIMIT_AUTH_FAILURES_PER_15_MINUTES: 2 });
    const ip = address();
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await peopleRoute(apiRequest('/People', `bogus-${i}`, { headers: from(ip) }))).status);
    }
    expect(statuses).toEqual([401, 401, 429]);
  });
});

describe('/oauth/token', () => {
  it('per application and per tenant: 429 temporarily_unavailable with Retry-After', async () => {
    setLimits({ ROSTER_LIMIT_TOKENS_PER_MINUTE: 2 });
    const app = await createApp((await createTenant()).id);
    const ask = () =>
      tokenRoute(
        tokenRequest({ grant_type: 'client_credentials' }, { authorization: basic(app.clientId, app.clientSecret) }),
      );
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(await refused.json()).toMatchObject({
      error: 'temporarily_unavailable',
      error_description: expect.stringMatching(/limit 2 per 1 min/),
    });
  });

  it('failed client authentications are limited per address; the right secret from that address still gets a token', async () => {
    setLimits({ ROSTER_LIMIT_AUTH_FAILURES_PER_15_MINUTES: 3 });
    const app = await createApp((await createTenant()).id);
    const ip = address();
    const ask = (secret: string) =>
      tokenRoute(
        tokenRequest({ grant_type: 'client_credentials' }, { authorization: basic(app.clientId, secret), ...from(ip) }),
      );
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask(`wrong-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(await (await ask('wrong')).json()).toMatchObject({ error: 'temporarily_unavailable' });
    expect((await ask(app.clientSecret)).status).toBe(200);
  });
});

describe('rate limit counters', () => {
  it('expired counters are deleted by the cleanup', async () => {
    const { deleteExpiredRateLimits } = await import('@/lib/rate-limits');
    const key = `test:${randomUUID()}`;
    await getDb()
      .insert(rateLimits)
      .values([
        { key: `${key}:old`, points: 5, expire: Date.now() - 2 * 3_600_000 },
        { key: `${key}:current`, points: 5, expire: Date.now() + 60_000 },
      ]);
    expect(await deleteExpiredRateLimits()).toBeGreaterThanOrEqual(1);
    const left = await getDb()
      .select({ key: rateLimits.key })
      .from(rateLimits)
      .where(like(rateLimits.key, `${key}%`));
    expect(left.map((r) => r.key)).toEqual([`${key}:current`]);
  });
});
