import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ensureOwnerSignedIn, inviteMember, signIn } from './support/auth';

test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36).slice(-6).toUpperCase();
const HR = { name: 'Priya Shah', email: `priya-${run.toLowerCase()}@northwind.test`, role: 'HR Professional' as const };
let hrPassword = '';

async function signInAsHr(page: Page) {
  await signIn(page, HR.email, hrPassword);
}

function certificatePem(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'e2e-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        path.join(dir, 'k.pem'),
        '-out',
        path.join(dir, 'c.pem'),
        '-days',
        '730',
        '-subj',
        '/CN=Okta e2e',
      ],
      { stdio: 'ignore' },
    );
    return readFileSync(path.join(dir, 'c.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the owner invites an HR Professional for these tests', async ({ page }) => {
  await ensureOwnerSignedIn(page);
  hrPassword = await inviteMember(page, HR);
  expect(hrPassword.length).toBeGreaterThan(10);
});

test('as an HR Professional: create a person with an employment, find them by search, then edit them', async ({
  page,
}) => {
  await signInAsHr(page);
  await page.goto('/admin/departments');
  await page.getByRole('button', { name: 'New department' }).click();
  await page.getByLabel('Department name').fill(`Research ${run}`);
  await page.getByRole('button', { name: 'Save department' }).click();
  await expect(
    page.getByRole('table', { name: 'Departments' }).getByRole('link', { name: `Research ${run}` }),
  ).toBeVisible();

  await page.goto('/admin/people');
  await expect(page.getByRole('heading', { name: 'People', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'New person' }).click();
  await expect(page).toHaveURL(/\/admin\/people\/new$/);

  // Empty required fields get field messages and nothing is saved.
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(page.getByTestId('error-personCode')).toHaveText('Enter a person code.');
  await expect(page.getByTestId('error-givenName')).toHaveText('Enter a given name.');

  await page.getByLabel('Person code').fill(`E2E-${run}`);
  await page.getByLabel('Given name', { exact: true }).fill('Marie');
  await page.getByLabel('Family name').fill(`Curie${run}`);
  await page.getByLabel('Preferred given name').fill('Manya');
  await page.getByLabel('Internal email').fill(`Marie.Curie.${run}@Northwind.test`);
  await page.getByLabel('Job title').fill('Physicist');
  await page.getByLabel('Department').selectOption({ label: `Research ${run}` });
  await expect(page.getByLabel('Active employee')).toBeChecked();
  await page.getByLabel('Employment ID').fill(`EMP-${run}`);
  await page.getByLabel('Start date').fill('2023-09-01');
  await expect(page.getByLabel('Primary employment')).toBeChecked();
  await page.getByRole('button', { name: 'Save person' }).click();

  await expect(page.getByText('Person saved')).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/people\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: `Manya Curie${run}` })).toBeVisible();
  const employmentsTable = page.getByRole('table', { name: 'Employments' });
  await expect(employmentsTable).toContainText(`EMP-${run}`);
  await expect(employmentsTable).toContainText('2023-09-01');
  await expect(page.getByText(`marie.curie.${run.toLowerCase()}@northwind.test`)).toBeVisible();

  // Find the person by a search on part of the email.
  await page.goto('/admin/people');
  await page.getByLabel('Search people').fill(`curie.${run.toLowerCase()}`);
  await expect(page).toHaveURL(new RegExp(`q=curie\\.${run.toLowerCase()}`));
  const table = page.getByRole('table', { name: 'People' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await table.getByRole('link', { name: `Manya Curie${run}` }).click();
  await expect(page).toHaveURL(/\/admin\/people\/[0-9a-f-]{36}$/);

  // Edit: a new family name and job title.
  await page.getByRole('link', { name: 'Edit person' }).click();
  await expect(page.getByLabel('Person code')).toHaveValue(`E2E-${run}`);
  await expect(page.getByLabel('Employment ID')).toHaveValue(`EMP-${run}`);
  await page.getByLabel('Family name').fill(`Sklodowska-Curie${run}`);
  await page.getByLabel('Job title').fill('Chemist');
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(page.getByText('Person saved')).toBeVisible();
  await expect(page.getByRole('heading', { name: `Manya Sklodowska-Curie${run}` })).toBeVisible();
  await expect(page.getByText('Chemist')).toBeVisible();

  // The same internal email in another case is refused for a second person.
  await page.goto('/admin/people/new');
  await page.getByLabel('Person code').fill(`E2E-${run}-B`);
  await page.getByLabel('Given name', { exact: true }).fill('Pierre');
  await page.getByLabel('Family name').fill('Curie');
  await page.getByLabel('Internal email').fill(`MARIE.CURIE.${run}@northwind.test`);
  await page.getByLabel('Employment ID').fill(`emp-${run}`);
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(page.getByTestId('error-internalEmail')).toHaveText('Another person already has this internal email.');
  await expect(page.getByTestId('error-employmentId')).toHaveText('This employment ID is already used.');
  await expect(page.getByLabel('Given name', { exact: true })).toHaveValue('Pierre');
});

test('CSV import: a bad row is shown with its line and nothing is imported; the fixed file imports', async ({
  page,
}) => {
  await signInAsHr(page);
  const header =
    'Person code,Given name,Family name,Internal email,Department,Job title,Employment ID,Start date,End date';
  const rows = [
    `CSV-${run}-1,Ada,Lovelace${run},ada.${run}@northwind.test,Analytics ${run},Analyst,CE-${run}-1,2021-01-04,`,
    `CSV-${run}-2,,Hopper${run},grace.${run}@northwind.test,Analytics ${run},Admiral,CE-${run}-2,2020-05-01,`,
    `CSV-${run}-3,Alan,Turing${run},alan.${run}@northwind.test,Analytics ${run},Researcher,CE-${run}-3,2019-02-11,`,
  ];
  const upload = async (content: string) => {
    await page.goto('/admin/people/import');
    await page
      .getByLabel('CSV file', { exact: true })
      .setInputFiles({ name: `people-${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(content) });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect(page).toHaveURL(/\/admin\/people\/import\/[0-9a-f-]{36}$/);
  };

  await upload([header, ...rows].join('\n'));
  const errors = page.getByRole('table', { name: 'Rows with errors' });
  await expect(errors.getByRole('row')).toHaveCount(2);
  await expect(errors).toContainText('Line 3');
  await expect(errors).toContainText(`CSV-${run}-2`);
  await expect(errors).toContainText('Given name is empty.');
  await expect(page.getByTestId('import-status')).toContainText('Nothing was imported');
  await expect(page.getByRole('button', { name: /^Import \d+/ })).toHaveCount(0);

  await page.goto(`/admin/people?q=csv-${run}`);
  await expect(page.getByRole('heading', { name: 'No matches' })).toBeVisible();

  await upload([header, rows[0], rows[1].replace(',,', ',Grace,'), rows[2]].join('\n'));
  await expect(page.getByTestId('import-status')).toContainText('All 3 rows are valid');
  await expect(page.getByTestId('import-status')).toContainText(`New departments to create: Analytics ${run}`);
  await page.getByRole('button', { name: 'Import 3 people' }).click();
  await expect(page.getByTestId('import-status')).toContainText('Imported 3 rows: 3 created, 0 updated', {
    timeout: 20_000,
  });

  await page.getByRole('link', { name: 'View people' }).click();
  await page.getByLabel('Search people').fill(`csv-${run}`);
  await expect(page).toHaveURL(new RegExp(`q=csv-${run}`));
  const table = page.getByRole('table', { name: 'People' });
  await expect(table.getByRole('row')).toHaveCount(4);
  for (const name of [`Ada Lovelace${run}`, `Grace Hopper${run}`, `Alan Turing${run}`])
    await expect(table.getByRole('link', { name })).toBeVisible();
  await expect(table).toContainText(`Analytics ${run}`);
});

test('roles: the page explains the original-name rule; HR adds a custom role with a French name', async ({ page }) => {
  await signInAsHr(page);
  await page.goto('/admin/roles');
  await expect(page.getByRole('heading', { name: 'Roles', exact: true })).toBeVisible();
  await expect(page.getByTestId('scim-role-note')).toContainText('must match a role’s original name');
  const table = page.getByRole('table', { name: 'Roles' });
  for (const base of ['Employee', 'Manager', 'HR Professional', 'Administrator'])
    await expect(table.getByTestId(`role-${base}`)).toContainText('Base');

  await page.getByRole('button', { name: 'Add role' }).click();
  await page.getByLabel('Original name').fill(`Team Lead ${run}`);
  await page.getByLabel('French name').fill("Chef d'équipe");
  await page.getByLabel('German name').fill('Teamleiter');
  await page.getByRole('button', { name: 'Save role' }).click();
  await expect(page.getByText('Role added')).toBeVisible();
  const row = table.getByTestId(`role-Team Lead ${run}`);
  await expect(row).toContainText('Custom');
  await expect(row).toContainText("Chef d'équipe");
  await expect(row).toContainText('Teamleiter');

  // Base roles cannot be deleted: they offer no Delete button.
  await expect(table.getByTestId('role-Employee').getByRole('button', { name: 'Delete' })).toHaveCount(0);
});

test('identity providers: a bad certificate gets a clear error, then a good one is saved with its expiry date', async ({
  page,
}) => {
  await signInAsHr(page);
  await page.goto('/admin/identity-providers');
  await page.getByRole('button', { name: 'Add identity provider' }).click();
  await page.getByLabel('Name', { exact: true }).fill(`Okta ${run}`);
  await page.getByLabel('Entity ID').fill(`http://www.okta.com/exk${run}`);
  await page.getByLabel('SSO URL').fill(`https://northwind.okta.com/app/cezanne/exk${run}/sso/saml`);
  await page
    .getByLabel('X.509 certificate')
    .fill('-----BEGIN CERTIFICATE-----\nnot really a certificate\n-----END CERTIFICATE-----');
  await page.getByRole('button', { name: 'Save identity provider' }).click();
  await expect(page.getByTestId('error-certificate')).toContainText(
    'The certificate could not be read: it is truncated or not an X.509 certificate.',
  );
  await expect(page.getByRole('table', { name: 'Identity providers' })).toHaveCount(0);

  const pem = certificatePem();
  const expires = new Date(new X509Certificate(pem).validTo).toISOString().slice(0, 10);
  await page.getByLabel('X.509 certificate').fill(pem);
  await page.getByRole('button', { name: 'Save identity provider' }).click();
  await expect(page.getByText(`Its certificate expires on ${expires}`)).toBeVisible();
  const row = page.getByRole('table', { name: 'Identity providers' }).getByTestId(`idp-Okta ${run}`);
  await expect(row).toContainText(`Okta ${run}`);
  await expect(row.getByTestId('certificate-expiry')).toHaveText(expires);
  await expect(row).toContainText('Valid');
});

test('user accounts page and the audit log of these changes', async ({ page }) => {
  await signInAsHr(page);
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { name: 'User accounts' })).toBeVisible();
  await page.goto('/admin/audit-log');
  const log = page.getByRole('table', { name: 'Audit log' });
  for (const action of [
    'person.created',
    'person.updated',
    'people.imported',
    'role.created',
    'identity_provider.created',
    'department.created',
  ]) {
    await expect(log.getByText(action, { exact: true }).first()).toBeVisible();
  }
});
