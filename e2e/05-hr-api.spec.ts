import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { ensureOwnerSignedIn, inviteMember, signIn, signOut } from './support/auth';

test.describe.configure({ mode: 'serial' });

const suffix = randomUUID().slice(0, 8);
const HR = { name: 'Harriet API', email: `harriet-${suffix}@northwind.test`, role: 'HR Professional' as const };
const APP_NAME = `Directory Sync ${suffix}`;
const PAGE = '/admin/security/authorised-applications';
const SERVICE = '/cezanneondemand/v7/dataservice.svc';
let hrPassword = '';
let clientId = '';
let clientSecret = '';

async function signInAsHr(page: Page) {
  await signIn(page, HR.email, hrPassword);
}

test('an HR Professional creates an application, copies the Client ID and the secret (shown once), and a client reads People with them', async ({
  page,
  context,
  request,
}) => {
  await ensureOwnerSignedIn(page);
  hrPassword = await inviteMember(page, HR);
  await signOut(page);
  await signInAsHr(page);

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Security › Authorised Applications' })
    .click();
  await expect(page).toHaveURL(new RegExp(`${PAGE}$`));
  await expect(page.getByRole('heading', { name: 'Authorised Applications', level: 1 })).toBeVisible();

  // Bad input first: field messages, nothing created.
  await page.getByRole('button', { name: 'Add New' }).click();
  await page.getByLabel('API read access').uncheck();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('error-name')).toHaveText('Enter a name.');
  await expect(page.getByTestId('error-scopes')).toHaveText('Choose API read access, API write access or both.');

  await page.getByLabel('Name').fill(APP_NAME);
  await page.getByLabel('Description').fill('Cezanne HR directory for Northwind');
  await page.getByLabel('API read access').check();
  await page.getByLabel('API write access').check();
  await page.getByRole('button', { name: 'Save' }).click();

  const panel = page.getByRole('region', { name: 'New credentials' });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('it will not be shown again');
  clientId = (await panel.getByTestId('client-id').textContent())!.trim();
  clientSecret = (await panel.getByTestId('client-secret').textContent())!.trim();
  expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
  expect(clientSecret.length).toBeGreaterThanOrEqual(40);

  // The copy buttons put exactly these values on the clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await panel.getByRole('button', { name: 'Copy Client ID' }).click();
  await expect(page.getByText('Client ID copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientId);
  await panel.getByRole('button', { name: 'Copy Client Secret' }).click();
  await expect(page.getByText('Client Secret copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientSecret);

  // Listed with its scopes; after a reload the secret is gone for good (only its last four remain).
  const row = page.getByTestId(`application-${APP_NAME}`);
  await expect(row).toContainText('API read access');
  await expect(row).toContainText('API write access');
  await page.reload();
  await expect(page.getByTestId('client-secret')).toHaveCount(0);
  await expect(page.getByText(clientSecret)).toHaveCount(0);
  await expect(row).toContainText(`••••${clientSecret.slice(-4)}`);
  await expect(row.getByTestId('application-last-used')).toHaveText('Never');

  // A test client: token with the credentials, then People.
  const tokenResponse = await request.post('/oauth/token', {
    form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
  });
  expect(tokenResponse.status()).toBe(200);
  expect(tokenResponse.headers()['cache-control']).toBe('no-store');
  const token = (await tokenResponse.json()) as {
    access_token: string;
    token_type: string;
    expires_in: number;
    scope: string;
  };
  expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'api_read api_write' });
  const auth = { Authorization: `Bearer ${token.access_token}` };

  const personCode = `API-${suffix}`;
  const created = await request.post(`${SERVICE}/People`, {
    headers: auth,
    data: {
      PersonCode: personCode,
      GivenName: 'Ada',
      FamilyName: 'Lovelace',
      InternalEmail: `ada-${suffix}@northwind.test`,
    },
  });
  expect(created.status()).toBe(201);

  const first = await request.get(`${SERVICE}/People?$top=10&$count=true`, { headers: auth });
  expect(first.status()).toBe(200);
  const body = (await first.json()) as { '@odata.count': number; value: { PersonCode: string; GivenName: string }[] };
  expect(body['@odata.count']).toBeGreaterThanOrEqual(1);
  expect(body.value.length).toBeGreaterThanOrEqual(1);

  // The key syntax People('<code>') works through the real server.
  const one = await request.get(`${SERVICE}/People('${personCode}')`, { headers: auth });
  expect(one.status()).toBe(200);
  expect(await one.json()).toMatchObject({ PersonCode: personCode, GivenName: 'Ada' });

  // Without a token: an OData 401.
  const anonymous = await request.get(`${SERVICE}/People`);
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ error: { code: 'Unauthorized' } });

  await page.reload();
  await expect(row.getByTestId('application-last-used')).not.toHaveText('Never');
});

test('Regenerate secret, Revoke and Delete ask for confirmation; the old secret and revoked credentials stop working', async ({
  page,
  request,
}) => {
  test.skip(!clientSecret, 'needs the application of the previous test');
  await signInAsHr(page);
  await page.goto(PAGE);
  const row = page.getByTestId(`application-${APP_NAME}`);

  // Cancel changes nothing.
  await row.getByRole('button', { name: 'Regenerate secret' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('client-secret')).toHaveCount(0);

  await row.getByRole('button', { name: 'Regenerate secret' }).click();
  await expect(page.getByRole('dialog')).toContainText('The current secret stops working at once');
  await page.getByRole('dialog').getByRole('button', { name: 'Regenerate secret' }).click();
  const panel = page.getByRole('region', { name: 'New credentials' });
  await expect(panel.getByTestId('client-id')).toHaveText(clientId);
  const newSecret = (await panel.getByTestId('client-secret').textContent())!.trim();
  expect(newSecret).not.toBe(clientSecret);

  const tokenWith = (secret: string) =>
    request.post('/oauth/token', {
      form: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret },
    });
  const old = await tokenWith(clientSecret);
  expect(old.status()).toBe(401);
  expect(await old.json()).toMatchObject({ error: 'invalid_client' });
  const fresh = await tokenWith(newSecret);
  expect(fresh.status()).toBe(200);
  const accessToken = ((await fresh.json()) as { access_token: string }).access_token;

  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('Revoked');
  expect((await tokenWith(newSecret)).status()).toBe(401);
  expect(
    (await request.get(`${SERVICE}/People`, { headers: { Authorization: `Bearer ${accessToken}` } })).status(),
  ).toBe(401);

  await expect(page.getByRole('list', { name: 'Recent activity' })).toContainText('secret regenerated');
  await expect(page.getByRole('list', { name: 'Recent activity' })).toContainText('revoked');

  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId(`application-${APP_NAME}`)).toHaveCount(0);
});
