import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { scimRequestLog } from '@/db/schema';
import { flushScimRequestLog, listScimRequests, pruneScimRequestLog } from '@/lib/scim/request-log';
import { listRejectedScimRequests } from '@/lib/scim/rejected-requests';
import { createPerson, createScimTenant } from '@/tests/support/scim-factories';
import { scimCall, scimClient } from '@/tests/support/scim-client';

describe('SCIM request log', () => {
  it('records time, method, path, status, duration, userName and the body with secrets redacted', async () => {
    const { tenantId, token } = await createScimTenant();
    await createPerson(tenantId, { internalEmail: 'logged@northwind.test' });
    const scim = scimClient(tenantId, token);
    await scim.post('/Users', {
      userName: 'logged@northwind.test',
      password: 'hunter2-secret',
      emails: [{ value: 'logged@northwind.test' }],
    });
    await scim.get('/Users?filter=userName%20eq%20%22nobody%22');
    await flushScimRequestLog();
    const { entries } = await listScimRequests(getDb(), tenantId);
    expect(entries.map((e) => [e.method, e.status])).toEqual([
      ['GET', 200],
      ['POST', 201],
    ]);
    const post = entries[1];
    expect(post.path).toBe(`/scim/v2/${tenantId}/Users`);
    expect(post.userName).toBe('logged@northwind.test');
    expect(post.durationMs).toBeGreaterThanOrEqual(0);
    expect(post.createdAt).toBeInstanceOf(Date);
    expect(post.requestBody).toContain('"password":"[redacted]"');
    expect(post.requestBody).not.toContain('hunter2');
    expect(post.responseBody).toContain('"userName":"logged@northwind.test"');
    expect(entries[0].path).toContain('filter=userName');
    // Successful reads are logged without their body (they can be repeated); writes and errors keep it.
    expect(entries[0].responseBody).toBeNull();
  });

  it('redacts secrets sent as PATCH operations on a password path', async () => {
    const { redactBody } = await import('@/lib/scim/request-log');
    const body = JSON.stringify({
      Operations: [
        { op: 'replace', path: 'password', value: 'p4ssw0rd' },
        { op: 'replace', value: { password: 'other' } },
      ],
    });
    const redacted = redactBody(body)!;
    expect(redacted).not.toContain('p4ssw0rd');
    expect(redacted).not.toContain('other');
    expect(redactBody('{"password": "broken json')).toBe('{"password": "[redacted]"');
  });

  it('keeps refused calls for an existing tenant (wrong token) apart, so HR can see why Okta failed; never the token', async () => {
    const { tenantId } = await createScimTenant();
    await scimCall(tenantId, 'GET', '/Users?startIndex=1&count=2', { token: 'scim_wrong-token-value' });
    await flushScimRequestLog();
    expect((await listScimRequests(getDb(), tenantId)).entries).toHaveLength(0);
    const rejected = await listRejectedScimRequests(getDb(), tenantId);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      method: 'GET',
      status: 401,
      path: `/scim/v2/${tenantId}/Users?startIndex=1&count=2`,
    });
    expect(rejected[0].reason).toMatch(/bearer token is not valid/);
    expect(JSON.stringify(rejected[0])).not.toContain('wrong-token-value');
  });

  it('filters by status class or code, method and text; isolated per tenant', async () => {
    const a = await createScimTenant();
    const b = await createScimTenant();
    const scim = scimClient(a.tenantId, a.token);
    await scim.post('/Users', { userName: 'no.person@northwind.test' });
    await scim.get('/Users/010101001010101011001010101011');
    await scim.get('/Users');
    await scimClient(b.tenantId, b.token).get('/Users');
    await flushScimRequestLog();
    const list = (filters: Parameters<typeof listScimRequests>[2]) =>
      listScimRequests(getDb(), a.tenantId, filters).then((r) => r.entries);
    expect(await list({})).toHaveLength(3);
    expect((await list({ status: '4xx' })).map((e) => e.status).sort()).toEqual([400, 404]);
    expect(await list({ status: '404' })).toHaveLength(1);
    expect(await list({ method: 'post' })).toHaveLength(1);
    expect((await list({ text: 'No person' }))[0].method).toBe('POST');
    expect(await list({ text: '100%_' })).toHaveLength(0);
    expect(await listScimRequests(getDb(), b.tenantId).then((r) => r.entries)).toHaveLength(1);
  });

  it('bounded retention per tenant: pruning keeps the newest N entries of that tenant only', async () => {
    const a = await createScimTenant();
    const b = await createScimTenant();
    const rows = (tenantId: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        tenantId,
        createdAt: new Date(Date.now() - (n - i) * 1000),
        method: 'GET',
        path: `/p/${i}`,
        status: 200,
        durationMs: 1,
      }));
    await getDb()
      .insert(scimRequestLog)
      .values([...rows(a.tenantId, 30), ...rows(b.tenantId, 5)]);
    await pruneScimRequestLog(getDb(), a.tenantId, 10);
    const kept = await getDb().select().from(scimRequestLog).where(eq(scimRequestLog.tenantId, a.tenantId));
    expect(kept.map((r) => r.path).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `/p/${20 + i}`).sort());
    expect(await getDb().select().from(scimRequestLog).where(eq(scimRequestLog.tenantId, b.tenantId))).toHaveLength(5);
  });
});
