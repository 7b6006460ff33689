import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { uniqueViolation } from '@/lib/errors';
import { createTenant } from '@/tests/support/factories';
import { generateCertificate, insertPerson, insertUserAccount } from '@/tests/support/hr-factories';
import { saveIdentityProvider } from './identity-providers';
import {
  addSamlMapping,
  getUserAccountDetail,
  listUserAccounts,
  MAX_ACCOUNTS_PAGE,
  parseAccountsQuery,
  removeSamlMapping,
  setUserAccountActive,
} from './user-accounts';

async function withIdp(tenantId: string) {
  const { identityProvider } = await saveIdentityProvider(getDb(), tenantId, {
    identityProviderId: null,
    name: 'Okta',
    entityId: 'http://www.okta.com/exk1',
    ssoUrl: 'https://corp.okta.com/sso',
    certificate: generateCertificate(30),
  });
  return identityProvider;
}

describe('user accounts', () => {
  it('at most one account per person (database rule)', async () => {
    const tenant = await createTenant();
    const person = await insertPerson(tenant.id);
    await insertUserAccount(tenant.id, person.id);
    const error = await insertUserAccount(tenant.id, person.id).catch((e) => e);
    expect(uniqueViolation(error)).toBe('user_accounts_person_uq');
  });

  it('lists accounts with person, role and state; searches by username or person; filters by state', async () => {
    const tenant = await createTenant();
    const ada = await insertPerson(tenant.id, { givenName: 'Ada', familyName: 'Lovelace' });
    const alan = await insertPerson(tenant.id, { givenName: 'Alan', familyName: 'Turing' });
    await insertUserAccount(tenant.id, ada.id, { userName: 'ada@corp.test' });
    await insertUserAccount(tenant.id, alan.id, { userName: 'alan@corp.test', active: false });
    const all = await listUserAccounts(getDb(), tenant.id, parseAccountsQuery({}));
    expect(all.rows.map((r) => [r.userName, r.personName, r.roleName, r.active])).toEqual([
      ['ada@corp.test', 'Ada Lovelace', 'Employee', true],
      ['alan@corp.test', 'Alan Turing', 'Employee', false],
    ]);
    expect(
      (await listUserAccounts(getDb(), tenant.id, parseAccountsQuery({ q: 'turing' }))).rows.map((r) => r.userName),
    ).toEqual(['alan@corp.test']);
    expect((await listUserAccounts(getDb(), tenant.id, parseAccountsQuery({ status: 'inactive' }))).total).toBe(1);
    const other = await createTenant();
    expect((await listUserAccounts(getDb(), other.id, parseAccountsQuery({}))).total).toBe(0);
  });

  it('an absurd page number (page=1e30) is an empty page past the end, not a database error', async () => {
    const tenant = await createTenant();
    const query = parseAccountsQuery({ page: '1e30' });
    expect(query.page).toBe(MAX_ACCOUNTS_PAGE);
    const page = await listUserAccounts(getDb(), tenant.id, query);
    expect(page.rows).toEqual([]);
    for (const junk of ['-3', 'abc', '0', 'Infinity', '2.9'])
      expect(parseAccountsQuery({ page: junk }).page).toBe(junk === '2.9' ? 2 : 1);
  });

  it('deactivating keeps the account readable; reactivating flips it back', async () => {
    const tenant = await createTenant();
    const account = await insertUserAccount(tenant.id, (await insertPerson(tenant.id)).id);
    expect((await setUserAccountActive(getDb(), tenant.id, account.id, false)).active).toBe(false);
    expect((await getUserAccountDetail(getDb(), tenant.id, account.id)).account.active).toBe(false);
    expect((await setUserAccountActive(getDb(), tenant.id, account.id, true)).active).toBe(true);
    const other = await createTenant();
    await expect(setUserAccountActive(getDb(), other.id, account.id, false)).rejects.toThrow(
      'This user account does not exist.',
    );
  });

  it('SAML mappings: one per identity provider per account, added and removed by hand', async () => {
    const tenant = await createTenant();
    const idp = await withIdp(tenant.id);
    const account = await insertUserAccount(tenant.id, (await insertPerson(tenant.id)).id);
    const { mapping } = await addSamlMapping(getDb(), tenant.id, {
      accountId: account.id,
      identityProviderId: idp.id,
      userIdentifier: account.userName,
    });
    const twice = await addSamlMapping(getDb(), tenant.id, {
      accountId: account.id,
      identityProviderId: idp.id,
      userIdentifier: 'x',
    }).catch((e) => e);
    expect(twice.fieldErrors).toEqual({
      identityProviderId: 'This account already has a mapping for this identity provider.',
    });
    const detail = await getUserAccountDetail(getDb(), tenant.id, account.id);
    expect(detail.mappings.map((m) => [m.identityProviderName, m.userIdentifier])).toEqual([
      ['Okta', account.userName],
    ]);
    await removeSamlMapping(getDb(), tenant.id, account.id, mapping.id);
    expect((await getUserAccountDetail(getDb(), tenant.id, account.id)).mappings).toHaveLength(0);
  });

  it("a mapping cannot use another tenant's identity provider", async () => {
    const [mine, theirs] = [await createTenant(), await createTenant()];
    const foreignIdp = await withIdp(theirs.id);
    const account = await insertUserAccount(mine.id, (await insertPerson(mine.id)).id);
    const error = await addSamlMapping(getDb(), mine.id, {
      accountId: account.id,
      identityProviderId: foreignIdp.id,
      userIdentifier: 'x',
    }).catch((e) => e);
    expect(error.fieldErrors).toEqual({ identityProviderId: 'Choose an identity provider.' });
  });
});
