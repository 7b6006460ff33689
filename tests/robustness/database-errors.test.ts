// A database error caused by input (an invalid UUID reaching SQL, a NUL byte, a number or date out of range, a value
// too long for an index) must come out of the protocol wrappers as a 4xx in the protocol's shape, never a 500 —
// and a broken server still gets a 500 in that shape. Runs real SQL through the real wrappers.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { isBadInputDatabaseError } from '@/lib/errors';
import { withHrApi } from '@/lib/hr-api/api';
import { withScim } from '@/lib/scim/handler';
import { createTenant } from '@/tests/support/factories';
import { createApp, SERVICE, tokenFor } from '@/tests/support/hr-api';
import { createScimTenant } from '@/tests/support/scim-factories';
import { BASE } from '@/tests/support/scim-client';

const longRandomText = () => randomBytes(6000).toString('base64'); // incompressible: too big for a btree entry

type Db = ReturnType<typeof getDb>;

/** Fails because of the btree index row size limit, inside a transaction that rolls back. */
async function indexTooLong(db: Db) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`create temporary table robust_index_probe (v text) on commit drop`);
    await tx.execute(sql`create index on robust_index_probe (v)`);
    await tx.execute(sql`insert into robust_index_probe values (${longRandomText()})`);
  });
}

const FAILURES: { name: string; run: (db: Db) => Promise<unknown>; badInput: boolean }[] = [
  {
    name: 'an invalid UUID reaching SQL (22P02)',
    run: (db) => db.execute(sql`select ${'not-a-uuid'}::uuid`),
    badInput: true,
  },
  { name: 'a NUL byte in text (22021)', run: (db) => db.execute(sql`select ${'a\u0000b'}::text`), badInput: true },
  {
    name: 'a number out of range (22003)',
    run: (db) => db.execute(sql`select ${'99999999999999999999'}::bigint`),
    badInput: true,
  },
  { name: 'a date out of range (22008)', run: (db) => db.execute(sql`select ${'0000-01-01'}::date`), badInput: true },
  { name: 'a value too long for an index (54000)', run: indexTooLong, badInput: true },
  {
    name: 'a broken query (42P01, undefined table): a server fault',
    run: (db) => db.execute(sql`select * from no_such_table_at_all`),
    badInput: false,
  },
];

const run = (db: Db, failure: (typeof FAILURES)[number]) => failure.run(db);

describe('database errors from input are classified as bad input', () => {
  for (const failure of FAILURES) {
    it(`${failure.name} → ${failure.badInput ? 'bad input' : 'not bad input'}`, async () => {
      const error = await run(getDb(), failure).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).not.toBeNull();
      expect(isBadInputDatabaseError(error)).toBe(failure.badInput);
    });
  }
});

describe('SCIM wrapper: database errors', () => {
  let tenantId: string;
  let token: string;
  beforeAll(async () => {
    ({ tenantId, token } = await createScimTenant());
  });

  for (const failure of FAILURES) {
    const status = failure.badInput ? 400 : 500;
    it(`${failure.name} → SCIM ${status}${failure.badInput ? ' invalidValue' : ''}`, async () => {
      const handler = withScim({}, async ({ ctx }) => {
        await run(ctx.db, failure);
        return { status: 200, body: {} };
      });
      const response = await handler(
        new Request(`${BASE}/scim/v2/${tenantId}/Users`, { headers: { authorization: `Bearer ${token}` } }),
        { params: Promise.resolve({ tenantId }) },
      );
      expect(response.status).toBe(status);
      const body = await response.json();
      expect(body).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: String(status),
        detail: expect.any(String),
      });
      if (failure.badInput) expect(body.scimType).toBe('invalidValue');
      expect(JSON.stringify(body)).not.toMatch(/select|uuid|no_such_table/i); // no SQL leaks to the client
    });
  }
});

describe('HR API wrapper: database errors', () => {
  let token: string;
  beforeAll(async () => {
    const tenant = await createTenant();
    token = await tokenFor(await createApp(tenant.id, ['api_read']));
  });

  for (const failure of FAILURES) {
    const status = failure.badInput ? 400 : 500;
    it(`${failure.name} → OData ${status}`, async () => {
      const response = await withHrApi(
        new Request(`${SERVICE}/People`, { headers: { authorization: `Bearer ${token}` } }),
        'api_read',
        async (ctx) => {
          await run(ctx.db as ReturnType<typeof getDb>, failure);
          return new Response('{}');
        },
      );
      expect(response.status).toBe(status);
      const body = await response.json();
      expect(body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
      expect(JSON.stringify(body)).not.toMatch(/select|uuid|no_such_table/i);
    });
  }
});
