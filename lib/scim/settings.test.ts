import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';

// Record every constant-time comparison so the test can prove what is compared (digests, not raw tokens).
const compared = vi.hoisted(() => [] as [number, number][]);
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    compared.push([a.byteLength, b.byteLength]);
    return actual.timingSafeEqual(a, b);
  };
  return { ...actual, default: { ...actual, timingSafeEqual }, timingSafeEqual };
});

import { getDb } from '@/db/client';
import { scimSettings } from '@/db/schema';
import { hashSecret } from '@/lib/crypto/tokens';
import { createTenant } from '@/tests/support/factories';
import { createIdentityProvider, createScimTenant } from '@/tests/support/scim-factories';
import { ScimError } from './errors';
import { authenticateScim, forgetScimAuth, generateScimToken, getScimSettings, loadScimSettingsPage } from './settings';
import { publicBaseUrl } from '@/lib/public-url';

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScimError);
  return error as ScimError;
}

describe('SCIM secret token', () => {
  it('is stored only as a SHA-256 hash with its last four characters; the raw token is returned once', async () => {
    const { tenantId, token } = await createScimTenant();
    const [row] = await getDb().select().from(scimSettings).where(eq(scimSettings.tenantId, tenantId));
    expect(token).toMatch(/^scim_[A-Za-z0-9_-]{40,}$/);
    expect(row.tokenHash).toBe(hashSecret(token));
    expect(row.tokenLastFour).toBe(token.slice(-4));
    expect(JSON.stringify(row)).not.toContain(token);
    const view = await getScimSettings(getDb(), tenantId);
    expect(JSON.stringify(view)).not.toContain(row.tokenHash!);
    expect(view.token).toMatchObject({ lastFour: token.slice(-4), createdByName: 'hr_professional tester' });
  });

  it('token comparison is constant-time over a hash: equal-length digests are compared whatever is presented', async () => {
    const { tenantId, token } = await createScimTenant();
    const lastCharChanged = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const presented of [token, 'x', token + 'y', 'z'.repeat(5000), lastCharChanged]) {
      compared.length = 0;
      const outcome = await authenticateScim(getDb(), tenantId, `Bearer ${presented}`).then(
        () => 'ok',
        (e: ScimError) => e.status,
      );
      expect(outcome).toBe(presented === token ? 'ok' : 401);
      expect(compared).toEqual([[32, 32]]);
    }
  });

  it('regenerating replaces the token: the old one is refused at once, the new one works', async () => {
    const { tenantId, token, staff } = await createScimTenant();
    await authenticateScim(getDb(), tenantId, `Bearer ${token}`);
    const { token: fresh } = await generateScimToken(getDb(), tenantId, staff.id);
    expect(fresh).not.toBe(token);
    const error = await refusal(authenticateScim(getDb(), tenantId, `Bearer ${token}`));
    expect(error.status).toBe(401);
    await expect(authenticateScim(getDb(), tenantId, `Bearer ${fresh}`)).resolves.toMatchObject({ tenantId });
  });

  it('is refused while SCIM is switched off, with a detail that says so', async () => {
    const { tenantId, token } = await createScimTenant({ enabled: false });
    const error = await refusal(authenticateScim(getDb(), tenantId, `Bearer ${token}`));
    expect(error.status).toBe(401);
    expect(error.detail).toMatch(/switched off/);
  });

  it("a token of another tenant, a missing token: 401 (tenant A's token never opens tenant B); a non-UUID tenant id: 404 naming the tenant id", async () => {
    const a = await createScimTenant();
    const b = await createScimTenant();
    expect((await refusal(authenticateScim(getDb(), b.tenantId, `Bearer ${a.token}`))).status).toBe(401);
    expect((await refusal(authenticateScim(getDb(), b.tenantId, null))).status).toBe(401);
    const notATenant = await refusal(authenticateScim(getDb(), '010101001010101011001010101011', `Bearer ${a.token}`));
    expect(notATenant.status).toBe(404);
    expect(notATenant.detail).toMatch(/no valid tenant ID/);
    const missing = await refusal(authenticateScim(getDb(), 'Users', `Bearer ${a.token}`));
    expect(missing).toMatchObject({ status: 404, detail: expect.stringMatching(/missing the tenant ID/) });
    expect(missing.detail).not.toMatch(/token/i);
  });

  it('records when the token was last used, at most once a minute', async () => {
    const { tenantId, token } = await createScimTenant();
    await authenticateScim(getDb(), tenantId, `Bearer ${token}`);
    const first = (await getScimSettings(getDb(), tenantId)).token!.lastUsedAt!;
    expect(first).toBeInstanceOf(Date);
    await authenticateScim(getDb(), tenantId, `Bearer ${token}`);
    expect((await getScimSettings(getDb(), tenantId)).token!.lastUsedAt!.getTime()).toBe(first.getTime());
    await getDb()
      .update(scimSettings)
      .set({ tokenLastUsedAt: new Date(Date.now() - 120_000) })
      .where(eq(scimSettings.tenantId, tenantId));
    forgetScimAuth();
    await authenticateScim(getDb(), tenantId, `Bearer ${token}`);
    expect((await getScimSettings(getDb(), tenantId)).token!.lastUsedAt!.getTime()).toBeGreaterThan(
      Date.now() - 10_000,
    );
  });
});

describe('SCIM URL', () => {
  it('uses ROSTER_PUBLIC_URL, else NEXTAUTH_URL, else the forwarded or plain host of the request', () => {
    const saved = { p: process.env.ROSTER_PUBLIC_URL, n: process.env.NEXTAUTH_URL };
    try {
      process.env.ROSTER_PUBLIC_URL = 'https://roster.example.com/';
      process.env.NEXTAUTH_URL = 'https://auth.example.com';
      expect(publicBaseUrl(new Headers({ host: 'ignored' }))).toBe('https://roster.example.com');
      delete process.env.ROSTER_PUBLIC_URL;
      expect(publicBaseUrl(new Headers())).toBe('https://auth.example.com');
      delete process.env.NEXTAUTH_URL;
      expect(
        publicBaseUrl(
          new Headers({ 'x-forwarded-host': 'hr.example.org', 'x-forwarded-proto': 'https', host: 'internal:3000' }),
        ),
      ).toBe('https://hr.example.org');
      expect(publicBaseUrl(new Headers({ host: 'localhost:3102' }), 'http://localhost:3102')).toBe(
        'http://localhost:3102',
      );
    } finally {
      if (saved.p === undefined) delete process.env.ROSTER_PUBLIC_URL;
      else process.env.ROSTER_PUBLIC_URL = saved.p;
      if (saved.n === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = saved.n;
    }
  });
});

describe('SCIM settings page', () => {
  it("the settings page lists only the tenant's identity providers, in the same case-insensitive order as every other IdP list", async () => {
    const a = await createTenant();
    const b = await createTenant();
    await createIdentityProvider(a.id, 'beta IdP');
    await createIdentityProvider(a.id, 'Alpha IdP');
    await createIdentityProvider(a.id, 'Gamma IdP');
    await createIdentityProvider(b.id, 'Another tenant IdP');
    const page = await loadScimSettingsPage(getDb(), a.id, new Headers({ host: 'roster.test' }));
    expect(page.identityProviders.map((p) => p.name)).toEqual(['Alpha IdP', 'beta IdP', 'Gamma IdP']);
  });
});
