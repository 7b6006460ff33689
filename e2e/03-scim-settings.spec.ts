import { expect, test, type Page } from '@playwright/test';
import { ensureOwnerSignedIn, inviteMember, signIn, signOut } from './support/auth';
import { addIdentityProvider, generateScimToken, uniqueSuffix } from './support/scim';

test.describe.configure({ mode: 'serial' });

const suffix = uniqueSuffix();
const HR = { name: 'Sasha Settings', email: `sasha.scim-${suffix}@northwind.test`, role: 'HR Professional' as const };
const IT = { name: 'Ivan Infra', email: `ivan.scim-${suffix}@northwind.test`, role: 'IT admin' as const };
const IDP = `Okta SCIM ${suffix}`;
const passwords: Record<string, string> = {};

async function openScimSettings(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations › SCIM' }).click();
  await expect(page).toHaveURL(/\/admin\/integrations\/scim$/);
  await expect(page.getByRole('heading', { name: 'SCIM', exact: true })).toBeVisible();
}

test('the owner invites an HR Professional and an IT admin, and adds the Okta identity provider', async ({ page }) => {
  await ensureOwnerSignedIn(page);
  passwords[HR.email] = await inviteMember(page, HR);
  passwords[IT.email] = await inviteMember(page, IT);
  await addIdentityProvider(page, IDP);
  await signOut(page);
});

test('an IT admin cannot open the SCIM settings page (403 from the server)', async ({ page }) => {
  await signIn(page, IT.email, passwords[IT.email]);
  const response = await page.goto('/admin/integrations/scim');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
  expect((await page.goto('/admin/integrations/scim/logs'))?.status()).toBe(403);
});

test('an HR Professional follows the Cezanne guide step by step on Administration › Integrations › SCIM', async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, HR.email, passwords[HR.email]);
  await openScimSettings(page);

  // Switch "Enable SCIM Provisioning of Users in Cezanne" to ON (applies at once).
  const enable = page.getByRole('switch', { name: 'Enable SCIM Provisioning of Users in Cezanne' });
  if (!(await enable.isChecked())) {
    await enable.check();
    await expect(page.getByText('SCIM provisioning is on')).toBeVisible();
  }
  await expect(enable).toBeChecked();

  // Click Generate: the secret is shown once, with a warning and a copy button.
  const secret = await generateScimToken(page);
  expect(secret).toMatch(/^scim_[\w-]{40,}$/);
  await expect(page.getByText('it will not be shown again')).toBeVisible();
  await page.getByRole('button', { name: 'Copy Secret token' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  // After a reload only the last four characters are left.
  await page.reload();
  await expect(page.getByTestId('scim-secret')).toHaveCount(0);
  await expect(page.getByTestId('scim-token-last-four')).toHaveText(secret.slice(-4));
  await expect(page.getByTestId('scim-token-status')).toContainText(`by ${HR.name}`);
  await expect(enable).toBeChecked();

  // Copy the SCIM URL; it ends with the Tenant ID, shown separately.
  const scimUrl = (await page.getByTestId('scim-url').textContent())!.trim();
  const tenantId = (await page.getByTestId('scim-tenant-id').textContent())!.trim();
  expect(scimUrl).toMatch(new RegExp(`/scim/v2/${tenantId}$`));
  await page.getByRole('button', { name: 'Copy SCIM URL' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(scimUrl);
  await page.getByRole('button', { name: 'Copy Tenant ID', exact: true }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tenantId);

  // The token works against the SCIM routes (Okta's "Test API Credentials").
  const apiPath = `/scim/v2/${tenantId}/Users?startIndex=1&count=2`;
  expect((await request.get(apiPath, { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(200);

  // Pick "person code"; turn on SAML mappings without an IdP: a field message, nothing saved.
  const match = page.getByRole('radiogroup', { name: 'Match User from Provider to Cezanne' });
  await match.getByRole('radio', { name: 'Person code' }).check();
  await expect(match.getByText("Okta's Employee Number must carry the person code")).toBeVisible();
  await page.getByRole('switch', { name: 'Create SAML SSO Mappings' }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('error-identityProviderId')).toHaveText(
    'Select the Identity Provider that corresponds to your Okta identity provider.',
  );
  await expect(match.getByRole('radio', { name: 'Person code' })).toBeChecked();
  await page.reload();
  await expect(match.getByRole('radio', { name: 'Internal email' })).toBeChecked();
  await expect(page.getByRole('switch', { name: 'Create SAML SSO Mappings' })).not.toBeChecked();

  // Now with the identity provider and 'SCIM Username' as the User Identifier; save; reload: all kept.
  await match.getByRole('radio', { name: 'Person code' }).check();
  await page.getByRole('switch', { name: 'Create SAML SSO Mappings' }).check();
  await page.getByLabel('Identity Provider').selectOption({ label: IDP });
  await page.getByLabel('User Identifier').selectOption({ label: 'SCIM Username' });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('SCIM settings saved')).toBeVisible();
  await page.reload();
  await expect(match.getByRole('radio', { name: 'Person code' })).toBeChecked();
  await expect(page.getByRole('switch', { name: 'Create SAML SSO Mappings' })).toBeChecked();
  await expect(page.getByLabel('Identity Provider').locator('option:checked')).toHaveText(IDP);
  await expect(page.getByLabel('User Identifier').locator('option:checked')).toHaveText('SCIM Username');
  await expect(enable).toBeChecked();

  // The SAML round trip: what the form shows right after Save is what is stored, and a second Save after changing
  // only the match method leaves the SAML settings as they were (this used to store them off without a word).
  const saml = page.getByRole('switch', { name: 'Create SAML SSO Mappings' });
  await match.getByRole('radio', { name: 'Employment ID' }).check();
  await expect(page.getByTestId('scim-settings-unsaved')).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('SCIM settings saved').last()).toBeVisible();
  await expect(page.getByTestId('scim-settings-unsaved')).toHaveCount(0);
  await expect(saml).toBeChecked();
  await expect(page.getByLabel('Identity Provider').locator('option:checked')).toHaveText(IDP);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('No changes to save')).toBeVisible();
  await page.reload();
  await expect(match.getByRole('radio', { name: 'Employment ID' })).toBeChecked();
  await expect(saml).toBeChecked();
  await expect(page.getByLabel('Identity Provider').locator('option:checked')).toHaveText(IDP);
  await match.getByRole('radio', { name: 'Person code' }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('scim-settings-unsaved')).toHaveCount(0);
  await page.reload();
  await expect(match.getByRole('radio', { name: 'Person code' })).toBeChecked();
  await expect(saml).toBeChecked();
  await expect(page.getByLabel('Identity Provider').locator('option:checked')).toHaveText(IDP);

  // Leaving with unsaved changes asks first; dismissing the question keeps the page and the draft.
  await match.getByRole('radio', { name: 'External email' }).check();
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('unsaved changes');
    void dialog.dismiss();
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(page).toHaveURL(/\/admin\/integrations\/scim$/);
  await expect(match.getByRole('radio', { name: 'External email' })).toBeChecked();
  await match.getByRole('radio', { name: 'Person code' }).check();
  await expect(page.getByTestId('scim-settings-unsaved')).toHaveCount(0);

  // Regenerate after a confirmation: the old token is refused by the SCIM routes at once, the new one works.
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('dialog')).toContainText('the current one stops working at once');
  await page.getByRole('dialog').getByRole('button', { name: 'Replace token' }).click();
  const fresh = page.getByTestId('scim-secret');
  await expect(fresh).toBeVisible();
  const newSecret = (await fresh.textContent())!.trim();
  expect(newSecret).not.toBe(secret);
  const refused = await request.get(apiPath, { headers: { authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  expect((await request.get(apiPath, { headers: { authorization: `Bearer ${newSecret}` } })).status()).toBe(200);

  // Every change is in the audit log.
  await page.goto('/admin/audit-log');
  const audit = page.getByRole('table', { name: 'Audit log' });
  await expect(audit.getByText('scim.token_generated').first()).toBeVisible();
  await expect(audit.getByText('scim.settings_updated').first()).toBeVisible();
});

test('switching SCIM off refuses every SCIM request; the refused call shows among the rejected requests of the log page', async ({
  page,
  request,
}) => {
  await signIn(page, HR.email, passwords[HR.email]);
  await openScimSettings(page);
  const tenantId = (await page.getByTestId('scim-tenant-id').textContent())!.trim();
  const secret = await generateScimToken(page);
  const enable = page.getByRole('switch', { name: 'Enable SCIM Provisioning of Users in Cezanne' });

  // Turning provisioning off asks first, in a modal dialog: focus moves into it, Escape closes it, nothing changes,
  // and focus returns to the switch.
  await enable.click();
  const confirm = page.getByRole('dialog', { name: 'Turn off SCIM provisioning?' });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('every SCIM request for this company is refused');
  expect(await confirm.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await confirm.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(enable).toBeChecked();
  await expect(enable).toBeFocused();
  expect(
    (
      await request.get(`/scim/v2/${tenantId}/Users?startIndex=1&count=2`, {
        headers: { authorization: `Bearer ${secret}` },
      })
    ).status(),
  ).toBe(200);

  await enable.click();
  await confirm.getByRole('button', { name: 'Turn off' }).click();
  await expect(page.getByText('SCIM provisioning is off')).toBeVisible();
  await expect(enable).not.toBeChecked();
  const off = await request.get(`/scim/v2/${tenantId}/Users?startIndex=1&count=2`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(off.status()).toBe(401);
  expect((await off.json()).detail).toContain('switched off');

  await page.getByRole('link', { name: 'SCIM request log' }).click();
  await expect(page.getByRole('table', { name: 'Rejected requests' }).getByText('switched off').first()).toBeVisible();
  await page.getByLabel('Status').selectOption('401');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('table', { name: 'SCIM requests' })).toHaveCount(0);

  await page.goto('/admin/integrations/scim');
  await enable.check();
  await expect(page.getByText('SCIM provisioning is on')).toBeVisible();
});
