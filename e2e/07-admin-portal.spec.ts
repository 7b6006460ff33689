import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ensureOwnerSignedIn, inviteMember, signIn, signOut } from './support/auth';
import { createAuthorisedApplication, HR_API_SERVICE, hrApiToken } from './support/story';

test.describe.configure({ mode: 'serial' });

const suffix = randomUUID().slice(0, 8);
const IT = { name: 'Ivy Portal', email: `ivy-${suffix}@northwind.test`, role: 'IT admin' as const };
const DEPARTMENT = { name: `Portal Dept ${suffix}`, code: `PRT${suffix}`.toUpperCase() };
const ORG = { name: `Globex ${suffix}` };
const OTHER_ORG = { name: `Initech ${suffix}` };
const SERVICE = HR_API_SERVICE;
const app = { clientId: '', clientSecret: '' };
const links = { setup: '', revoked: '', other: '' };
let itPassword = '';
let peopleCount = '';
let organizationPath = '';

async function createOrganization(page: Page, name: string) {
  await page.goto('/dashboard/organizations');
  await page.getByRole('button', { name: 'Create organization' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create organization' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function createSetupLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Create setup link' }).click();
  const created = page.getByRole('region', { name: 'New setup link' });
  await expect(created.getByTestId('setup-link-url')).toContainText('/portal/');
  return (await created.getByTestId('setup-link-url').textContent())!.trim();
}

/** A browser context with no cookies at all: the customer's IT admin has no Roster account. */
async function customerPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test('the owner enables Cezanne HR; HR data and an Authorised Application exist; an IT admin is invited', async ({
  page,
  request,
}) => {
  await ensureOwnerSignedIn(page);
  itPassword = await inviteMember(page, IT);
  await page.goto('/dashboard/settings');
  const integration = page.getByRole('switch', { name: 'Cezanne HR' });
  if (!(await integration.isChecked())) {
    await integration.click();
    await expect(page.getByText('Cezanne HR integration enabled')).toBeVisible();
    await expect(integration).toBeChecked();
  }

  await page.goto('/admin/departments');
  await page.getByRole('button', { name: 'New department' }).click();
  await page.getByLabel('Department name').fill(DEPARTMENT.name);
  await page.getByLabel('Department code').fill(DEPARTMENT.code);
  await page.getByRole('button', { name: 'Save department' }).click();
  await expect(page.getByRole('table', { name: 'Departments' }).getByText(DEPARTMENT.name)).toBeVisible();

  Object.assign(app, await createAuthorisedApplication(page, `Admin Portal ${suffix}`));

  const token = await hrApiToken(request, app);
  const person = {
    PersonCode: `AP-${suffix}`,
    GivenName: 'Paula',
    FamilyName: `Portal${suffix}`,
    InternalEmail: `paula-${suffix}@globex.test`,
    DepartmentCode: DEPARTMENT.code,
  };
  expect(
    (await request.post(`${SERVICE}/People`, { headers: { authorization: `Bearer ${token}` }, data: person })).status(),
  ).toBe(201);
  // Every person the HR API shows this Authorised Application is what the portal's directory will count.
  const people = await (
    await request.get(`${SERVICE}/People?$top=1&$count=true`, { headers: { authorization: `Bearer ${token}` } })
  ).json();
  peopleCount = String(people['@odata.count']);
  await signOut(page);
});

test('an IT admin creates setup links (shown once), and revokes one after confirming', async ({ page }) => {
  await signIn(page, IT.email, itPassword);
  await createOrganization(page, OTHER_ORG.name);
  links.other = await createSetupLink(page);
  organizationPath = await createOrganization(page, ORG.name);
  links.setup = await createSetupLink(page);
  expect(links.setup).toMatch(/\/portal\/[A-Za-z0-9_-]{43}$/);
  await page.reload();
  await expect(page.getByTestId('setup-link-url')).toHaveCount(0);
  links.revoked = await createSetupLink(page);

  const table = page.getByRole('table', { name: 'Setup links' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table).toContainText(IT.name);
  await expect(table.getByText('Active')).toHaveCount(2);
  // Newest first: revoke the link just created.
  await table.getByRole('row').nth(1).getByRole('button', { name: 'Revoke' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke this setup link?' });
  await confirm.getByRole('button', { name: 'Revoke link' }).click();
  await expect(page.getByText('Setup link revoked')).toBeVisible();
  await expect(table.getByRole('row').nth(1)).toContainText('Revoked');
  await expect(table.getByRole('row').nth(2)).toContainText('Active');
});

test('in a fresh browser with no session, the link opens the portal: a wrong secret shows the reason, the right one links and syncs', async ({
  browser,
}) => {
  const { context, page } = await customerPage(browser);
  await page.goto(links.setup);
  await expect(page.getByTestId('portal-organization')).toHaveText(ORG.name);
  await expect(page.getByRole('heading', { name: 'Set up Directory Sync' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

  await page.getByRole('button', { name: /Cezanne HR/ }).click();
  await expect(page.getByRole('list', { name: 'Steps' })).toContainText('Client ID');
  await page.getByLabel('Client ID').fill(app.clientId);
  await page.getByLabel('Client Secret').fill('not-the-secret');
  await page.getByRole('button', { name: 'Connect directory' }).click();
  await expect(page.getByTestId('directory-state')).toHaveText('Invalid credentials');
  await expect(page.getByTestId('directory-error')).toContainText(/client|credential|secret/i);

  await page.getByLabel('Client ID').fill(app.clientId);
  await page.getByLabel('Client Secret').fill(app.clientSecret);
  await page.getByRole('button', { name: 'Update Directory' }).click();
  await expect(page.getByTestId('directory-state')).toHaveText('Linked');

  // After the initial sync: every person of the HR API.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('portal-users')).toHaveText(peopleCount, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('portal-last-sync')).toContainText('UTC');
  expect(Number(await page.getByTestId('portal-groups').textContent())).toBeGreaterThan(0);

  // A staff page is not reachable from the portal's browser: it asks for a staff sign-in.
  await page.goto('/dashboard/organizations');
  await expect(page.getByRole('heading', { name: 'Sign in to Roster' })).toBeVisible();
  await context.close();
});

test('the link then shows as used; revoked links and a link for another organization do not reach this one', async ({
  page,
  browser,
}) => {
  await signIn(page, IT.email, itPassword);
  await page.goto(organizationPath);
  await expect(page.getByRole('heading', { name: ORG.name, level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Setup links' });
  await expect(table.getByRole('row').nth(2)).toContainText('Used');
  await expect(page.getByRole('table', { name: 'Directories' }).getByTestId('directory-state')).toHaveText('Linked');

  const { context, page: customer } = await customerPage(browser);
  const revoked = await customer.goto(links.revoked);
  expect(revoked?.status()).toBe(404);
  await expect(customer.getByRole('heading', { name: 'This setup link is no longer valid' })).toBeVisible();
  await expect(customer.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

  // The other organization's link shows that organization only: no directory, nothing of this one.
  await customer.goto(links.other);
  await expect(customer.getByTestId('portal-organization')).toHaveText(OTHER_ORG.name);
  await expect(customer.getByRole('heading', { name: 'Choose your directory provider' })).toBeVisible();
  await expect(customer.getByText(ORG.name)).toHaveCount(0);
  await expect(customer.getByTestId('directory-state')).toHaveCount(0);
  await context.close();

  await signOut(page);
  await ensureOwnerSignedIn(page);
  await page.goto('/admin/audit-log');
  const audit = page.getByRole('table', { name: 'Audit log' });
  await expect(audit.getByText('portal_link.completed').first()).toBeVisible();
  await expect(audit.getByText(/portal link [0-9a-f-]{36}/).first()).toBeVisible();
});
