import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { ensureOwnerSignedIn, inviteMember, signIn, signOut } from './support/auth';
import { createAuthorisedApplication, HR_API_SERVICE, hrApiToken } from './support/story';

test.describe.configure({ mode: 'serial' });

const suffix = randomUUID().slice(0, 8);
const HR = { name: 'Hana Directory', email: `hana-${suffix}@northwind.test`, role: 'HR Professional' as const };
const IT = { name: 'Ian Directory', email: `ian-${suffix}@northwind.test`, role: 'IT admin' as const };
const DEPARTMENT = { name: `Platform ${suffix}`, code: `PLAT${suffix}`.toUpperCase() };
const ORG = { name: `Acme ${suffix}`, domain: `acme-${suffix}.test` };
const DIRECTORY = `Acme Cezanne ${suffix}`;
const PEOPLE = [
  {
    PersonCode: `DS-A-${suffix}`,
    GivenName: 'Greta',
    FamilyName: `Synced${suffix}`,
    InternalEmail: `greta-${suffix}@acme.test`,
    JobTitle: 'Analyst',
  },
  {
    PersonCode: `DS-B-${suffix}`,
    GivenName: 'Bruno',
    FamilyName: `Synced${suffix}`,
    InternalEmail: `bruno-${suffix}@acme.test`,
    JobTitle: 'Engineer',
  },
];
const SERVICE = HR_API_SERVICE;
const passwords: Record<string, string> = {};
const app = { clientId: '', clientSecret: '' };
let directoryUrl = '';

async function openOrganization(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
  await page.getByLabel('Search organizations').fill(ORG.name);
  // The search updates the URL after a debounce; a click before that lands is undone by it.
  await expect(page).toHaveURL(/[?&]q=/);
  await page.getByRole('table', { name: 'Organizations' }).getByRole('link', { name: ORG.name }).click();
  await expect(page.getByRole('heading', { name: ORG.name, level: 1 })).toBeVisible();
}

test('HR creates an Authorised Application, a department and two people', async ({ page, request }) => {
  await ensureOwnerSignedIn(page);
  passwords.hr = await inviteMember(page, HR);
  passwords.it = await inviteMember(page, IT);
  await signOut(page);

  await signIn(page, HR.email, passwords.hr);
  await page.goto('/admin/departments');
  await page.getByRole('button', { name: 'New department' }).click();
  await page.getByLabel('Department name').fill(DEPARTMENT.name);
  await page.getByLabel('Department code').fill(DEPARTMENT.code);
  await page.getByRole('button', { name: 'Save department' }).click();
  await expect(page.getByRole('table', { name: 'Departments' }).getByText(DEPARTMENT.name)).toBeVisible();

  Object.assign(app, await createAuthorisedApplication(page, `Directory Sync ${suffix}`));

  const token = await hrApiToken(request, app);
  for (const person of PEOPLE) {
    const created = await request.post(`${SERVICE}/People`, {
      headers: { authorization: `Bearer ${token}` },
      data: { ...person, DepartmentCode: DEPARTMENT.code },
    });
    expect(created.status()).toBe(201);
  }
});

test('an HR Professional cannot open the Directory Sync pages (403 from the server)', async ({ page }) => {
  await signIn(page, HR.email, passwords.hr);
  for (const path of ['/dashboard/organizations', '/dashboard/settings']) {
    expect((await page.goto(path))?.status()).toBe(403);
  }
});

test('an IT admin creates an organization; Cezanne HR is shown disabled until an owner enables it', async ({
  page,
}) => {
  await signIn(page, IT.email, passwords.it);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
  await page.getByRole('button', { name: 'Create organization' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create organization' });
  await dialog.getByLabel('Name').fill(ORG.name);
  await dialog.getByLabel('Domains').fill(`${ORG.domain}, not a domain`);
  await dialog.getByRole('button', { name: 'Create organization' }).click();
  await expect(dialog.getByText('Enter domains such as example.com.')).toBeVisible();
  await dialog.getByLabel('Domains').fill(ORG.domain);
  await dialog.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByRole('heading', { name: ORG.name, level: 1 })).toBeVisible();
  await expect(page.getByText('No directories yet')).toBeVisible();

  await page.getByRole('button', { name: 'Manually Configure Connection' }).first().click();
  const configure = page.getByRole('dialog', { name: 'Manually Configure Connection' });
  await expect(configure.getByRole('option', { name: /Cezanne HR/ })).toBeDisabled();
  await expect(configure).toContainText("The Cezanne HR integration isn't enabled by default.");
  await expect(configure).toContainText('Ask an owner to enable it');
  await page.keyboard.press('Escape');
  await expect(configure).toHaveCount(0);
  await signOut(page);

  await ensureOwnerSignedIn(page);
  await page.goto('/dashboard/settings');
  // The switch flips once the server action answers: click, then wait for the state (check() asserts at once).
  await page.getByRole('switch', { name: 'Cezanne HR' }).click();
  await expect(page.getByText('Cezanne HR integration enabled')).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Cezanne HR' })).toBeChecked();
  await page.goto('/admin/audit-log');
  await expect(
    page.getByRole('table', { name: 'Audit log' }).getByText('directory_sync.cezanne_hr_enabled').first(),
  ).toBeVisible();
});

test('Manually Configure Connection → Create Directory → Update Directory: a wrong secret shows the reason, the right one links and syncs', async ({
  page,
}) => {
  await signIn(page, IT.email, passwords.it);
  await openOrganization(page);
  await page.getByRole('button', { name: 'Manually Configure Connection' }).first().click();
  const configure = page.getByRole('dialog', { name: 'Manually Configure Connection' });
  await configure.getByLabel('Name').fill(DIRECTORY);
  await expect(configure.getByLabel('Directory type').locator('option:checked')).toHaveText('Cezanne HR');
  await configure.getByRole('button', { name: 'Create Directory' }).click();
  await expect(page.getByRole('heading', { name: DIRECTORY, level: 1 })).toBeVisible();
  directoryUrl = new URL(page.url()).pathname;
  expect(directoryUrl).toMatch(/^\/dashboard\/directories\/directory_[0-9A-Z]{26}$/);
  await expect(page.getByTestId('directory-state')).toHaveText('Unlinked');
  await expect(page.getByText('Where do the Client ID and Client Secret come from?')).toBeVisible();

  await page.getByLabel('Client ID').fill(app.clientId);
  await page.getByLabel('Client Secret').fill('not-the-secret');
  await page.getByRole('button', { name: 'Update Directory' }).click();
  await expect(page.getByTestId('directory-state')).toHaveText('Invalid credentials');
  await expect(page.getByTestId('directory-error')).toContainText(/client|credential|secret/i);

  await page.getByLabel('Client Secret').fill(app.clientSecret);
  await page.getByRole('button', { name: 'Update Directory' }).click();
  await expect(page.getByTestId('directory-state')).toHaveText('Linked');
  await expect(page.getByTestId('next-sync')).not.toHaveText('—');

  // The initial sync fills the Users tab: the HR people, their department as a group.
  const users = page.getByRole('table', { name: 'Directory users' });
  await expect(async () => {
    await page.goto(`${directoryUrl}?q=${encodeURIComponent(`Synced${suffix}`)}`);
    await expect(users.getByRole('row')).toHaveCount(PEOPLE.length + 1, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const greta = users.getByRole('row').filter({ hasText: 'Greta' });
  await expect(greta).toContainText(PEOPLE[0].InternalEmail);
  await expect(greta).toContainText('Active');
  await expect(greta).toContainText('Analyst');
  await expect(greta).toContainText(DEPARTMENT.name);

  await page.getByRole('navigation', { name: 'Directory' }).getByRole('link', { name: 'Groups' }).click();
  await page.getByLabel('Search groups').fill(DEPARTMENT.name);
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(
    page.getByRole('table', { name: 'Directory groups' }).getByRole('row').filter({ hasText: DEPARTMENT.name }),
  ).toContainText('2');
});

test('HR edits a person; Sync now shows the change and its dsync.user.updated event; the directory is deleted', async ({
  page,
  request,
}) => {
  const token = await hrApiToken(request, app);
  const patched = await request.patch(`${SERVICE}/People('${PEOPLE[0].PersonCode}')`, {
    headers: { authorization: `Bearer ${token}` },
    data: { JobTitle: 'Principal Analyst' },
  });
  expect(patched.status()).toBeLessThan(300);

  await signIn(page, IT.email, passwords.it);
  await page.goto(directoryUrl);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText('Sync started')).toBeVisible();
  const users = page.getByRole('table', { name: 'Directory users' });
  await expect(async () => {
    await page.goto(`${directoryUrl}?q=${encodeURIComponent(`greta-${suffix}`)}`);
    await expect(users.getByRole('row').filter({ hasText: 'Greta' })).toContainText('Principal Analyst', {
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000 });

  await page.getByRole('navigation', { name: 'Directory' }).getByRole('link', { name: 'Events' }).click();
  await page.getByLabel('Event type').selectOption('dsync.user.updated');
  await page.getByRole('button', { name: 'Filter' }).click();
  const event = page
    .getByRole('table', { name: 'Directory events' })
    .getByRole('row')
    .filter({ hasText: 'dsync.user.updated' })
    .first();
  await event.getByText('View payload').click();
  await expect(event).toContainText('"job_title": "Principal Analyst"');
  await expect(event).toContainText('"previous_attributes"');

  await page.getByRole('navigation', { name: 'Directory' }).getByRole('link', { name: 'Sync history' }).click();
  await expect(page.getByRole('table', { name: 'Sync runs' }).getByText('succeeded').first()).toBeVisible();

  await page.getByRole('navigation', { name: 'Directory' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Delete directory' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${DIRECTORY}?` });
  await expect(confirm.getByRole('button', { name: 'Delete directory' })).toBeDisabled();
  await confirm.getByLabel(`Type “${DIRECTORY}” to confirm`).fill(DIRECTORY);
  await confirm.getByRole('button', { name: 'Delete directory' }).click();
  await expect(page.getByRole('heading', { name: ORG.name, level: 1 })).toBeVisible();
  await expect(page.getByText('No directories yet')).toBeVisible();
  expect((await page.goto(directoryUrl))?.status()).toBe(404);
});
