import { expect, test } from '@playwright/test';
import { WorkOS } from '@workos-inc/node';
import { ensureOwnerSignedIn } from './support/auth';
import { startWebhookReceiver, type ReceivedWebhook } from './support/story';

test.describe.configure({ mode: 'serial' });

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let received: ReceivedWebhook[] = [];
let receiverUrl = '';

// The application that receives the webhooks: a local HTTP server (the app may reach loopback: see the e2e config).
test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
  received = receiver.received;
  receiverUrl = receiver.url;
});

test.afterAll(async () => {
  await receiver.close();
});

test('an IT admin adds an endpoint (secret shown once), sends a test event that the application verifies with the WorkOS SDK, and sees it in the delivery log; Resend, disable and delete', async ({
  page,
}) => {
  await ensureOwnerSignedIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();

  // Bad input: a message beside the field, nothing created.
  await page.getByRole('button', { name: 'Add Endpoint' }).click();
  await page.getByLabel('Endpoint URL').fill('ftp://files.example.com/in');
  await page.getByRole('button', { name: 'Create Endpoint' }).click();
  await expect(page.getByTestId('error-url')).toContainText('Enter an http or https URL');

  await page.getByLabel('Endpoint URL').fill(receiverUrl);
  await expect(page.getByLabel('dsync.user.created')).toBeChecked();
  await page.getByLabel('dsync.group.user_removed').uncheck();
  await page.getByRole('button', { name: 'Create Endpoint' }).click();

  const panel = page.getByRole('region', { name: 'Signing secret' });
  await expect(panel).toContainText('it will not be shown again');
  const secret = (await panel.getByTestId('webhook-secret').textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  await panel.getByRole('button', { name: 'I have copied the secret' }).click();
  await expect(panel).toBeHidden();
  await page.reload();
  const row = page.getByTestId('webhook-endpoint').filter({ hasText: receiverUrl });
  await expect(row).toContainText('Enabled');
  await expect(row).toContainText(`••••${secret.slice(-4)}`);
  expect(await page.content()).not.toContain(secret);

  await row.getByRole('button', { name: 'Send test event' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send test event' });
  await dialog.getByLabel('Event type').selectOption('dsync.user.created');
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Test event queued')).toBeVisible();
  await expect(dialog).toBeHidden();

  await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);
  const workos = new WorkOS('sk_test_e2e');
  const event = await workos.webhooks.constructEvent({
    payload: received[0].body,
    sigHeader: received[0].signature,
    secret,
  });
  expect(event).toMatchObject({ event: 'dsync.user.created' });
  const verifiedFromObject = await workos.webhooks.constructEvent({
    payload: JSON.parse(received[0].body),
    sigHeader: received[0].signature,
    secret,
  });
  expect(verifiedFromObject.id).toBe(event.id);

  await row.getByRole('link', { name: receiverUrl }).click();
  await expect(page.getByRole('heading', { name: 'Webhook endpoint' })).toBeVisible();
  const log = page.getByRole('table', { name: 'Deliveries' });
  await expect(async () => {
    await page.reload();
    const delivery = log.getByTestId('webhook-delivery').first();
    await expect(delivery.getByTestId('delivery-status')).toHaveText('Succeeded', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const delivery = log.getByTestId('webhook-delivery').first();
  await expect(delivery).toContainText('dsync.user.created');
  await expect(delivery).toContainText(event.id);
  await expect(delivery.getByTestId('delivery-code')).toHaveText('200');
  await expect(delivery.getByTestId('delivery-attempts')).toHaveText('1');
  await delivery.getByText('Response body').click();
  await expect(delivery.getByTestId('delivery-excerpt')).toHaveText('{"received":true}');

  // Resend: the same event again, as a new delivery in the log.
  await delivery.getByRole('button', { name: 'Resend' }).click();
  await expect(page.getByText('Resend queued')).toBeVisible();
  await expect.poll(() => received.length, { timeout: 30_000 }).toBe(2);
  expect(JSON.parse(received[1].body).id).toBe(event.id);
  await expect(async () => {
    await page.reload();
    await expect(log.getByTestId('webhook-delivery')).toHaveCount(2, { timeout: 1000 });
    await expect(log.getByTestId('delivery-status').first()).toHaveText('Succeeded', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(log.getByTestId('webhook-delivery').first()).toContainText('Resent');

  // Filter by status.
  await page.getByRole('link', { name: 'Failed', exact: true }).click();
  await expect(page.getByText('No deliveries with this status')).toBeVisible();
  await page.getByRole('link', { name: 'Succeeded', exact: true }).click();
  await expect(log.getByTestId('webhook-delivery')).toHaveCount(2);

  // Disable (asks first), enable again.
  await page.getByRole('button', { name: 'Disable' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByText('Endpoint disabled')).toBeVisible();
  await expect(page.getByTestId('disabled-reason')).toContainText('Disabled by');
  await expect(page.getByRole('button', { name: 'Send test event' })).toBeDisabled();
  await page.getByRole('button', { name: 'Enable' }).click();
  await expect(page.getByText('Endpoint enabled')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send test event' })).toBeEnabled();

  // Delete (asks first): back on the list, the endpoint is gone.
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/dashboard\/webhooks$/);
  await expect(page.getByTestId('webhook-endpoint').filter({ hasText: receiverUrl })).toHaveCount(0);
});
