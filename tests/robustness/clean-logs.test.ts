// Database errors carry the failed query's parameters (drizzle puts them in the message, PostgreSQL's detail repeats
// the offending values). None of that may reach the server log: the wrappers log class, SQLSTATE, constraint and a
// request id only. Each test makes a real insert fail on real PostgreSQL with a personal email in its parameters.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { people } from '@/db/schema';
import { defineStaffAction } from '@/lib/actions';
import { actAs } from '@/tests/support/action-session';
import { withScim } from '@/lib/scim/handler';
import { withHrApi } from '@/lib/hr-api/api';
import { describeError, logError } from '@/lib/log';
import { createStaff, createTenant } from '@/tests/support/factories';
import { createScimTenant } from '@/tests/support/scim-factories';
import { apiRequest, createApp, tokenFor } from '@/tests/support/hr-api';
import { BASE } from '@/tests/support/scim-client';

vi.mock('@/lib/auth/session', () => import('@/tests/support/action-session'));
vi.mock('next/cache', () => import('@/tests/support/action-session'));

const PERSONAL_EMAIL = `jane.private.${randomUUID().slice(0, 6)}@home.example`;

/** An insert that violates the people → tenants foreign key, with a personal email among its parameters. */
async function failingInsert(db: Executor) {
  await db.insert(people).values({
    tenantId: randomUUID(),
    personCode: 'P-LOG',
    givenName: 'Jane',
    familyName: 'Private',
    internalEmail: PERSONAL_EMAIL,
  });
}

let logged: string[];
beforeEach(() => {
  logged = [];
  const capture = (...args: unknown[]) => {
    logged.push(
      args
        .map((a) =>
          a instanceof Error ? `${a.stack} ${JSON.stringify(a)}` : typeof a === 'string' ? a : JSON.stringify(a),
        )
        .join(' '),
    );
  };
  vi.spyOn(console, 'error').mockImplementation(capture);
  vi.spyOn(console, 'warn').mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

function expectCleanLog() {
  const text = logged.join('\n');
  expect(text).toContain('SQLSTATE 23503');
  expect(text).toContain('constraint people_tenant_id_tenants_id_fk');
  expect(text).toMatch(/\[request [0-9a-f]{8}\]/);
  expect(text).not.toContain(PERSONAL_EMAIL);
  expect(text).not.toContain('Jane');
}

describe('server logs carry no query parameters', () => {
  it('the error really carries the email (so the checks below mean something)', async () => {
    const error = await failingInsert(getDb()).catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain(PERSONAL_EMAIL);
    expect(describeError(error)).toMatch(
      /^DrizzleQueryError ← DatabaseError, SQLSTATE 23503, constraint people_tenant_id_tenants_id_fk$/,
    );
    logError('probe', error, 'abcd1234');
    expectCleanLog();
  });

  it('server-action wrapper', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    const failing = defineStaffAction({
      area: 'administration',
      input: z.object({}),
      run: (_input, ctx) => failingInsert(ctx.db),
    });
    const result = await actAs(owner, failing, {});
    expect(result.formError).toMatch(/Reference [0-9a-f]{8}/);
    expectCleanLog();
    expect(logged.join('\n')).toContain(result.formError!.match(/Reference ([0-9a-f]{8})/)![1]);
  });

  it('SCIM wrapper', async () => {
    const { tenantId, token } = await createScimTenant();
    const route = withScim({}, ({ ctx }) => failingInsert(ctx.db).then(() => ({ status: 200 })));
    const response = await route(
      new Request(`${BASE}/scim/v2/${tenantId}/Users`, { headers: { authorization: `Bearer ${token}` } }),
      {
        params: Promise.resolve({ tenantId }),
      },
    );
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain(PERSONAL_EMAIL);
    expectCleanLog();
  });

  it('HR API wrapper', async () => {
    const tenant = await createTenant();
    const token = await tokenFor(await createApp(tenant.id));
    const response = await withHrApi(apiRequest('/People', token), 'api_read', async ({ db }) => {
      await failingInsert(db);
      return new Response(null);
    });
    expect(response.status).toBe(500);
    expectCleanLog();
  });
});
