// Concurrency is enforced by database constraints (user_accounts_person_uq, user_accounts_tenant_user_name_uq),
// not by luck. Run against real PostgreSQL too: DATABASE_URL=postgres://… npx vitest run tests/scim/concurrency.test.ts
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { samlMappings, userAccounts } from '@/db/schema';
import { createPerson, createScimTenant } from '@/tests/support/scim-factories';
import { scimClient } from '@/tests/support/scim-client';

describe('Concurrency: simultaneous POSTs', () => {
  it('20 simultaneous POSTs for the same person create exactly one account: one 201, nineteen 409', async () => {
    const { tenantId, token } = await createScimTenant({ saml: true });
    await createPerson(tenantId, { internalEmail: 'race@northwind.test' });
    const scim = scimClient(tenantId, token);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        scim.post('/Users', {
          userName: `race-${i}@okta.test`,
          emails: [{ value: 'race@northwind.test', primary: true }],
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const conflict of responses.filter((r) => r.status === 409))
      expect(conflict.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    const accounts = await getDb().select().from(userAccounts).where(eq(userAccounts.tenantId, tenantId));
    expect(accounts).toHaveLength(1);
    // No half-written record: exactly the winner's SAML mapping exists.
    expect(await getDb().select().from(samlMappings).where(eq(samlMappings.tenantId, tenantId))).toHaveLength(1);
  });

  it('20 simultaneous POSTs with the same userName for different people: one 201, nineteen 409', async () => {
    const { tenantId, token } = await createScimTenant();
    const emails = await Promise.all(
      Array.from(
        { length: 20 },
        async (_, i) => (await createPerson(tenantId, { internalEmail: `same-${i}@northwind.test` })).internalEmail!,
      ),
    );
    const scim = scimClient(tenantId, token);
    const responses = await Promise.all(
      emails.map((email) => scim.post('/Users', { userName: 'Same.Name@okta.test', emails: [{ value: email }] })),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(19);
    expect(await getDb().select().from(userAccounts).where(eq(userAccounts.tenantId, tenantId))).toHaveLength(1);
  });
});
