import { expect, type Page } from '@playwright/test';

/** A self-signed certificate (CN=okta-e2e.roster.test, valid until 2036) for identity providers made in e2e. */
export const TEST_IDP_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIDHzCCAgegAwIBAgIUaQBNhIqwS0hgLhjrci057zvRU4cwDQYJKoZIhvcNAQEL
BQAwHzEdMBsGA1UEAwwUb2t0YS1lMmUucm9zdGVyLnRlc3QwHhcNMjYxMTI3MjAx
NDExWhcNMzYxMTI0MjAxNDExWjAfMR0wGwYDVQQDDBRva3RhLWUyZS5yb3N0ZXIu
dGVzdDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAKnNJaTvjogCEfZK
9zzCFsNlrCyxdmybiQZ2Bx/7z2LGjWrulRlspTJZz6WoRivUg1npQ7HjVbfrItk8
bXoUfwZdk0dkgsoymU5VwPYQPfrxDn3/LoErtjuO8N/w/qUsoHrOtNDf4dyfA8Tg
YC2qMif6MgXi+y1cstC7GEWZ/QKaYtKmDCxjfnOXzp67DjtYTSJ8rOFEz0Luj6dg
BCwZrB8kVnFPFQgRDHQGUeE98wsG68B9gGjsFXCMtpsoRx6RCqS/KKyqTL8fSadz
vYIAHGQRSpKNZj+lkyb7ntFPmOxRLJPSkvCao3N2fq1rGbDLtNCVzDe4tCAgZ8jS
aD48vJ0CAwEAAaNTMFEwHQYDVR0OBBYEFKcv0pYA3zuk+CF57tyYFiIIaWkEMB8G
A1UdIwQYMBaAFKcv0pYA3zuk+CF57tyYFiIIaWkEMA8GA1UdEwEB/wQFMAMBAf8w
DQYJKoZIhvcNAQELBQADggEBAEXtZVxwkMXyxp9hl07vx81W0vR6YuyqKm11bXvR
hzYPxgyyxfuAsuaBGqScjYeSA7FEb4uUstDGm/f4x+z6IGXHeZET8aRG64ay1m/O
M4Aun/fWpyQBY/tGx91bvajqU9D2RIEKgVcCYnrzAJKeZS3C4S4+EEhVsZEFL+Pr
ZW3gi5R34RcMKQUCKBB+3y3LHqFtvPClYpVyPEMRCF5cToOh+VIZoK0DSYsXvyqE
EkUcIXUBbNQ0j+UvS1TAFhdHFXGjUGxXns0vvyrEZfXhnSM1pOuHbqN8MHopn1Tf
d61AIyb5c5dWQ3vM4TPnnUOKMvBApisEJZ8C0BXHLnFvr9g=
-----END CERTIFICATE-----`;

export function uniqueSuffix() {
  return Math.random().toString(36).slice(2, 8);
}

/** Adds an identity provider through Administration › Identity Providers (shared UI contract). */
export async function addIdentityProvider(page: Page, name: string) {
  await page.goto('/admin/identity-providers');
  await page
    .getByRole('link', { name: 'Add identity provider' })
    .or(page.getByRole('button', { name: 'Add identity provider' }))
    .first()
    .click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Entity ID').fill(`http://www.okta.com/${name.replace(/\W+/g, '')}`);
  await page.getByLabel('SSO URL').fill('https://northwind.okta.test/app/roster/sso/saml');
  await page.getByLabel('X.509 certificate').fill(TEST_IDP_CERTIFICATE);
  await page.getByRole('button', { name: 'Save identity provider' }).click();
  await expect(page.getByRole('table', { name: 'Identity providers' }).getByText(name)).toBeVisible();
}

/** Creates a person through Administration › People (shared UI contract); returns after the person's page shows. */
export async function addPerson(
  page: Page,
  person: { code: string; given: string; family: string; internalEmail: string },
) {
  await page.goto('/admin/people/new');
  await page.getByLabel('Person code', { exact: true }).fill(person.code);
  await page.getByLabel('Given name', { exact: true }).fill(person.given);
  await page.getByLabel('Family name', { exact: true }).fill(person.family);
  await page.getByLabel('Internal email', { exact: true }).fill(person.internalEmail);
  await page.getByLabel('Employment ID', { exact: true }).fill(`EMP-${person.code}`);
  await page.getByLabel('Start date', { exact: true }).fill('2024-03-01');
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(page).toHaveURL(/\/admin\/people\/[0-9a-f-]{36}/);
}

/** Clicks "Generate" on the SCIM page (confirming the replacement if a token exists) and returns the secret. */
export async function generateScimToken(page: Page): Promise<string> {
  const shown = page.getByTestId('scim-secret');
  const previous = (await shown.count()) > 0 ? await shown.textContent() : null;
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const dialog = page.getByRole('dialog');
  const secret = page.getByTestId('scim-secret');
  await expect(dialog.or(secret)).toBeVisible();
  if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Replace token' }).click();
  await expect(secret).toBeVisible();
  if (previous) await expect(secret).not.toHaveText(previous);
  return (await secret.textContent())!.trim();
}
