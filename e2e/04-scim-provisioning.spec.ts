import { expect, test } from '@playwright/test';
import { ensureOwnerSignedIn, inviteMember, signIn, signOut } from './support/auth';
import { addIdentityProvider, addPerson, generateScimToken, uniqueSuffix } from './support/scim';

const suffix = uniqueSuffix();
const HR = { name: 'Priya Provision', email: `priya.prov-${suffix}@northwind.test`, role: 'HR Professional' as const };
const IDP = `Okta Provisioning ${suffix}`;
const PERSON = {
  code: `P${suffix}`,
  given: 'Grace',
  family: `Hopper${suffix}`,
  internalEmail: `grace.${suffix}@northwind.test`,
};

test('HR enables SCIM and generates a token; Okta provisions the person; the account, its SAML mapping and the request are visible', async ({
  page,
  request,
}) => {
  await ensureOwnerSignedIn(page);
  const password = await inviteMember(page, HR);
  await signOut(page);
  await signIn(page, HR.email, password);

  // HR keeps the person record and the identity provider.
  await addPerson(page, PERSON);
  await addIdentityProvider(page, IDP);

  // SCIM settings: on, a fresh token, match by internal email, SAML mappings for the IdP.
  await page.goto('/admin/integrations/scim');
  const enable = page.getByRole('switch', { name: 'Enable SCIM Provisioning of Users in Cezanne' });
  if (!(await enable.isChecked())) {
    await enable.check();
    await expect(page.getByText('SCIM provisioning is on')).toBeVisible();
  }
  const token = await generateScimToken(page);
  const scimUrl = (await page.getByTestId('scim-url').textContent())!.trim();
  await page.getByRole('radio', { name: 'Internal email' }).check();
  await page.getByRole('switch', { name: 'Create SAML SSO Mappings' }).check();
  await page.getByLabel('Identity Provider').selectOption({ label: IDP });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('SCIM settings saved')).toBeVisible();

  // Okta: test connection, look the user up, create it (as the catalog app sends it).
  const okta = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/scim+json; charset=utf-8',
    'user-agent': 'Okta SCIM Client 1.0.0',
  };
  const base = new URL(scimUrl).pathname;
  expect((await request.get(`${base}/Users?startIndex=1&count=2`, { headers: okta })).status()).toBe(200);
  const userName = `grace.hopper.${suffix}@okta.test`;
  const search = await request.get(
    `${base}/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`,
    { headers: okta },
  );
  expect((await search.json()).totalResults).toBe(0);
  const created = await request.post(`${base}/Users`, {
    headers: okta,
    data: {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      name: { givenName: 'Okta', familyName: 'Name' },
      emails: [{ primary: true, value: PERSON.internalEmail, type: 'work' }],
      externalId: `00u${suffix}`,
      password: 'okta-random-password',
      active: true,
      'urn:ietf:params:scim:schemas:extension:cezanne:2.0:User': { role: 'Employee' },
    },
  });
  expect(created.status()).toBe(201);
  expect(created.headers()['content-type']).toContain('application/scim+json');
  const user = await created.json();
  expect(user).toMatchObject({ userName, active: true, name: { givenName: PERSON.given, familyName: PERSON.family } });
  const again = await request.get(`${base}/Users/${user.id}`, { headers: okta });
  expect((await again.json()).id).toBe(user.id);

  // The account appears under User accounts with its SAML mapping.
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { name: 'User accounts' })).toBeVisible();
  const accounts = page.getByRole('table', { name: 'User accounts' });
  await expect(accounts.getByText(userName)).toBeVisible();
  await accounts
    .getByRole('link', { name: new RegExp(`${userName}|${PERSON.family}`) })
    .first()
    .click();
  await expect(page).toHaveURL(/\/admin\/users\/[0-9a-f-]{36}/);
  const saml = page
    .getByRole('region', { name: 'SAML mappings' })
    .or(page.locator('section', { has: page.getByRole('heading', { name: 'SAML mappings' }) }));
  await expect(saml.first()).toContainText(IDP);
  await expect(saml.first()).toContainText(userName);

  // The request appears in the SCIM log (password redacted).
  await page.goto('/admin/integrations/scim/logs');
  await page.getByLabel('Method').selectOption('POST');
  await page.getByLabel('Search requests').fill(userName);
  await page.getByRole('button', { name: 'Filter' }).click();
  const row = page.getByRole('table', { name: 'SCIM requests' }).getByTestId('scim-log-row').first();
  await expect(row).toContainText('POST');
  await expect(row).toContainText('201');
  await expect(row).toContainText(userName);
  await row.getByText('Bodies').click();
  await expect(row).toContainText('[redacted]');
  await expect(row).not.toContainText('okta-random-password');
});
