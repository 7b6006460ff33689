import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, directories, portalLinks } from '@/db/schema';
import { actAs } from '@/tests/support/action-session';
import { createSetupLinkAction } from '@/app/(dashboard)/dashboard/organizations/[id]/actions';
import { createDirectory } from '@/lib/directory-sync/directories';
import { setCezanneHrEnabled } from '@/lib/directory-sync/integrations';
import { createOrganization } from '@/lib/directory-sync/organizations';
import {
  API_LINK_TTL_MS,
  completePortalLink,
  createPortalLink,
  DASHBOARD_LINK_TTL_MS,
  listPortalLinks,
  portalLinkStatus,
  resolvePortalLink,
  revokePortalLink,
  USED_LINK_GRACE_MS,
} from '@/lib/directory-sync/portal';
import { LINK_REFUSED, runPortalAction, THROTTLED, WindowLimiter } from '@/lib/directory-sync/portal-action';
import {
  connectPortalDirectory,
  portalDirectory,
  portalStatus,
  resetPortalDirectory,
} from '@/lib/directory-sync/portal-setup';
import { FormError, NotFoundError } from '@/lib/errors';
import { hashSecret } from '@/lib/crypto/tokens';
import { z } from 'zod';
import { createStaff, createTenant } from '@/tests/support/factories';
import { FakeHrServer, fakePeople } from '@/tests/support/fake-hr-server';
import { recordingSender, runLastJob, testDeps } from '@/tests/support/dsync';

vi.mock('@/lib/auth/session', () => import('@/tests/support/action-session'));
vi.mock('next/cache', () => import('@/tests/support/action-session'));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ host: '127.0.0.1' }) }));

const STAFF = { id: 'api', name: 'API' } as const;

async function orgWithLink(ttlMs = DASHBOARD_LINK_TTL_MS, now = new Date()) {
  const tenant = await createTenant();
  const organization = await createOrganization(getDb(), tenant.id, { name: 'Portal Co', domains: [] });
  const { link, token } = await createPortalLink(
    getDb(),
    tenant.id,
    STAFF,
    { organizationId: organization.id, intent: 'dsync' },
    { ttlMs, now },
  );
  return { tenant, organization, link, token };
}

const freshLimiters = () => ({ perLink: new WindowLimiter(30, 600_000), perIp: new WindowLimiter(60, 600_000) });

describe('Admin Portal setup links (lib/directory-sync/portal.ts)', () => {
  it('stores only the SHA-256 hash of a long random token; the token resolves to its tenant and organization', async () => {
    const { tenant, organization, link, token } = await orgWithLink();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await getDb().select().from(portalLinks).where(eq(portalLinks.id, link.id));
    expect(row.tokenHash).toBe(hashSecret(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.createdBy).toBe('api');
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(DASHBOARD_LINK_TTL_MS);

    const resolved = await resolvePortalLink(getDb(), token);
    expect(resolved).toEqual({
      ok: true,
      link: expect.objectContaining({ id: link.id, tenantId: tenant.id, organizationId: organization.id }),
    });
    expect(resolved.ok && 'tokenHash' in resolved.link).toBe(false);
    for (const wrong of [
      token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'),
      '',
      'short',
      `${token}x`,
      hashSecret(token),
      null,
    ]) {
      expect(await resolvePortalLink(getDb(), wrong)).toEqual({ ok: false, reason: 'unknown' });
    }
  });

  it('an API link expires after 5 minutes; a dashboard link after 30 days', async () => {
    const created = new Date('2026-03-01T10:00:00Z');
    const { token, link } = await orgWithLink(API_LINK_TTL_MS, created);
    const at = (ms: number) => new Date(created.getTime() + ms);
    expect((await resolvePortalLink(getDb(), token, at(API_LINK_TTL_MS - 1000))).ok).toBe(true);
    expect(await resolvePortalLink(getDb(), token, at(API_LINK_TTL_MS))).toEqual({ ok: false, reason: 'expired' });
    expect(portalLinkStatus(link, at(API_LINK_TTL_MS + 1))).toBe('expired');

    const long = await orgWithLink(DASHBOARD_LINK_TTL_MS, created);
    expect((await resolvePortalLink(getDb(), long.token, at(29 * 24 * 3600_000))).ok).toBe(true);
    expect(await resolvePortalLink(getDb(), long.token, at(DASHBOARD_LINK_TTL_MS + 1))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('revoke: refused at once, listed as revoked, only within its tenant and organization', async () => {
    const { tenant, organization, link, token } = await orgWithLink();
    const other = await createTenant();
    await expect(revokePortalLink(getDb(), other.id, organization.id, link.id)).rejects.toBeInstanceOf(NotFoundError);
    const otherOrg = await createOrganization(getDb(), tenant.id, { name: 'Other Co', domains: [] });
    await expect(revokePortalLink(getDb(), tenant.id, otherOrg.id, link.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokePortalLink(getDb(), tenant.id, organization.id, 'not-a-uuid')).rejects.toBeInstanceOf(
      NotFoundError,
    );

    await revokePortalLink(getDb(), tenant.id, organization.id, link.id);
    expect(await resolvePortalLink(getDb(), token)).toEqual({ ok: false, reason: 'revoked' });
    await expect(revokePortalLink(getDb(), tenant.id, organization.id, link.id)).rejects.toBeInstanceOf(FormError);
    const listed = await listPortalLinks(getDb(), tenant.id, organization.id);
    expect(listed.map((l) => [l.id, portalLinkStatus(l)])).toEqual([[link.id, 'revoked']]);
    expect(await listPortalLinks(getDb(), other.id, organization.id)).toEqual([]);
    expect(await listPortalLinks(getDb(), tenant.id, otherOrg.id)).toEqual([]);
  });

  it('used: shown as used; the link stays open for the grace period after setup, then is refused', async () => {
    const created = new Date('2026-03-02T10:00:00Z');
    const { tenant, link, token } = await orgWithLink(DASHBOARD_LINK_TTL_MS, created);
    const usedAt = new Date(created.getTime() + 60_000);
    expect(await completePortalLink(getDb(), tenant.id, link.id, usedAt)).toBe(true);
    expect(await completePortalLink(getDb(), tenant.id, link.id, new Date(usedAt.getTime() + 1000))).toBe(false);
    expect(await completePortalLink(getDb(), (await createTenant()).id, link.id, usedAt)).toBe(false);
    const [listed] = await listPortalLinks(getDb(), tenant.id, link.organizationId);
    expect(listed.usedAt).toEqual(usedAt);
    expect(portalLinkStatus(listed, usedAt)).toBe('used');
    expect((await resolvePortalLink(getDb(), token, new Date(usedAt.getTime() + USED_LINK_GRACE_MS - 1000))).ok).toBe(
      true,
    );
    expect(await resolvePortalLink(getDb(), token, new Date(usedAt.getTime() + USED_LINK_GRACE_MS + 1000))).toEqual({
      ok: false,
      reason: 'used',
    });
  });

  it('refuses an organization of another tenant, unknown intents and non-http(s) return URLs', async () => {
    const { organization } = await orgWithLink();
    const other = await createTenant();
    await expect(
      createPortalLink(getDb(), other.id, STAFF, { organizationId: organization.id }, { ttlMs: API_LINK_TTL_MS }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const tenantOfOrg = (
      await getDb()
        .select({ t: portalLinks.tenantId })
        .from(portalLinks)
        .where(eq(portalLinks.organizationId, organization.id))
    )[0].t;
    await expect(
      createPortalLink(
        getDb(),
        tenantOfOrg,
        STAFF,
        { organizationId: organization.id, intent: 'sso' as 'dsync' },
        { ttlMs: 1000 },
      ),
    ).rejects.toBeInstanceOf(FormError);
    for (const url of ['javascript:alert(1)', '/relative', 'ftp://example.com/x', 'data:text/html,hi']) {
      await expect(
        createPortalLink(
          getDb(),
          tenantOfOrg,
          STAFF,
          { organizationId: organization.id, returnUrl: url },
          { ttlMs: 1000 },
        ),
      ).rejects.toBeInstanceOf(FormError);
    }
    const ok = await createPortalLink(
      getDb(),
      tenantOfOrg,
      STAFF,
      {
        organizationId: organization.id,
        returnUrl: 'https://app.example/settings',
        successUrl: 'http://localhost:3000/done',
      },
      { ttlMs: 1000 },
    );
    expect(ok.link).toMatchObject({
      returnUrl: 'https://app.example/settings',
      successUrl: 'http://localhost:3000/done',
    });
  });
});

describe('portal action wrapper (lib/directory-sync/portal-action.ts)', () => {
  const schema = z.object({ token: z.string(), name: z.string().min(1, 'Name is required.') });
  const echo = async (
    input: { name: string },
    ctx: { tenantId: string; organizationId: string; audit: (e: { action: string; target?: string }) => Promise<void> },
  ) => {
    await ctx.audit({ action: 'test.portal_action', target: input.name });
    return { tenantId: ctx.tenantId, organizationId: ctx.organizationId };
  };

  it('token → tenant and organization of the link; audited with the link as actor; zod errors as field errors', async () => {
    const { tenant, organization, link, token } = await orgWithLink();
    const result = await runPortalAction(
      { token, ip: '203.0.113.1', limiters: freshLimiters() },
      { name: 'echo', schema },
      echo,
      { token, name: 'x' },
    );
    expect(result).toEqual({ ok: true, data: { tenantId: tenant.id, organizationId: organization.id } });
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, 'test.portal_action')));
    expect(entry).toMatchObject({
      actorId: null,
      actorEmail: `portal link ${link.id}`,
      target: 'x',
      details: { portalLinkId: link.id },
    });

    const invalid = await runPortalAction(
      { token, ip: null, limiters: freshLimiters() },
      { name: 'echo', schema },
      echo,
      { token, name: '' },
    );
    expect(invalid).toMatchObject({ ok: false, fieldErrors: { name: 'Name is required.' } });
    expect(invalid.values?.token).toBeUndefined();
  });

  it('without a valid link nothing runs: no token (a staff session is not looked at), wrong, expired or revoked', async () => {
    const { tenant, organization, link, token } = await orgWithLink(API_LINK_TTL_MS, new Date('2026-03-03T10:00:00Z'));
    let ran = 0;
    const handler = async () => {
      ran += 1;
      return {};
    };
    const run = (presented: unknown, now?: Date) =>
      runPortalAction(
        { token: presented, ip: null, now, limiters: freshLimiters() },
        { name: 't', schema: z.object({}) },
        handler,
        {},
      );
    expect(await run(undefined, new Date('2026-03-03T10:01:00Z'))).toEqual({ ok: false, formError: LINK_REFUSED });
    expect(await run(`${token.slice(0, -2)}xx`, new Date('2026-03-03T10:01:00Z'))).toEqual({
      ok: false,
      formError: LINK_REFUSED,
    });
    expect(await run(token, new Date('2026-03-03T10:06:00Z'))).toEqual({ ok: false, formError: LINK_REFUSED });
    expect((await run(token, new Date('2026-03-03T10:01:00Z'))).ok).toBe(true);
    await revokePortalLink(getDb(), tenant.id, organization.id, link.id);
    expect(await run(token, new Date('2026-03-03T10:01:00Z'))).toEqual({ ok: false, formError: LINK_REFUSED });
    expect(ran).toBe(1);

    // A staff member without the Directory Sync role gets nothing from holding a link: the real setup-link action
    // is refused on the server.
    const staff = await createStaff(tenant.id, 'hr_professional');
    expect((await actAs(staff, createSetupLinkAction, { organizationId: organization.id, token })).ok).toBe(false);
    expect(ran).toBe(1);
  });

  it('throttles per link and per IP address', async () => {
    const { token } = await orgWithLink();
    const limiters = { perLink: new WindowLimiter(3, 60_000), perIp: new WindowLimiter(5, 60_000) };
    const run = (ip: string) =>
      runPortalAction({ token, ip, limiters }, { name: 't', schema: z.object({}) }, async () => ({}), {});
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push(await run(`198.51.100.${i}`));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results[3].formError).toBe(THROTTLED);
    // Per IP: 5 in the window, whatever the link (two fresh links of 3 each would allow 6).
    const [a, b] = [await orgWithLink(), await orgWithLink()];
    const byIp = [];
    for (const presented of [a.token, a.token, a.token, b.token, b.token, b.token]) {
      byIp.push(
        await runPortalAction(
          { token: presented, ip: '198.51.100.200', limiters },
          { name: 't', schema: z.object({}) },
          async () => ({}),
          {},
        ),
      );
    }
    expect(byIp.map((r) => r.ok)).toEqual([true, true, true, true, true, false]);
    expect(byIp[5].formError).toBe(THROTTLED);
    const limiter = new WindowLimiter(2, 1000);
    expect([limiter.allow('k', 0), limiter.allow('k', 10), limiter.allow('k', 20), limiter.allow('k', 1011)]).toEqual([
      true,
      true,
      false,
      true,
    ]);
  });
});

describe('Admin Portal setup (lib/directory-sync/portal-setup.ts)', () => {
  let hr: FakeHrServer;
  beforeAll(async () => {
    hr = await new FakeHrServer().start();
    hr.people = fakePeople(7);
    hr.departments = [
      { DepartmentCode: 'ENG', DepartmentName: 'Engineering' },
      { DepartmentCode: 'OPS', DepartmentName: 'Operations' },
    ];
  });
  afterAll(async () => {
    await hr?.stop();
  });

  it('wrong secret → reason; right one → Linked, link used; counts after the initial sync; another organization untouched; reset', async () => {
    const { tenant, organization, link } = await orgWithLink();
    const deps = testDeps(recordingSender());
    await expect(connectPortalDirectory(deps, link, { clientId: hr.clientId, clientSecret: 'x' })).rejects.toThrow(
      /not enabled/,
    );
    await setCezanneHrEnabled(getDb(), tenant.id, true, 'test');
    const directory = await createDirectory(getDb(), tenant.id, {
      organizationId: organization.id,
      name: 'Portal HR',
      baseUrl: hr.url,
    });
    const otherOrg = await createOrganization(getDb(), tenant.id, { name: 'Neighbour', domains: [] });
    const neighbour = await createDirectory(getDb(), tenant.id, {
      organizationId: otherOrg.id,
      name: 'Neighbour HR',
      baseUrl: hr.url,
    });

    const wrong = await connectPortalDirectory(deps, link, { clientId: hr.clientId, clientSecret: 'not-the-secret' });
    expect(wrong).toMatchObject({
      state: 'invalid_credentials',
      directoryId: directory.id,
      created: false,
      completed: false,
    });
    expect(wrong.error).toMatch(/client|secret|credential/i);
    expect(portalLinkStatus((await listPortalLinks(getDb(), tenant.id, organization.id))[0])).toBe('active');

    const right = await connectPortalDirectory(deps, link, { clientId: hr.clientId, clientSecret: hr.clientSecret });
    expect(right).toMatchObject({ state: 'linked', directoryId: directory.id, completed: true });
    expect(portalLinkStatus((await listPortalLinks(getDb(), tenant.id, organization.id))[0])).toBe('used');
    await runLastJob(deps, directory.id);
    const status = await portalStatus(getDb(), link);
    expect(status.directory).toMatchObject({ id: directory.id, state: 'linked' });
    expect(status.directory?.lastSyncAt).toBeInstanceOf(Date);
    expect(status.counts).toEqual({ users: { active: expect.any(Number), inactive: expect.any(Number) }, groups: 2 });
    expect(status.counts!.users.active + status.counts!.users.inactive).toBe(7);

    const [untouched] = await getDb().select().from(directories).where(eq(directories.id, neighbour.id));
    expect(untouched).toMatchObject({ state: 'unlinked', clientId: null });

    const reset = await resetPortalDirectory(deps, link);
    expect(reset.deletedId).toBe(directory.id);
    expect(await portalDirectory(getDb(), link)).toMatchObject({
      id: reset.directoryId,
      state: 'unlinked',
      hasClientSecret: false,
      organizationId: organization.id,
    });
    expect((await portalStatus(getDb(), link)).counts).toEqual({ users: { active: 0, inactive: 0 }, groups: 0 });
    expect((await getDb().select().from(directories).where(eq(directories.id, neighbour.id))).length).toBe(1);
  });

  it('creates the Cezanne HR directory when the organization has none', async () => {
    const { tenant, organization, link } = await orgWithLink();
    await setCezanneHrEnabled(getDb(), tenant.id, true, 'test');
    expect(await portalDirectory(getDb(), link)).toBeNull();
    const result = await connectPortalDirectory(
      testDeps(recordingSender(), {
        providerOptions: { timeoutMs: 300, baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 1 },
      }),
      link,
      {
        clientId: 'id',
        clientSecret: 'secret',
      },
    );
    expect(result.created).toBe(true);
    expect(await portalDirectory(getDb(), link)).toMatchObject({
      id: result.directoryId,
      organizationId: organization.id,
      type: 'cezanne hr',
      name: 'Portal Co Cezanne HR',
    });
  });
});
