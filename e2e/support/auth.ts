import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

export const OWNER = {
  company: 'Northwind Health',
  name: 'Olivia Owner',
  email: 'olivia@northwind.test',
  password: 'owner-password-123',
};

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-name')).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Roster' })).toBeVisible();
}

/** The first-run setup code the server wrote into its data directory (playwright.config.ts: E2E_DATA_DIR). */
export function setupCode(): string {
  return readFileSync(path.resolve(process.env.E2E_DATA_DIR ?? '.data-e2e', 'setup-code'), 'utf8').trim();
}

/** Creates the owner when Roster is on its first run; otherwise signs in. Each spec file can start with this. */
export async function ensureOwnerSignedIn(page: Page) {
  await page.goto('/login');
  const setup = page.getByRole('heading', { name: 'Create the owner account' });
  const signInHeading = page.getByRole('heading', { name: 'Sign in to Roster' });
  await expect(setup.or(signInHeading)).toBeVisible();
  if (await setup.isVisible()) {
    await page.getByLabel('Setup code').fill(setupCode());
    await page.getByLabel('Company name').fill(OWNER.company);
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Create the owner account' }).click();
    await expect(page.getByTestId('signed-in-name')).toHaveText(OWNER.name);
  } else {
    await signIn(page, OWNER.email, OWNER.password);
  }
}

type NewMember = { name: string; email: string; role: 'Owner' | 'HR Professional' | 'IT admin' };

/** The password a test member chooses at their first sign-in. */
export const ownPasswordOf = (email: string) => `own-password-${email}`;

/** As the owner: invites a staff member and returns the one-time password. */
export async function inviteWithOneTimePassword(page: Page, member: NewMember) {
  await page.goto('/settings/members');
  const form = page.getByRole('region', { name: 'Invite a member' });
  await form.getByLabel('Name').fill(member.name);
  await form.getByLabel('Email').fill(member.email);
  await form.getByLabel('Role').selectOption({ label: member.role });
  await form.getByRole('button', { name: 'Create account' }).click();
  const otp = page.getByTestId('one-time-password');
  await expect(otp).toBeVisible();
  return (await otp.textContent())!.trim();
}

/** On the first sign-in's "Choose your own password" page: replaces the one-time password. */
export async function chooseOwnPassword(page: Page, oneTimePassword: string, ownPassword: string) {
  await expect(page.getByRole('heading', { name: 'Choose your own password' })).toBeVisible();
  await page.getByLabel('Current password').fill(oneTimePassword);
  await page.getByLabel('New password', { exact: true }).fill(ownPassword);
  await page.getByLabel('Confirm new password').fill(ownPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByTestId('signed-in-name')).toBeVisible();
}

/**
 * As the owner: invites a staff member, who then signs in once (in a browser of their own) and replaces the
 * one-time password; returns the member's own password for later sign-ins.
 */
export async function inviteMember(page: Page, member: NewMember) {
  const oneTimePassword = await inviteWithOneTimePassword(page, member);
  const context = await page.context().browser()!.newContext();
  const memberPage = await context.newPage();
  await memberPage.goto('/login');
  await memberPage.getByLabel('Email').fill(member.email);
  await memberPage.getByLabel('Password', { exact: true }).fill(oneTimePassword);
  await memberPage.getByRole('button', { name: 'Sign in' }).click();
  await chooseOwnPassword(memberPage, oneTimePassword, ownPasswordOf(member.email));
  await context.close();
  return ownPasswordOf(member.email);
}
