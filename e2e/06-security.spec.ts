import { expect, test, type APIRequestContext } from '@playwright/test';
import { ensureOwnerSignedIn } from './support/auth';

test.describe.configure({ mode: 'serial' });

test('pages run under the Content-Security-Policy without violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  await ensureOwnerSignedIn(page);
  for (const path of ['/admin/people', '/admin/people/new', '/admin/integrations/scim', '/admin/security/authorised-applications', '/settings/members']) {
    await page.goto(path);
    await expect(page.getByTestId('signed-in-name')).toBeVisible();
  }
  // Client-side code runs (a dialog opens) and server actions work under the policy.
  await page.goto('/settings/members');
  await page.getByRole('region', { name: 'Invite a member' }).getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('region', { name: 'Invite a member' }).getByTestId('error-name')).toBeVisible();
  expect(violations).toEqual([]);
});

test('an absurd page number is a page, not a server error', async ({ page }) => {
  await ensureOwnerSignedIn(page);
  const response = await page.goto('/admin/users?page=1e30');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'User accounts' })).toBeVisible();
  const log = await page.goto('/admin/integrations/scim/logs?before=1e30');
  expect(log?.status()).toBe(200);
});

test('server actions refuse a large body before any action runs', async ({ request }) => {
  const response = await request.post('/login', {
    headers: { 'next-action': '0'.repeat(42), 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
    data: `["${'x'.repeat(1024 * 1024)}"]`,
  });
  expect(response.status()).toBe(413);
});

async function failedSignIn(request: APIRequestContext, email: string, forwardedFor: string) {
  const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
  const response = await request.post('/api/auth/callback/credentials', {
    headers: { 'x-forwarded-for': forwardedFor, 'x-real-ip': forwardedFor },
    form: { csrfToken, email, password: 'not-the-password', json: 'true' },
    maxRedirects: 0,
  });
  const body = await response.json().catch(() => ({}));
  return decodeURIComponent(String(body.url ?? response.headers().location ?? ''));
}

// Last: it leaves this machine's address blocked from signing in for a while.
test('the sign-in throttle counts the TCP peer: a forged X-Forwarded-For does not buy a fresh address', async ({ request }) => {
  for (let i = 0; i < 20; i++) {
    const outcome = await failedSignIn(request, `spray-${i}@northwind.test`, `203.0.113.${i + 1}`);
    expect(outcome, `attempt ${i + 1}`).toContain('Wrong email or password.');
  }
  const blocked = await failedSignIn(request, 'spray-21@northwind.test', '198.51.100.77');
  expect(blocked).toMatch(/Too many failed attempts\. Try again in \d+ seconds\./);
});
