import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { ensureOwnerSignedIn, inviteMember, signIn, signOut } from './support/auth';

test.describe.configure({ mode: 'serial' });

const suffix = randomUUID().slice(0, 8);
const IT = { name: 'Ian IT', email: `ian-${suffix}@northwind.test`, role: 'IT admin' as const };
const HR = { name: 'Hana HR', email: `hana-${suffix}@northwind.test`, role: 'HR Professional' as const };
const KEY_NAME = `Payroll app ${suffix}`;
let itPassword = '';
let hrPassword = '';
let secret = '';

test('an IT admin creates an API key (shown once) and an application reads the Directory Sync API with it', async ({
  page,
  context,
  request,
}) => {
  await ensureOwnerSignedIn(page);
  itPassword = await inviteMember(page, IT);
  hrPassword = await inviteMember(page, HR);
  await signOut(page);
  await signIn(page, IT.email, itPassword);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API Keys' }).click();
  await expect(page).toHaveURL(/\/dashboard\/api-keys$/);
  await expect(page.getByRole('heading', { name: 'API Keys', level: 1 })).toBeVisible();
  await expect(page.getByTestId('sdk-snippet')).toContainText("apiHostname: '127.0.0.1'");

  // A name is required.
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await expect(dialog.getByTestId('error-name')).toHaveText('Enter a name.');

  await dialog.getByLabel('Name').fill(KEY_NAME);
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await expect(dialog).toContainText('it will not be shown again');
  secret = (await dialog.getByTestId('api-key-secret').textContent())!.trim();
  expect(secret).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await dialog.getByRole('button', { name: 'Copy Secret key' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await dialog.getByRole('button', { name: 'I have copied the key' }).click();
  await expect(dialog).toHaveCount(0);

  // Listed without the key: its prefix and last four characters, who made it, never used yet.
  const row = page.getByTestId(`api-key-${KEY_NAME}`);
  await expect(row).toContainText(`sk_…${secret.slice(-4)}`);
  await expect(row).toContainText(IT.name);
  await expect(row.getByTestId('api-key-last-used')).toHaveText('Never');
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);

  // An application: root paths, bearer key, JSON.
  const auth = { Authorization: `Bearer ${secret}` };
  const created = await request.post('/organizations', {
    headers: auth,
    data: { name: `Northwind ${suffix}`, domains: [`nw-${suffix}.test`] },
  });
  expect(created.status()).toBe(201);
  const organization = (await created.json()) as { id: string; object: string };
  expect(organization.object).toBe('organization');
  const listed = await request.get(`/directories?organization_id=${organization.id}`, { headers: auth });
  expect(listed.status()).toBe(200);
  expect(listed.headers()['content-type']).toContain('application/json');
  expect(listed.headers()['x-request-id']).toMatch(/^req_/);
  expect(await listed.json()).toEqual({ object: 'list', data: [], list_metadata: { before: null, after: null } });
  const one = await request.get(`/organizations/${organization.id}`, { headers: auth });
  expect(await one.json()).toMatchObject({ id: organization.id, domains: [{ domain: `nw-${suffix}.test` }] });

  await page.reload();
  await expect(row.getByTestId('api-key-last-used')).not.toHaveText('Never');
});

test('Revoke asks first; a revoked key gets a JSON 401; HR Professionals cannot open the page', async ({
  page,
  request,
}) => {
  test.skip(!secret, 'needs the key of the previous test');
  await signIn(page, IT.email, itPassword);
  await page.goto('/dashboard/api-keys');
  const row = page.getByTestId(`api-key-${KEY_NAME}`);

  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('dialog')).toContainText('401 Unauthorized');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toContainText('Active');
  expect((await request.get('/directories', { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(200);

  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  const refused = await request.get('/directories', { headers: { Authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ code: 'unauthorized' });

  await signOut(page);
  await signIn(page, HR.email, hrPassword);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API Keys' })).toHaveCount(0);
  const response = await page.goto('/dashboard/api-keys');
  expect(response?.status()).toBe(403);
  await signOut(page);

  // The owner reads both changes in the audit log.
  await ensureOwnerSignedIn(page);
  await page.goto('/admin/audit-log');
  await expect(page.getByRole('row').filter({ hasText: 'api_key.created' }).filter({ hasText: KEY_NAME })).toHaveCount(
    1,
  );
  await expect(page.getByRole('row').filter({ hasText: 'api_key.revoked' }).filter({ hasText: KEY_NAME })).toHaveCount(
    1,
  );
});
