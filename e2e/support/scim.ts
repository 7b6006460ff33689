import { expect, type APIRequestContext, type Page } from '@playwright/test';

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

/**
 * Plays Okta's catalog (OIN) app against the SCIM URL and secret copied from Administration › Integrations › SCIM:
 * the requests it sends for "Test API Credentials", assigning a user (look up by userName, then create) and
 * unassigning one (PATCH active false), with Okta's headers.
 */
export function oktaCatalogApp(request: APIRequestContext, scimUrl: string, token: string) {
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/scim+json; charset=utf-8',
    'user-agent': 'Okta SCIM Client 1.0.0',
  };
  const base = new URL(scimUrl).pathname;
  return {
    async testApiCredentials() {
      expect((await request.get(`${base}/Users?startIndex=1&count=2`, { headers })).status()).toBe(200);
    },
    /** Assigning a user: GET by userName filter (nothing found), then POST the user. Returns the SCIM user. */
    async assign(user: { userName: string; email: string; externalId: string; role: string }) {
      const search = await request.get(
        `${base}/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}&startIndex=1&count=100`,
        { headers },
      );
      expect(search.status()).toBe(200);
      expect((await search.json()).totalResults).toBe(0);
      const created = await request.post(`${base}/Users`, {
        headers,
        data: {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: user.userName,
          name: { givenName: 'Okta', familyName: 'Name' },
          emails: [{ primary: true, value: user.email, type: 'work' }],
          externalId: user.externalId,
          password: 'okta-random-password',
          active: true,
          'urn:ietf:params:scim:schemas:extension:cezanne:2.0:User': { role: user.role },
        },
      });
      expect(created.status()).toBe(201);
      return (await created.json()) as { id: string; userName: string; active: boolean };
    },
    /** Unassigning a user: PATCH with Okta's no-path form { op: replace, value: { active: false } }. */
    async deactivate(id: string) {
      const patched = await request.patch(`${base}/Users/${id}`, {
        headers,
        data: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', value: { active: false } }],
        },
      });
      expect(patched.status()).toBe(200);
      return (await patched.json()) as { id: string; active: boolean };
    },
  };
}
