import { expect, test } from '@playwright/test';
import {
  OWNER,
  chooseOwnPassword,
  inviteMember,
  inviteWithOneTimePassword,
  setupCode,
  signIn,
  signOut,
} from './support/auth';

test.describe.configure({ mode: 'serial' });

const IT = { name: 'Ian Admin', email: 'ian@northwind.test', role: 'IT admin' as const };
const HR = { name: 'Hannah Rees', email: 'hannah@northwind.test', role: 'HR Professional' as const };
const passwords: Record<string, string> = {};

test('first run: bad input gets field messages and creates nothing; then the owner account is created', async ({
  page,
}) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Create the owner account' })).toBeVisible();

  await page.getByRole('button', { name: 'Create the owner account' }).click();
  await expect(page.getByTestId('error-setupCode')).toHaveText('Enter the setup code.');
  await expect(page.getByTestId('error-companyName')).toHaveText('Enter the company name.');
  await expect(page.getByTestId('error-name')).toHaveText('Enter a name.');
  await expect(page.getByTestId('error-email')).toHaveText('Enter an email address.');

  await page.getByLabel('Company name').fill(OWNER.company);
  await page.getByLabel('Your name').fill(OWNER.name);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create the owner account' }).click();
  await expect(page.getByTestId('error-password')).toHaveText('Use at least 12 characters.');
  await expect(page.getByLabel('Company name')).toHaveValue(OWNER.company);

  // Without the setup code the server printed (and wrote under its data directory), nothing is created.
  await page.getByLabel('Setup code').fill('AAAA-BBBB-CCCC');
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create the owner account' }).click();
  await expect(page.getByTestId('error-setupCode')).toContainText('This is not the setup code.');

  // Nothing was written: the first-run form is still offered after a reload.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Create the owner account' })).toBeVisible();

  await page.getByLabel('Setup code').fill(setupCode());
  await page.getByLabel('Company name').fill(OWNER.company);
  await page.getByLabel('Your name').fill(OWNER.name);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create the owner account' }).click();
  await expect(page.getByTestId('tenant-name')).toHaveText(OWNER.company);
  await expect(page.getByTestId('signed-in-name')).toHaveText(OWNER.name);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' })).toBeVisible();
});

test('after the first run the owner form is gone for good; sign out and sign in again', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in to Roster' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create the owner account' })).toHaveCount(0);

  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('form-alert')).toHaveText('Wrong email or password.');

  await signIn(page, OWNER.email, OWNER.password);
  await signOut(page);
  await page.goto('/admin/people');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fpeople$/);
});

test('the owner invites an IT admin and an HR Professional; bad input gets field messages', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.goto('/settings/members');
  const form = page.getByRole('region', { name: 'Invite a member' });
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(form.getByTestId('error-name')).toHaveText('Enter a name.');
  await expect(form.getByTestId('error-email')).toHaveText('Enter an email address.');

  passwords[IT.email] = await inviteMember(page, IT);
  passwords[HR.email] = await inviteMember(page, HR);
  await expect(page.getByTestId(`member-${IT.email}`)).toContainText('Ian Admin');
  await expect(page.getByTestId(`member-${HR.email}`)).toContainText('Hannah Rees');

  // A duplicate email (different case) is refused with a field message and creates nothing.
  await form.getByLabel('Name').fill('Duplicate Ian');
  await form.getByLabel('Email').fill(IT.email.toUpperCase());
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(form.getByTestId('error-email')).toHaveText('An account with this email already exists.');
  await page.reload();
  await expect(page.getByRole('table', { name: 'Members' }).getByRole('row')).toHaveCount(4);
});

test("a one-time password must be replaced first; changing a password ends the account's other sessions", async ({
  page,
  browser,
}) => {
  const member = { name: 'Oona Temp', email: 'oona@northwind.test', role: 'IT admin' as const };
  await signIn(page, OWNER.email, OWNER.password);
  const oneTimePassword = await inviteWithOneTimePassword(page, member);
  await signOut(page);

  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password', { exact: true }).fill(oneTimePassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/change-password$/);
  // Nothing else is reachable with a one-time password.
  for (const path of ['/dashboard/organizations', '/settings/account', '/']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/change-password$/);
  }
  // bcrypt would silently ignore what follows byte 72: refused.
  await page.getByLabel('Current password').fill(oneTimePassword);
  await page.getByLabel('New password', { exact: true }).fill('x'.repeat(73));
  await page.getByLabel('Confirm new password').fill('x'.repeat(73));
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByTestId('error-newPassword')).toContainText('at most 72 bytes');
  await chooseOwnPassword(page, oneTimePassword, 'oona-own-password-1');
  await expect(page).toHaveURL(/\/dashboard\/organizations$/);

  // A second browser signed in as Oona; a password change in the first ends it, and the first stays signed in.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, member.email, 'oona-own-password-1');
  await page.goto('/settings/account');
  await page.getByLabel('Current password').fill('oona-own-password-1');
  await page.getByLabel('New password', { exact: true }).fill('oona-own-password-2');
  await page.getByLabel('Confirm new password').fill('oona-own-password-2');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed')).toBeVisible();
  await otherPage.goto('/dashboard/organizations');
  await expect(otherPage).toHaveURL(/\/login\?callbackUrl=%2Fdashboard%2Forganizations$/);
  await page.goto('/dashboard/organizations');
  await expect(page.getByTestId('signed-in-name')).toHaveText(member.name);
  await other.close();
});

test('the IT admin sees only Directory Sync; Administration pages and Members are refused with 403', async ({
  page,
}) => {
  await signIn(page, IT.email, passwords[IT.email]);
  await expect(page).toHaveURL(/\/dashboard\/organizations$/);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Organizations' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'People' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Members' })).toHaveCount(0);

  for (const path of ['/admin/people', '/admin/integrations/scim', '/settings/members', '/admin/audit-log']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
  }
});

test('the HR Professional sees only Administration; Directory Sync is refused with 403', async ({ page }) => {
  await signIn(page, HR.email, passwords[HR.email]);
  await expect(page).toHaveURL(/\/admin\/people$/);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'People' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Integrations › SCIM' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Organizations' })).toHaveCount(0);
  for (const path of ['/dashboard/organizations', '/dashboard/api-keys', '/settings/members']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
});

test('a server action outside the role is refused on the server (replayed request creates nothing)', async ({
  page,
  browser,
}) => {
  // Capture the owner's real "Create account" server-action request.
  await signIn(page, OWNER.email, OWNER.password);
  await page.goto('/settings/members');
  const form = page.getByRole('region', { name: 'Invite a member' });
  await form.getByLabel('Name').fill('Replay Owner');
  await form.getByLabel('Email').fill('replay-aaaa@northwind.test');
  const requestPromise = page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
  await form.getByRole('button', { name: 'Create account' }).click();
  const captured = await requestPromise;
  await expect(page.getByTestId('one-time-password')).toBeVisible();
  const headers = captured.headers();
  const body = captured.postDataBuffer()!.toString('latin1').replace('replay-aaaa@', 'replay-bbbb@');

  // Replay it as the IT admin with the same action id but another email.
  const itContext = await browser.newContext();
  const itPage = await itContext.newPage();
  await signIn(itPage, IT.email, passwords[IT.email]);
  const response = await itPage.request.post('/settings/members', {
    headers: {
      'next-action': headers['next-action'],
      'content-type': headers['content-type'],
      accept: 'text/x-component',
    },
    data: Buffer.from(body, 'latin1'),
  });
  expect(await response.text()).toContain('You do not have permission to do this.');
  await itContext.close();

  await page.reload();
  await expect(page.getByTestId('member-replay-aaaa@northwind.test')).toBeVisible();
  await expect(page.getByTestId('member-replay-bbbb@northwind.test')).toHaveCount(0);
});

test('a disabled member is signed out and cannot sign in', async ({ page, browser }) => {
  const hrContext = await browser.newContext();
  const hrPage = await hrContext.newPage();
  await signIn(hrPage, HR.email, passwords[HR.email]);

  await signIn(page, OWNER.email, OWNER.password);
  await page.goto('/settings/members');
  await page.getByTestId(`member-${HR.email}`).getByRole('button', { name: 'Disable' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByTestId(`member-${HR.email}`)).toContainText('Disabled');

  await hrPage.goto('/admin/people');
  await expect(hrPage).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fpeople$/);
  await hrPage.getByLabel('Email').fill(HR.email);
  await hrPage.getByLabel('Password').fill(passwords[HR.email]);
  await hrPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(hrPage.getByTestId('form-alert')).toHaveText('This account is disabled. Ask the owner to enable it.');
  await hrContext.close();

  await page.getByTestId(`member-${HR.email}`).getByRole('button', { name: 'Enable' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Enable' }).click();
  await expect(page.getByTestId(`member-${HR.email}`)).toContainText('Active');
});

test('pages are served with security headers', async ({ request }) => {
  const response = await request.get('/login');
  const headers = response.headers();
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-powered-by']).toBeUndefined();
  // A nonce-based CSP; Next puts the same nonce on its scripts.
  const nonce = /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'/.exec(
    headers['content-security-policy'] ?? '',
  )?.[1];
  expect(nonce).toBeTruthy();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(await response.text()).toContain(`nonce="${nonce}"`);
  // HSTS only over HTTPS (as the TLS-terminating proxy reports it).
  expect(headers['strict-transport-security']).toBeUndefined();
  const overHttps = await request.get('/login', { headers: { 'x-forwarded-proto': 'https' } });
  expect(overHttps.headers()['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
});
