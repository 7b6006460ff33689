import { expect, type Page } from '@playwright/test';

export const OWNER = { company: 'Northwind Health', name: 'Olivia Owner', email: 'olivia@northwind.test', password: 'owner-password-123' };

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

/** Creates the owner when Roster is on its first run; otherwise signs in. Each spec file can start with this. */
export async function ensureOwnerSignedIn(page: Page) {
  await page.goto('/login');
  const setup = page.getByRole('heading', { name: 'Create the owner account' });
  const signInHeading = page.getByRole('heading', { name: 'Sign in to Roster' });
  await expect(setup.or(signInHeading)).toBeVisible();
  if (await setup.isVisible()) {
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

/** As the owner: invites a staff member and returns the one-time password. */
export async function inviteMember(page: Page, member: { name: string; email: string; role: 'Owner' | 'HR Professional' | 'IT admin' }) {
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
