/**
 * DESIGN.md's "End-to-end story", walked once on the shared fresh database: the HR side, Okta over SCIM, the
 * Authorised Application, the Directory Sync side, the Admin Portal, an application on the WorkOS Node SDK with
 * verified webhooks, and a leaver reaching that application as `dsync.user.updated` with state `inactive`.
 *
 * With E2E_SCREENSHOTS=1 it also saves the README's screenshots under docs/screenshots/ (see support/story.ts).
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { WorkOS } from '@workos-inc/node';
import { ensureOwnerSignedIn, inviteMember, signIn, signOut } from './support/auth';
import { addIdentityProvider, generateScimToken, oktaCatalogApp } from './support/scim';
import {
  createAuthorisedApplication,
  enableCezanneHrIntegration,
  screenshot,
  startWebhookReceiver,
  type ReceivedWebhook,
} from './support/story';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 800 } });

const suffix = randomUUID().slice(0, 8);
const HR = { name: 'Harriet Story', email: `harriet-${suffix}@northwind.test`, role: 'HR Professional' as const };
const IT = { name: 'Theo Story', email: `theo-${suffix}@northwind.test`, role: 'IT admin' as const };
const DEPARTMENT = `Engineering ${suffix}`;
const FAMILY = `Story${suffix}`;
const PEOPLE = {
  ada: { code: `E2E-${suffix}-1`, given: 'Ada', email: `ada.story-${suffix}@northwind.test`, job: 'Engineer' },
  ben: { code: `E2E-${suffix}-2`, given: 'Ben', email: `ben.story-${suffix}@northwind.test`, job: 'Designer' },
};
const IDP = `Okta ${suffix}`;
const ORG = `Northwind ${suffix}`;
const DIRECTORY = `Northwind Cezanne HR ${suffix}`;
const passwords = { hr: '', it: '' };
const hrApp = { clientId: '', clientSecret: '' };
const secrets = { webhook: '', apiKey: '' };
let directoryPath = '';
let directoryId = '';
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});

test.afterAll(async () => {
  await receiver.close();
});

const nav = (page: Page, label: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();

/** The application's WorkOS client, pointed at this server (apiHostname/port/https as on Dashboard › API Keys). */
function workosApp(baseURL: string | undefined) {
  const url = new URL(baseURL!);
  return new WorkOS(secrets.apiKey, { apiHostname: url.hostname, port: Number(url.port), https: false });
}

/** The webhooks received so far, each verified with the SDK's constructEvent, for this story's directory. */
async function verifiedEvents(received: ReceivedWebhook[]) {
  const workos = new WorkOS('sk_test_receiver');
  const events = [];
  for (const hook of received) {
    const event = await workos.webhooks.constructEvent({
      payload: hook.body,
      sigHeader: hook.signature,
      secret: secrets.webhook,
    });
    const data = event.data as { directoryId?: string; id?: string };
    if (data.directoryId === directoryId || data.id === directoryId) events.push(event);
  }
  return events;
}

test('the owner (created on the first run) invites an HR Professional and an IT admin, and enables Cezanne HR', async ({
  page,
}) => {
  // 01-foundation created the owner with the setup code on this fresh database; alone, this spec creates it here.
  await ensureOwnerSignedIn(page);
  passwords.hr = await inviteMember(page, HR);
  passwords.it = await inviteMember(page, IT);
  await page.goto('/settings/members');
  await expect(page.getByRole('table', { name: 'Members' })).toContainText(HR.email);
  await enableCezanneHrIntegration(page);
  await signOut(page);
});

test('HR imports people from a CSV file', async ({ page }) => {
  await signIn(page, HR.email, passwords.hr);
  await nav(page, 'People');
  await page.getByRole('link', { name: 'Import CSV' }).first().click();
  const csv = [
    'Person code,Given name,Family name,Internal email,Department,Job title,Employment ID,Start date,End date',
    ...Object.values(PEOPLE).map(
      (p) => `${p.code},${p.given},${FAMILY},${p.email},${DEPARTMENT},${p.job},EMP-${p.code},2024-01-08,`,
    ),
  ].join('\n');
  await page
    .getByLabel('CSV file', { exact: true })
    .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await expect(page.getByTestId('import-status')).toContainText('All 2 rows are valid');
  await screenshot(page, 'hr-import-check');
  await page.getByRole('button', { name: 'Import 2 people' }).click();
  await expect(page.getByTestId('import-status')).toContainText('Imported 2 rows: 2 created, 0 updated', {
    timeout: 20_000,
  });
  await page.getByRole('link', { name: 'View people' }).click();
  await page.getByLabel('Search people').fill(FAMILY);
  await expect(page).toHaveURL(new RegExp(`q=${FAMILY}`));
  const table = page.getByRole('table', { name: 'People' });
  await expect(table.getByRole('row')).toHaveCount(3);
});

test('HR opens Administration › Integrations › SCIM: enables it, generates the token, picks the match method and SAML options, saves; Okta provisions two accounts and deactivates one', async ({
  page,
  request,
}) => {
  await signIn(page, HR.email, passwords.hr);
  // SAML mappings point at an identity provider HR keeps under Identity Providers.
  await addIdentityProvider(page, IDP);

  await nav(page, 'Integrations › SCIM');
  await expect(page.getByRole('heading', { name: 'SCIM', exact: true })).toBeVisible();
  const enable = page.getByRole('switch', { name: 'Enable SCIM Provisioning of Users in Cezanne' });
  if (!(await enable.isChecked())) {
    await enable.check();
    await expect(page.getByText('SCIM provisioning is on')).toBeVisible();
  }
  const token = await generateScimToken(page);
  const scimUrl = (await page.getByTestId('scim-url').textContent())!.trim();
  const tenantId = (await page.getByTestId('scim-tenant-id').textContent())!.trim();
  expect(scimUrl.endsWith(`/scim/v2/${tenantId}`)).toBe(true);
  await page
    .getByRole('radiogroup', { name: 'Match User from Provider to Cezanne' })
    .getByRole('radio', { name: 'Internal email' })
    .check();
  await page.getByRole('switch', { name: 'Create SAML SSO Mappings' }).check();
  await page.getByLabel('Identity Provider').selectOption({ label: IDP });
  await page.getByLabel('User Identifier').selectOption({ label: 'SCIM Username' });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('SCIM settings saved')).toBeVisible();
  await screenshot(page, 'hr-scim-settings', { fullPage: true });

  // Okta, with the copied SCIM URL and secret: Test API Credentials, assign Ada and Ben, unassign Ben.
  const okta = oktaCatalogApp(request, scimUrl, token);
  await okta.testApiCredentials();
  const accounts: Record<string, string> = {};
  for (const [key, person] of Object.entries(PEOPLE)) {
    const user = await okta.assign({
      userName: `${person.given.toLowerCase()}.${suffix}@okta.test`,
      email: person.email,
      externalId: `00u${key}${suffix}`,
      role: 'Employee',
    });
    expect(user.active).toBe(true);
    accounts[key] = user.id;
  }
  expect((await okta.deactivate(accounts.ben)).active).toBe(false);

  // The SCIM page links to what Okta provisioned.
  await page.getByRole('link', { name: 'Provisioned accounts' }).click();
  await expect(page.getByRole('heading', { name: 'User accounts' })).toBeVisible();
  const table = page.getByRole('table', { name: 'User accounts' });
  await expect(table.getByRole('row').filter({ hasText: `ada.${suffix}@okta.test` })).toContainText('Active');
  await expect(table.getByRole('row').filter({ hasText: `ben.${suffix}@okta.test` })).toContainText('Deactivated');
  await screenshot(page, 'hr-user-accounts');

  await nav(page, 'Integrations › SCIM');
  await page.getByRole('link', { name: 'SCIM request log' }).first().click();
  await expect(page.getByRole('table', { name: 'SCIM requests' }).getByTestId('scim-log-row').first()).toContainText(
    'PATCH',
  );
});

test('HR creates an Authorised Application and hands its Client ID and Secret to IT', async ({ page }) => {
  await signIn(page, HR.email, passwords.hr);
  await nav(page, 'Security › Authorised Applications');
  Object.assign(hrApp, await createAuthorisedApplication(page, `Directory Sync ${suffix}`));
  expect(hrApp.clientSecret.length).toBeGreaterThan(20);
  await screenshot(page, 'hr-authorised-application');
});

test('IT registers a webhook endpoint and an API key for the application', async ({ page }) => {
  await signIn(page, IT.email, passwords.it);
  await nav(page, 'Webhooks');
  await page.getByRole('button', { name: 'Add Endpoint' }).click();
  await page.getByLabel('Endpoint URL').fill(receiver.url);
  await page.getByRole('button', { name: 'Create Endpoint' }).click();
  const panel = page.getByRole('region', { name: 'Signing secret' });
  secrets.webhook = (await panel.getByTestId('webhook-secret').textContent())!.trim();
  await panel.getByRole('button', { name: 'I have copied the secret' }).click();
  await expect(page.getByTestId('webhook-endpoint').filter({ hasText: receiver.url })).toContainText('Enabled');
  await screenshot(page, 'ds-webhooks');

  await nav(page, 'API Keys');
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(`Story app ${suffix}`);
  await dialog.getByRole('button', { name: 'Create key' }).click();
  secrets.apiKey = (await dialog.getByTestId('api-key-secret').textContent())!.trim();
  await dialog.getByRole('button', { name: 'I have copied the key' }).click();
  await expect(dialog).toHaveCount(0);
  await screenshot(page, 'ds-api-keys');
});

test('IT creates an Organization (its Admin Portal link opens the provider choice), Manually Configures a Cezanne HR connection, Creates and Updates the Directory: Linked, with the users, their state and role', async ({
  page,
  browser,
}) => {
  await signIn(page, IT.email, passwords.it);
  await nav(page, 'Organizations');
  await page.getByRole('button', { name: 'Create organization' }).click();
  const create = page.getByRole('dialog', { name: 'Create organization' });
  await create.getByLabel('Name').fill(ORG);
  await create.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByRole('heading', { name: ORG, level: 1 })).toBeVisible();

  // The Admin Portal: a setup link the customer's IT admin opens without a Roster account.
  await page.getByRole('button', { name: 'Create setup link' }).click();
  const link = (await page
    .getByRole('region', { name: 'New setup link' })
    .getByTestId('setup-link-url')
    .textContent())!;
  const customer = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const portal = await customer.newPage();
  await portal.goto(link.trim());
  await expect(portal.getByTestId('portal-organization')).toHaveText(ORG);
  await expect(portal.getByRole('heading', { name: 'Choose your directory provider' })).toBeVisible();
  await screenshot(portal, 'portal-choose-provider');
  await portal.setViewportSize({ width: 390, height: 844 });
  await screenshot(portal, 'portal-choose-provider-phone');
  await customer.close();

  await page.getByRole('button', { name: 'Manually Configure Connection' }).first().click();
  const configure = page.getByRole('dialog', { name: 'Manually Configure Connection' });
  await configure.getByLabel('Name').fill(DIRECTORY);
  await expect(configure.getByLabel('Directory type').locator('option:checked')).toHaveText('Cezanne HR');
  await screenshot(page, 'ds-configure-connection');
  await configure.getByRole('button', { name: 'Create Directory' }).click();
  await expect(page.getByRole('heading', { name: DIRECTORY, level: 1 })).toBeVisible();
  directoryPath = new URL(page.url()).pathname;
  directoryId = directoryPath.split('/').pop()!;
  await expect(page.getByTestId('directory-state')).toHaveText('Unlinked');
  await page.getByLabel('Client ID').fill(hrApp.clientId);
  await page.getByLabel('Client Secret').fill(hrApp.clientSecret);
  await page.getByRole('button', { name: 'Update Directory' }).click();
  await expect(page.getByTestId('directory-state')).toHaveText('Linked');

  // The initial sync (a pg-boss job in the server, reading the HR API over HTTP) fills the Users tab.
  const users = page.getByRole('table', { name: 'Directory users' });
  await expect(async () => {
    await page.goto(`${directoryPath}?q=${encodeURIComponent(FAMILY)}`);
    await expect(users.getByRole('row')).toHaveCount(3, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  for (const person of Object.values(PEOPLE)) {
    const row = users.getByRole('row').filter({ hasText: person.email });
    await expect(row).toContainText('Active');
    await expect(row).toContainText('Employee');
    await expect(row).toContainText(person.job);
    await expect(row).toContainText(DEPARTMENT);
  }
  await screenshot(page, 'ds-directory-users');
});

test('the application lists the directory and its users with @workos-inc/node and receives dsync.user.created, verified with constructEvent', async ({
  baseURL,
}) => {
  const workos = workosApp(baseURL);
  const directory = await workos.directorySync.getDirectory(directoryId);
  expect(directory).toMatchObject({ id: directoryId, name: DIRECTORY, state: 'active', type: 'cezanne hr' });
  const users = await (await workos.directorySync.listUsers({ directory: directoryId })).autoPagination();
  const ours = users.filter((u) => u.lastName === FAMILY);
  expect(ours.map((u) => [u.email, u.state]).sort()).toEqual([
    [PEOPLE.ada.email, 'active'],
    [PEOPLE.ben.email, 'active'],
  ]);
  expect(ours[0].customAttributes).toMatchObject({ role: 'Employee', department_name: DEPARTMENT });

  await expect
    .poll(
      async () =>
        (await verifiedEvents(receiver.received))
          .filter((e) => e.event === 'dsync.user.created')
          .map((e) => (e.data as { email: string }).email)
          // The HR API also serves the people of the other specs on this database: keep this story's two.
          .filter((email) => email.includes(`.story-${suffix}@`))
          .sort(),
      { timeout: 30_000 },
    )
    .toEqual([PEOPLE.ada.email, PEOPLE.ben.email]);
});

test("HR makes the deactivated account's person a leaver; IT clicks Sync now; the application receives dsync.user.updated with state inactive", async ({
  page,
  baseURL,
}) => {
  await signIn(page, HR.email, passwords.hr);
  await nav(page, 'People');
  await page.getByLabel('Search people').fill(PEOPLE.ben.code);
  await expect(page).toHaveURL(/[?&]q=/);
  await page
    .getByRole('table', { name: 'People' })
    .getByRole('link', { name: `Ben ${FAMILY}` })
    .click();
  await page.getByRole('button', { name: `Edit employment EMP-${PEOPLE.ben.code}` }).click();
  const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const form = page.getByRole('form', { name: 'Edit employment' });
  await form.getByLabel('End date').fill(yesterday);
  await form.getByRole('button', { name: 'Save employment' }).click();
  await expect(page.getByText('this person is now a leaver (inactive)')).toBeVisible();
  await screenshot(page, 'hr-person-leaver');
  await signOut(page);

  await signIn(page, IT.email, passwords.it);
  await page.goto(directoryPath);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText('Sync started')).toBeVisible();
  const users = page.getByRole('table', { name: 'Directory users' });
  await expect(async () => {
    await page.goto(`${directoryPath}?q=${encodeURIComponent(FAMILY)}`);
    await expect(users.getByRole('row').filter({ hasText: PEOPLE.ben.email })).toContainText('Inactive', {
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(users.getByRole('row').filter({ hasText: PEOPLE.ada.email })).toContainText('Active');

  await expect
    .poll(
      async () =>
        (await verifiedEvents(receiver.received))
          .filter((e) => e.event === 'dsync.user.updated')
          .map((e) => e.data as { email: string; state: string })
          .filter((u) => u.email === PEOPLE.ben.email && u.state === 'inactive').length,
      { timeout: 30_000 },
    )
    .toBe(1);
  const ben = (
    await (await workosApp(baseURL).directorySync.listUsers({ directory: directoryId })).autoPagination()
  ).find((u) => u.email === PEOPLE.ben.email);
  expect(ben?.state).toBe('inactive');

  await page.getByRole('navigation', { name: 'Directory' }).getByRole('link', { name: 'Events' }).click();
  await page.getByLabel('Event type').selectOption('dsync.user.updated');
  await page.getByRole('button', { name: 'Filter' }).click();
  const event = page
    .getByRole('table', { name: 'Directory events' })
    .getByRole('row')
    .filter({ hasText: 'dsync.user.updated' })
    .first();
  await event.getByText('View payload').click();
  await expect(event).toContainText('"state": "inactive"');
  await screenshot(page, 'ds-events', { keepScroll: true });

  await nav(page, 'Webhooks');
  await page
    .getByTestId('webhook-endpoint')
    .filter({ hasText: receiver.url })
    .getByRole('link', { name: receiver.url })
    .click();
  await expect(page.getByRole('table', { name: 'Deliveries' }).getByTestId('webhook-delivery').first()).toBeVisible();
  await screenshot(page, 'ds-webhook-deliveries');
});
