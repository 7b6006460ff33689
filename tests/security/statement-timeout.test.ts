// Every request's SQL runs under a statement_timeout (the request pool), so one tenant's expensive query cannot hold
// the connections others need; background jobs and scripts use the batch pool with a longer budget. A timed-out
// statement is answered 503 + Retry-After in the protocol's own shape, not a 500.
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { closeDb, getBatchDb, getDb } from '@/db/client';
import { withScim } from '@/lib/scim/handler';
import { withHrApi } from '@/lib/hr-api/api';
import { createTenant } from '@/tests/support/factories';
import { createScimTenant } from '@/tests/support/scim-factories';
import { apiRequest, createApp, tokenFor } from '@/tests/support/hr-api';
import { BASE } from '@/tests/support/scim-client';

// Read when the pools are created (the first query below), after this file's imports.
process.env.ROSTER_STATEMENT_TIMEOUT_MS = '400';
afterAll(() => closeDb());

const show = async (db: ReturnType<typeof getDb>) =>
  ((await db.execute(sql`show statement_timeout`)).rows[0] as { statement_timeout: string }).statement_timeout;

describe('statement budgets', () => {
  it('the request pool cuts statements off at ROSTER_STATEMENT_TIMEOUT_MS; the batch pool allows long ones', async () => {
    expect(await show(getDb())).toBe('400ms');
    expect(await show(getBatchDb())).toBe('10min');
    const error = await getDb()
      .execute(sql`select pg_sleep(2)`)
      .catch((e: unknown) => e);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('57014');
    await expect(getBatchDb().execute(sql`select pg_sleep(0.6)`)).resolves.toBeTruthy();
  });

  it('SCIM answers a timed-out query with a SCIM 503 and Retry-After', async () => {
    const { tenantId, token } = await createScimTenant();
    const route = withScim({}, async ({ ctx }) => {
      await ctx.db.execute(sql`select pg_sleep(2)`);
      return { status: 200 };
    });
    const response = await route(
      new Request(`${BASE}/scim/v2/${tenantId}/Users`, { headers: { authorization: `Bearer ${token}` } }),
      {
        params: Promise.resolve({ tenantId }),
      },
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({
      status: '503',
      detail: expect.stringMatching(/longer than 0.4 s and was stopped/),
    });
  });

  it('the HR API answers a timed-out query with an OData 503 and Retry-After', async () => {
    const token = await tokenFor(await createApp((await createTenant()).id));
    const response = await withHrApi(apiRequest('/People', token), 'api_read', async ({ db }) => {
      await db.execute(sql`select pg_sleep(2)`);
      return new Response(null);
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({ error: { code: 'ServiceUnavailable' } });
  });
});
