import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ensureOwnerSignedIn, inviteWithOneTimePassword } from './support/auth';

// Runs after the feature specs, so every page has data (people, an import, accounts, organizations, a directory with
// users and groups, webhooks). The owner may open every staff page.
test.describe.configure({ mode: 'serial' });

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

const STATIC_PAGES = [
  '/admin/people',
  '/admin/people/new',
  '/admin/people/import',
  '/admin/departments',
  '/admin/roles',
  '/admin/identity-providers',
  '/admin/users',
  '/admin/integrations/scim',
  '/admin/integrations/scim/logs',
  '/admin/security/authorised-applications',
  '/admin/audit-log',
  '/dashboard/organizations',
  '/dashboard/api-keys',
  '/dashboard/webhooks',
  '/dashboard/settings',
  '/settings/members',
  '/settings/account',
];

/** The links on `path` (inside its main content) whose address matches `pattern`. */
async function linksOn(page: Page, path: string, pattern: RegExp): Promise<string[]> {
  await page.goto(path);
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  return [...new Set(hrefs.filter((href) => pattern.test(href.split('?')[0])))];
}

async function firstLink(page: Page, path: string, pattern: RegExp): Promise<string | null> {
  return (await linksOn(page, path, pattern))[0] ?? null;
}

const UUID = '[0-9a-f-]{36}';

/**
 * Detail pages, found through their lists like a person would. Each kind must be found (the earlier specs made the
 * records); a webhook endpoint's page only while one exists (14-webhooks deletes its endpoint at the end).
 */
async function detailPages(page: Page): Promise<string[]> {
  const found: Record<string, string | null> = {};
  const person = await firstLink(page, '/admin/people', new RegExp(`^/admin/people/${UUID}$`));
  found.person = person;
  found.personEdit = person && `${person}/edit`;
  found.userAccount = await firstLink(page, '/admin/users', new RegExp(`^/admin/users/${UUID}$`));
  found.peopleImport = await firstLink(page, '/admin/people/import', /^\/admin\/people\/import\/[^/]+$/);
  found.organization = null;
  found.directory = null;
  for (const organization of await linksOn(page, '/dashboard/organizations', /^\/dashboard\/organizations\/[^/]+$/)) {
    found.organization ??= organization;
    const directory = await firstLink(page, organization, /^\/dashboard\/directories\/[^/]+$/);
    if (directory) {
      found.organization = organization;
      found.directory = directory;
      break;
    }
  }
  const directory = found.directory;
  if (directory) {
    for (const tab of ['groups', 'events', 'sync-history', 'settings'])
      found[`directory ${tab}`] = `${directory}/${tab}`;
    found.directoryUser = await firstLink(page, directory, /^\/dashboard\/directories\/[^/]+\/users\/[^/]+$/);
    found.directoryGroup = await firstLink(
      page,
      `${directory}/groups`,
      /^\/dashboard\/directories\/[^/]+\/groups\/[^/]+$/,
    );
  }
  expect(Object.keys(found).filter((kind) => !found[kind])).toEqual([]);
  const webhook = await firstLink(page, '/dashboard/webhooks', /^\/dashboard\/webhooks\/[^/]+$/);
  return [...Object.values(found), webhook].filter((path): path is string => Boolean(path));
}

type Finding = { page: string; width: number; rule: string; impact: string; targets: string[] };

/** axe on the page as it is: serious and critical violations, each with the elements it names. */
async function seriousViolations(page: Page, path: string): Promise<Finding[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      page: path,
      width: page.viewportSize()!.width,
      rule: v.id,
      impact: v.impact!,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function sweep(page: Page, paths: string[]) {
  const findings: Finding[] = [];
  const overflowing: string[] = [];
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(400);
      await expect(page.locator('h1').first()).toBeVisible();
      findings.push(...(await seriousViolations(page, path)));
      if (viewport === PHONE) {
        const overflow = await horizontalOverflow(page);
        if (overflow > 0) overflowing.push(`${path} scrolls ${overflow}px sideways`);
      }
    }
  }
  return { findings, overflowing };
}

test('a side panel (New department) takes focus, keeps it, closes on Escape and gives focus back', async ({ page }) => {
  await ensureOwnerSignedIn(page);
  await page.goto('/admin/departments');
  const trigger = page.getByRole('button', { name: 'New department' });
  await trigger.click();
  const panel = page.getByRole('dialog', { name: 'New department' });
  await expect(panel).toBeVisible();
  await expect(panel.getByLabel('Department name')).toBeFocused();

  // Focus is trapped: tabbing around never leaves the panel.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }

  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(trigger).toBeFocused();

  // A validation error puts focus on the invalid field, inside the panel.
  await trigger.click();
  await panel.getByRole('button', { name: 'Save department' }).click();
  await expect(panel.getByTestId('error-name')).toBeVisible();
  await expect(panel.getByLabel('Department name')).toBeFocused();
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toHaveCount(0);
  await expect(trigger).toBeFocused();
});

test('the skip link is the first stop and jumps to the page content', async ({ page }) => {
  await ensureOwnerSignedIn(page);
  await page.goto('/admin/roles');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});

test('on a phone-sized window the Menu reaches every HR screen, without sideways scrolling', async ({ page }) => {
  await ensureOwnerSignedIn(page);
  await page.setViewportSize(PHONE);
  await page.goto('/admin/people');
  // The sidebar gives way to a Menu button; the header links to "Your account".
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Your account/ })).toBeVisible();
  expect(await horizontalOverflow(page)).toBe(0);

  const screens = [
    ['People', '/admin/people', 'People'],
    ['Departments', '/admin/departments', 'Departments'],
    ['Roles', '/admin/roles', 'Roles'],
    ['Identity Providers', '/admin/identity-providers', 'Identity Providers'],
    ['User accounts', '/admin/users', 'User accounts'],
    ['Integrations › SCIM', '/admin/integrations/scim', 'SCIM'],
    ['Security › Authorised Applications', '/admin/security/authorised-applications', 'Authorised Applications'],
    ['Audit log', '/admin/audit-log', 'Audit log'],
  ] as const;
  const menu = page.getByRole('button', { name: 'Menu' });
  for (const [link, path, heading] of screens) {
    await menu.click();
    const drawer = page.getByRole('dialog', { name: 'Menu' });
    await drawer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${path.replace(/\//g, '\\/')}$`));
    await expect(drawer).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
    expect(await horizontalOverflow(page), path).toBe(0);
  }

  // The drawer is a dialog too: Escape closes it and focus returns to the Menu button.
  await menu.click();
  await expect(page.getByRole('dialog', { name: 'Menu' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Menu' })).toHaveCount(0);
  await expect(menu).toBeFocused();
});

test('the header links to Your account; the icon and logo are served', async ({ page, request }) => {
  await ensureOwnerSignedIn(page);
  await page.getByRole('link', { name: /Your account/ }).click();
  await expect(page).toHaveURL(/\/settings\/account$/);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(icon).toBeTruthy();
  for (const path of [icon!, '/logo.svg', '/favicon.ico']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
  }
});

test('the one-time password banner goes as soon as the member has chosen their own password', async ({
  page,
  browser,
}) => {
  await ensureOwnerSignedIn(page);
  const member = { name: 'Bea Banner', email: `bea.banner-${Date.now()}@northwind.test`, role: 'IT admin' as const };
  const oneTimePassword = await inviteWithOneTimePassword(page, member);
  const context = await browser.newContext();
  try {
    const memberPage = await context.newPage();
    await memberPage.goto('/login');
    await memberPage.getByLabel('Email').fill(member.email);
    await memberPage.getByLabel('Password', { exact: true }).fill(oneTimePassword);
    await memberPage.getByRole('button', { name: 'Sign in' }).click();
    const banner = memberPage.getByTestId('one-time-password-banner');
    await expect(banner).toContainText('with a one-time password');
    await memberPage.getByLabel('Current password').fill(oneTimePassword);
    await memberPage.getByLabel('New password', { exact: true }).fill('bea-own-password-1');
    await memberPage.getByLabel('Confirm new password').fill('bea-own-password-1');
    await memberPage.getByRole('button', { name: 'Change password' }).click();
    await expect(banner).toHaveCount(0);
    await expect(memberPage.getByTestId('signed-in-name')).toHaveText(member.name);
    await expect(memberPage.getByTestId('one-time-password-banner')).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('axe finds no serious or critical violation on any staff page, at 1440 and 390 px; none scrolls sideways at 390', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await ensureOwnerSignedIn(page);
  const paths = [...STATIC_PAGES, ...(await detailPages(page))];
  const { findings, overflowing } = await sweep(page, paths);
  expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
  expect(overflowing).toEqual([]);
});

async function signedOutPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test('axe finds no serious or critical violation on the sign-in page and the Admin Portal, at 1440 and 390 px', async ({
  page,
  browser,
}) => {
  // A fresh setup link for the portal (created by the owner on an organization's page).
  await ensureOwnerSignedIn(page);
  const organization = await firstLink(page, '/dashboard/organizations', /^\/dashboard\/organizations\/[^/]+$/);
  expect(organization).toBeTruthy();
  await page.goto(organization!);
  await page.getByRole('button', { name: 'Create setup link' }).click();
  await expect(page.getByTestId('setup-link-url')).toContainText('/portal/');
  const link = (await page.getByTestId('setup-link-url').textContent())!.trim();
  const portalPath = new URL(link.match(/https?:\/\/\S+/)?.[0] ?? link, 'http://x').pathname;
  expect(portalPath).toMatch(/^\/portal\//);

  const visitor = await signedOutPage(browser);
  try {
    const findings: Finding[] = [];
    const overflowing: string[] = [];
    for (const viewport of [DESKTOP, PHONE]) {
      await visitor.page.setViewportSize(viewport);
      for (const path of ['/login', portalPath]) {
        await visitor.page.goto(path);
        await expect(visitor.page.locator('h1').first()).toBeVisible();
        findings.push(...(await seriousViolations(visitor.page, path)));
        if (viewport === PHONE && (await horizontalOverflow(visitor.page)) > 0) overflowing.push(path);
      }
    }
    expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
    expect(overflowing).toEqual([]);
    // The sign-in page shows the logo.
    await visitor.page.goto('/login');
    await expect(visitor.page.getByRole('img', { name: 'Roster' })).toBeVisible();
    await expect(visitor.page.getByRole('heading', { name: 'Sign in to Roster' })).toBeVisible();
  } finally {
    await visitor.context.close();
  }
});
