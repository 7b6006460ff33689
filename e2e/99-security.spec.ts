import { expect, test, type APIRequestContext } from '@playwright/test';
import { ensureOwnerSignedIn } from './support/auth';

test.describe.configure({ mode: 'serial' });

test('pages run under the Content-Security-Policy without violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text()))
      violations.push(message.text());
  });
  await ensureOwnerSignedIn(page);
  for (const path of [
    '/admin/people',
    '/admin/people/new',
    '/admin/integrations/scim',
    '/admin/security/authorised-applications',
    '/settings/members',
  ]) {
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

test('server actions refuse a body over 256 KB before the action runs', async ({ page }) => {
  await ensureOwnerSignedIn(page);
  await page.goto('/settings/members');
  const form = page.getByRole('region', { name: 'Invite a member' });
  await form.getByLabel('Name').fill('Body Limit');
  await form.getByLabel('Email').fill('body-first@northwind.test');
  const captured = page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
  await form.getByRole('button', { name: 'Create account' }).click();
  const request = await captured;
  await expect(page.getByTestId('one-time-password')).toBeVisible();
  const headers = request.headers();
  const boundary = /boundary=(.+)$/.exec(headers['content-type'])![1];
  const original = request.postDataBuffer()!.toString('latin1');
  // The same real action, for another email, with an extra form field of the given size (the schema ignores it).
  const replay = (email: string, padding: number) =>
    page.request.post('/settings/members', {
      headers: {
        'next-action': headers['next-action'],
        'content-type': headers['content-type'],
        accept: 'text/x-component',
      },
      data: Buffer.from(
        original
          .replace('body-first@', `${email}@`)
          .replace(
            `--${boundary}--`,
            `--${boundary}\r\nContent-Disposition: form-data; name="padding"\r\n\r\n${'x'.repeat(padding)}\r\n--${boundary}--`,
          ),
        'latin1',
      ),
    });
  const small = await replay('body-small', 100);
  expect(small.status()).toBe(200);
  // Next answers a refused body with a 500 for fetch actions (its action handler has a TODO for 413); what matters is
  // that the action never ran.
  const large = await replay('body-large', 300 * 1024);
  expect(large.status()).not.toBe(200);
  await page.reload();
  await expect(page.getByTestId('member-body-small@northwind.test')).toBeVisible();
  await expect(page.getByTestId('member-body-large@northwind.test')).toHaveCount(0);
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
test('the sign-in throttle counts the TCP peer: a forged X-Forwarded-For does not buy a fresh address', async ({
  request,
}) => {
  // Each attempt: another email and another forged address. Were either counted, none would ever be blocked; the
  // peer (this machine) reaches its allowance of 20 failures (fewer if earlier specs failed a sign-in).
  const outcomes: string[] = [];
  for (let i = 0; i < 21; i++)
    outcomes.push(await failedSignIn(request, `spray-${i}@northwind.test`, `203.0.113.${i + 1}`));
  expect(outcomes[0]).toContain('Wrong email or password.');
  expect(outcomes.at(-1)).toMatch(/Too many failed attempts\. Try again in \d+ seconds\./);
});
