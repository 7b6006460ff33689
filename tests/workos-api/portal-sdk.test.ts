// `workos.adminPortal.generateLink` of the real @workos-inc/node SDK (11.x), unchanged, against `next start` (the
// production build) on the test database; the returned link is then opened. Needs `npx next build` first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import {
  GenerateLinkIntent,
  NotFoundException,
  UnauthorizedException,
  UnprocessableEntityException,
  WorkOS,
} from '@workos-inc/node';
import { getDb } from '@/db/client';
import { auditLog, portalLinks } from '@/db/schema';
import { createApiKey } from '@/lib/api-keys/keys';
import { hashSecret } from '@/lib/crypto/tokens';
import { API_LINK_TTL_MS } from '@/lib/directory-sync/portal';
import { createOrganization } from '@/lib/directory-sync/organizations';
import { createTenant } from '@/tests/support/factories';
import { startNextServer, type NextServer } from '@/tests/support/next-server';

let server: NextServer | undefined;
let port: number;

const sdk = (key: string) => new WorkOS(key, { apiHostname: '127.0.0.1', port, https: false, maxRetries: 0 } as never);
const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!;

let workos: WorkOS;
let otherWorkos: WorkOS;
const ids = {} as { tenantId: string; organizationId: string; otherOrganizationId: string };

beforeAll(async () => {
  const tenant = await createTenant();
  const organization = await createOrganization(getDb(), tenant.id, { name: 'Northwind Portal', domains: [] });
  const other = await createTenant();
  const otherOrganization = await createOrganization(getDb(), other.id, { name: 'Other Portal Co', domains: [] });
  Object.assign(ids, {
    tenantId: tenant.id,
    organizationId: organization.id,
    otherOrganizationId: otherOrganization.id,
  });
  server = await startNextServer();
  port = server.port;
  workos = sdk((await createApiKey(getDb(), tenant.id, { id: null, name: 'test' }, { name: 'portal' })).secret);
  otherWorkos = sdk((await createApiKey(getDb(), other.id, { id: null, name: 'test' }, { name: 'portal' })).secret);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('POST /portal/generate_link with the real SDK', () => {
  it('generateLink → { link } valid 5 minutes, hash stored, audited; the link opens the portal for that organization', async () => {
    const { link } = await workos.adminPortal.generateLink({
      organization: ids.organizationId,
      intent: GenerateLinkIntent.DSync,
      returnUrl: 'https://app.example/settings',
      successUrl: 'https://app.example/done',
    });
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/portal/[A-Za-z0-9_-]{43}$`));
    const [row] = await getDb()
      .select()
      .from(portalLinks)
      .where(eq(portalLinks.tokenHash, hashSecret(tokenOf(link))));
    expect(row).toMatchObject({
      tenantId: ids.tenantId,
      organizationId: ids.organizationId,
      intent: 'dsync',
      createdBy: 'api',
      returnUrl: 'https://app.example/settings',
      successUrl: 'https://app.example/done',
    });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(API_LINK_TTL_MS);
    expect((await getDb().select().from(auditLog).where(eq(auditLog.target, row.id)))[0]).toMatchObject({
      action: 'portal_link.created',
      actorEmail: 'api',
    });

    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Northwind Portal');
    expect(html).toContain('Set up Directory Sync');
    expect(html).toContain('https://app.example/settings');
    expect(html).not.toContain('Sign out');
    // The token is in the URL: the portal's pages send no Referer at all (the site-wide header already strips paths cross-origin).
    expect(html).toMatch(/<meta name="referrer" content="no-referrer"/);
    expect(html).toMatch(/<meta name="robots" content="noindex, nofollow"/);
  });

  it('an expired link and an unknown token get the clear "no longer valid" page (404), never a staff page', async () => {
    const { link } = await workos.adminPortal.generateLink({
      organization: ids.organizationId,
      intent: GenerateLinkIntent.DSync,
    });
    await getDb()
      .update(portalLinks)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(portalLinks.tokenHash, hashSecret(tokenOf(link))));
    const expired = await fetch(link, { redirect: 'manual' });
    expect(expired.status).toBe(404);
    const html = await expired.text();
    expect(html).toContain('This setup link is no longer valid');
    expect(html).not.toMatch(/Sign in|Organizations|at \w+ \(/);
    const unknown = await fetch(`http://127.0.0.1:${port}/portal/${'A'.repeat(43)}`, { redirect: 'manual' });
    expect(unknown.status).toBe(404);
  });

  it("another tenant's key cannot make a link for this organization; bad keys and bad bodies get WorkOS errors", async () => {
    await expect(
      otherWorkos.adminPortal.generateLink({ organization: ids.organizationId, intent: GenerateLinkIntent.DSync }),
    ).rejects.toBeInstanceOf(NotFoundException);
    await expect(
      sdk('sk_wrong').adminPortal.generateLink({ organization: ids.organizationId, intent: GenerateLinkIntent.DSync }),
    ).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(
      workos.adminPortal.generateLink({ organization: ids.organizationId, intent: 'sso' as GenerateLinkIntent }),
    ).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(
      workos.adminPortal.generateLink({
        organization: ids.organizationId,
        intent: GenerateLinkIntent.DSync,
        returnUrl: 'javascript:alert(1)',
      }),
    ).rejects.toBeInstanceOf(UnprocessableEntityException);
    const get = await fetch(`http://127.0.0.1:${port}/portal/generate_link`);
    expect(get.status).toBe(401);
    expect(get.headers.get('content-type')).toMatch(/application\/json/);
  });
});
