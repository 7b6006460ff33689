import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** The HR API's OData service root (Authorised Applications read and write people here). */
export const HR_API_SERVICE = '/cezanneondemand/v7/dataservice.svc';

/**
 * Saves a screenshot for the README under docs/screenshots/ — only when E2E_SCREENSHOTS=1, so that ordinary runs
 * (and CI) never rewrite the committed images.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean; keepScroll?: boolean } = {}) {
  if (process.env.E2E_SCREENSHOTS !== '1') return;
  // From the top of the page, without the passing toasts (the test has already read them).
  if (!options.keepScroll) await page.evaluate(() => window.scrollTo(0, 0));
  // A full page is a tall image: JPEG keeps it under ~200 KB; a 1280 × 800 viewport is small enough as PNG.
  const fullPage = options.fullPage ?? false;
  await page.screenshot({
    path: `docs/screenshots/${name}.${fullPage ? 'jpg' : 'png'}`,
    ...(fullPage ? { type: 'jpeg' as const, quality: 60 } : {}),
    fullPage,
    animations: 'disabled',
    style: '[data-sonner-toaster] { display: none !important; }',
  });
}

/** As an owner: switches on the Cezanne HR integration under Directory Sync settings (no-op when it is on). */
export async function enableCezanneHrIntegration(page: Page) {
  await page.goto('/dashboard/settings');
  const integration = page.getByRole('switch', { name: 'Cezanne HR' });
  if (!(await integration.isChecked())) {
    // The switch flips once the server action answers: click, then wait for the state.
    await integration.click();
    await expect(page.getByText('Cezanne HR integration enabled')).toBeVisible();
  }
  await expect(integration).toBeChecked();
}

/** As an HR Professional: Security › Authorised Applications › Add New; returns the credentials shown once. */
export async function createAuthorisedApplication(page: Page, name: string) {
  await page.goto('/admin/security/authorised-applications');
  await page.getByRole('button', { name: 'Add New' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('API read access').check();
  await page.getByLabel('API write access').check();
  await page.getByRole('button', { name: 'Save' }).click();
  const panel = page.getByRole('region', { name: 'New credentials' });
  await expect(panel.getByTestId('client-secret')).toBeVisible();
  return {
    clientId: (await panel.getByTestId('client-id').textContent())!.trim(),
    clientSecret: (await panel.getByTestId('client-secret').textContent())!.trim(),
  };
}

/** The OAuth2 client-credentials token an Authorised Application gets for the HR API. */
export async function hrApiToken(request: APIRequestContext, app: { clientId: string; clientSecret: string }) {
  const response = await request.post('/oauth/token', {
    form: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret },
  });
  expect(response.status()).toBe(200);
  return (await response.json()).access_token as string;
}

export type ReceivedWebhook = { body: string; signature: string };

/**
 * The application that receives webhooks: a local HTTP server on 127.0.0.1 (the e2e server may reach loopback:
 * ROSTER_EGRESS_ALLOW_PRIVATE=1 in playwright.config.ts). Every request is kept, in order, with its signature header.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(req.headers['workos-signature'] ?? ''),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/workos`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
