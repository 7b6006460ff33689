// Issue 16 part B: accounts (reset password, delete member, callbackUrl), the audit log (filters, CSV), the lists
// (sort, page count and jump, CSV, prefetch on intent) and the editing gaps (any employment, delete a person).
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { chooseOwnPassword, ensureOwnerSignedIn, inviteMember, OWNER, signIn } from './support/auth';

test.describe.configure({ mode: 'serial' });

const run = Date.now().toString(36).slice(-6).toUpperCase();
const lower = run.toLowerCase();
const HR = { name: 'Hannah Hr', email: `hannah-${lower}@northwind.test`, role: 'HR Professional' as const };
let hrPassword = '';

async function downloadText(page: Page, click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
}

test('the owner invites an HR Professional for these tests', async ({ page }) => {
  await ensureOwnerSignedIn(page);
  hrPassword = await inviteMember(page, HR);
  expect(hrPassword.length).toBeGreaterThan(10);
});

test('sign-in returns to the page asked for, and never to another site', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/admin/audit-log?q=member');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Faudit-log%3Fq%3Dmember$/);
  await page.getByLabel('Email').fill(HR.email);
  await page.getByLabel('Password', { exact: true }).fill(hrPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin\/audit-log\?q=member$/);
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await context.clearCookies();

  await page.goto('/login?callbackUrl=%2F%2Fevil.test%2Fphish');
  await page.getByLabel('Email').fill(HR.email);
  await page.getByLabel('Password', { exact: true }).fill(hrPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-name')).toHaveText(HR.name);
  expect(new URL(page.url()).origin).toBe(new URL(test.info().project.use.baseURL!).origin);
  await context.close();
});

test('the owner resets a member password: a one-time password, shown once, replaced at the next sign-in', async ({
  page,
  browser,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.goto('/settings/members');
  const row = page.getByTestId(`member-${HR.email}`);
  await row.getByRole('button', { name: 'Reset password' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset password' }).click();
  const dialog = page.getByRole('dialog', { name: `One-time password for ${HR.email}` });
  await expect(dialog).toBeVisible();
  const oneTimePassword = (await dialog.getByTestId('one-time-password').textContent())!.trim();
  expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  // The owner's own row offers no reset (they change their own password themselves).
  await expect(page.getByTestId(`member-${OWNER.email}`).getByRole('button', { name: 'Reset password' })).toHaveCount(
    0,
  );

  const context = await browser.newContext();
  const member = await context.newPage();
  await member.goto('/login');
  await member.getByLabel('Email').fill(HR.email);
  await member.getByLabel('Password', { exact: true }).fill(hrPassword);
  await member.getByRole('button', { name: 'Sign in' }).click();
  await expect(member.getByText('Wrong email or password.')).toBeVisible();
  await member.getByLabel('Password', { exact: true }).fill(oneTimePassword);
  await member.getByRole('button', { name: 'Sign in' }).click();
  hrPassword = `${hrPassword}-2`;
  await chooseOwnPassword(member, oneTimePassword, hrPassword);
  await context.close();
});

test('lists: page count, jump to a page, every column sorts, CSV of the filter, no prefetch storm', async ({
  page,
}) => {
  await signIn(page, HR.email, hrPassword);
  const header = 'Person code,Given name,Family name,Internal email,Department,Job title,Employment ID,Start date';
  const rows = Array.from({ length: 30 }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    const dept = i % 2 === 0 ? `Alpha ${run}` : `Beta ${run}`;
    return `LST-${run}-${n},Given${n},List${run}${n},list.${lower}.${n}@northwind.test,${dept},${['Chemist', 'Baker', 'Analyst'][i % 3]},LE-${run}-${n},2022-01-01`;
  });
  await page.goto('/admin/people/import');
  await page.getByLabel('CSV file', { exact: true }).setInputFiles({
    name: `list-${run}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from([header, ...rows].join('\n')),
  });
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await page.getByRole('button', { name: 'Import 30 people' }).click();
  await expect(page.getByTestId('import-status')).toContainText('30 created', { timeout: 30_000 });

  // Count the prefetches a list view sends: none for the 25 person pages until a pointer rests on one. Before any
  // click, every RSC request for a person page is a prefetch.
  const personPages: string[] = [];
  page.on('request', (request) => {
    const headers = request.headers();
    const path = new URL(request.url()).pathname;
    if ((headers.rsc || headers['next-router-prefetch']) && /^\/admin\/people\/[0-9a-f-]{36}$/.test(path))
      personPages.push(path);
  });
  await page.goto(`/admin/people?q=lst-${lower}&size=25`);
  const table = page.getByRole('table', { name: 'People' });
  await expect(table.getByRole('row')).toHaveCount(26);
  await expect(page.getByTestId('people-count')).toContainText('1–25 of 30');
  await expect(page.getByTestId('people-page')).toHaveText('Page 1 of 2');
  await page.waitForTimeout(1500);
  expect(personPages).toEqual([]);
  // Resting the pointer on a name prefetches that one page (the intent).
  const first = table.getByRole('link', { name: `Given01 List${run}01` });
  const href = (await first.getAttribute('href'))!;
  await first.hover();
  await expect.poll(() => personPages).toContain(href);
  expect(new Set(personPages)).toEqual(new Set([href]));

  // Search as you type, URL-driven.
  await page.getByLabel('Search people').fill(`lst-${lower}-0`);
  await expect(page).toHaveURL(new RegExp(`q=lst-${lower}-0`));
  await expect(table.getByRole('row')).toHaveCount(10);
  await page.goto(`/admin/people?q=lst-${lower}&size=25`);

  // Jump to page 2.
  await page.getByLabel('Go to page').fill('2');
  await page.getByRole('button', { name: 'Go' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId('people-page')).toHaveText('Page 2 of 2');
  await expect(table.getByRole('row')).toHaveCount(6);

  // Sort by Department, then Job title; Updated starts newest first.
  await page.goto(`/admin/people?q=lst-${lower}&size=25`);
  await table.getByRole('link', { name: 'Department' }).click();
  await expect(page).toHaveURL(/sort=department/);
  await expect(table.getByRole('columnheader', { name: 'Department' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('row').nth(1)).toContainText(`Alpha ${run}`);
  await table.getByRole('link', { name: 'Department' }).click();
  await expect(table.getByRole('columnheader', { name: 'Department' })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('row').nth(1)).toContainText(`Beta ${run}`);
  await table.getByRole('link', { name: 'Job title' }).click();
  await expect(page).toHaveURL(/sort=title/);
  await expect(table.getByRole('row').nth(1)).toContainText('Analyst');
  await table.getByRole('link', { name: 'Status' }).click();
  await expect(table.getByRole('columnheader', { name: 'Status' })).toHaveAttribute('aria-sort', 'ascending');
  await table.getByRole('link', { name: 'Updated' }).click();
  await expect(table.getByRole('columnheader', { name: 'Updated' })).toHaveAttribute('aria-sort', 'descending');

  // CSV of the current filter (all 30, not just the page).
  const csv = await downloadText(page, () => page.getByRole('link', { name: 'Export CSV' }).click());
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toMatch(/^Person code,Given name,Family name/);
  expect(lines).toHaveLength(31);
  expect(lines[1]).toContain(`LST-${run}-01`);
});

test('edit a non-primary employment, then delete a person after typing their name', async ({ page }) => {
  await signIn(page, HR.email, hrPassword);
  await page.goto(`/admin/people?q=lst-${lower}-01`);
  await page
    .getByRole('table', { name: 'People' })
    .getByRole('link', { name: `Given01 List${run}01` })
    .click();
  await expect(page.getByRole('heading', { name: `Given01 List${run}01` })).toBeVisible();
  const employments = page.getByRole('table', { name: 'Employments' });

  // A second, non-primary employment, then edit it.
  await page.getByRole('button', { name: 'Add employment' }).click();
  const addForm = page.getByRole('form', { name: 'Add employment' });
  await addForm.getByLabel('Employment ID').fill(`SIDE-${run}`);
  await addForm.getByLabel('Start date').fill('2023-05-01');
  await addForm.getByRole('button', { name: 'Add employment' }).click();
  await expect(employments).toContainText(`SIDE-${run}`);
  await page.getByRole('button', { name: `Edit employment SIDE-${run}` }).click();
  const editForm = page.getByRole('form', { name: 'Edit employment' });
  await editForm.getByLabel('Employment ID').fill(`SIDE2-${run}`);
  await editForm.getByLabel('End date').fill('2031-12-31');
  await editForm.getByRole('button', { name: 'Save employment' }).click();
  await expect(employments).toContainText(`SIDE2-${run}`);
  await expect(employments).toContainText('2031-12-31');

  await page.getByRole('button', { name: 'Delete person' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete Given01 List${run}01?` });
  await dialog.getByLabel(`Type Given01 List${run}01 to confirm`).fill('Given01');
  await dialog.getByRole('button', { name: 'Delete person' }).click();
  await expect(dialog.getByTestId('error-confirmName')).toHaveText(`Type Given01 List${run}01 to confirm.`);
  await dialog.getByLabel(`Type Given01 List${run}01 to confirm`).fill(`Given01 List${run}01`);
  await dialog.getByRole('button', { name: 'Delete person' }).click();
  await expect(page).toHaveURL(/\/admin\/people$/);
  await page.goto(`/admin/people?q=lst-${lower}-01`);
  await expect(page.getByRole('heading', { name: 'No matches' })).toBeVisible();
});

test('audit log: entries in words, filter by actor and action, page count, CSV of the filter', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.goto('/admin/audit-log');
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log.getByRole('columnheader', { name: 'When (UTC)' })).toBeVisible();
  await expect(log).toContainText(`${HR.name} deleted the person record of LST-${run}-01`);
  await expect(page.getByTestId('audit-page')).toHaveText(/^Page 1 of \d+$/);

  await page.getByLabel('Actor').selectOption({ value: OWNER.email });
  await page.getByLabel('Action').selectOption({ label: 'Members' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/action=member/);
  await expect(log.getByTestId('audit-entry').first()).toContainText(`${OWNER.name} reset the password of ${HR.email}`);
  await expect(log).not.toContainText('deleted the person record');
  // A person's entry links to them; details open without trapping the keyboard.
  const invited = log.getByTestId('audit-entry').filter({ hasText: 'invited the member' }).first();
  await invited.getByText(/detail/).click();
  await expect(invited.getByText('Role', { exact: true })).toBeVisible();

  const csv = await downloadText(page, () => page.getByRole('link', { name: 'Export CSV' }).click());
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('When (UTC),Actor,Actor email,Action,Description,Target,Details');
  expect(lines.some((l) => l.includes('member.password_reset'))).toBe(true);
  expect(lines.every((l, i) => i === 0 || l.includes(OWNER.email))).toBe(true);
  expect(csv).not.toContain('person.deleted');
});

test('the owner deletes the HR member (not themselves)', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.goto('/settings/members');
  await expect(page.getByTestId(`member-${OWNER.email}`).getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await page.getByTestId(`member-${HR.email}`).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete member' }).click();
  await expect(page.getByTestId(`member-${HR.email}`)).toHaveCount(0);
});
