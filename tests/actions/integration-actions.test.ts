import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';
import { createApplication, listApplications } from '@/lib/hr-api/applications';
import { getScimSettings } from '@/lib/scim/settings';
import { actAs } from '@/tests/support/action-session';
import { createStaff, createTenant } from '@/tests/support/factories';
import { createIdentityProvider } from '@/tests/support/scim-factories';
import { createApplicationAction } from '@/app/(dashboard)/admin/security/authorised-applications/actions';
import {
  generateScimTokenAction,
  saveScimSettingsAction,
  setScimEnabledAction,
} from '@/app/(dashboard)/admin/integrations/scim/actions';

// The integration pages' real server actions, run as a given staff member (see tests/support/action-session.ts).
vi.mock('@/lib/auth/session', () => import('@/tests/support/action-session'));
vi.mock('next/cache', () => import('@/tests/support/action-session'));

describe('authorised application actions', () => {
  it('form validation: a name is required, at least one scope, names unique per tenant (case-insensitive)', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const empty = await actAs(hr, createApplicationAction, {
      name: ' ',
      readAccess: 'false',
    });
    expect(empty.fieldErrors).toEqual({
      name: 'Enter a name.',
      scopes: 'Choose API read access, API write access or both.',
    });
    const noScope = await actAs(hr, createApplicationAction, { name: 'X' });
    expect(noScope.fieldErrors).toEqual({ scopes: 'Choose API read access, API write access or both.' });

    const form = new FormData();
    form.set('name', 'Payroll');
    form.set('readAccess', 'on');
    form.set('writeAccess', 'on');
    const created = await actAs(hr, createApplicationAction, form);
    expect(created.ok).toBe(true);
    expect((await listApplications(getDb(), tenant.id)).map((app) => app.scopes)).toEqual([['api_read', 'api_write']]);
    expect(created.data?.clientSecret).toEqual(expect.any(String));
    const duplicate = await actAs(hr, createApplicationAction, {
      name: 'PAYROLL',
      readAccess: 'on',
    });
    expect(duplicate.fieldErrors).toEqual({ name: 'An application with this name already exists.' });
    // Another tenant may use the same name.
    const other = await createTenant();
    await expect(
      createApplication(getDb(), other.id, null, { name: 'Payroll', description: null, scopes: ['api_read'] }),
    ).resolves.toBeTruthy();
  });

  it('role check on the server: an IT admin cannot create an application', async () => {
    const tenant = await createTenant();
    const it = await createStaff(tenant.id, 'it_admin');
    const result = await actAs(it, createApplicationAction, {
      name: 'Sneaky',
      readAccess: 'on',
    });
    expect(result).toEqual({ ok: false, formError: 'You do not have permission to do this.' });
    expect(await listApplications(getDb(), tenant.id)).toHaveLength(0);
  });
});

describe('SCIM settings actions', () => {
  it('an it_admin cannot call any SCIM settings action (refused on the server, nothing changes)', async () => {
    const tenant = await createTenant();
    const itAdmin = await createStaff(tenant.id, 'it_admin');
    const before = await getScimSettings(getDb(), tenant.id);
    const results = [
      await actAs(itAdmin, setScimEnabledAction, { enabled: 'on' }),
      await actAs(itAdmin, generateScimTokenAction, {}),
      await actAs(itAdmin, saveScimSettingsAction, { matchMethod: 'person_code' }),
    ];
    for (const result of results)
      expect(result).toEqual({ ok: false, formError: 'You do not have permission to do this.' });
    expect(await getScimSettings(getDb(), tenant.id)).toEqual(before);
    expect(await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id))).toHaveLength(0);
  });

  it('SAML mappings switched on without an identity provider: a field message and nothing saved', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const form = new FormData();
    form.set('matchMethod', 'person_code');
    form.set('createSamlMappings', 'on');
    form.set('identityProviderId', '');
    const result = await actAs(hr, saveScimSettingsAction, form);
    expect(result.ok).toBe(false);
    expect(result.fieldErrors).toEqual({
      identityProviderId: 'Select the Identity Provider that corresponds to your Okta identity provider.',
    });
    const settings = await getScimSettings(getDb(), tenant.id);
    expect(settings).toMatchObject({ matchMethod: 'internal_email', createSamlMappings: false });
  });

  it('saves match method and SAML options, with an audit entry for every change and every token generation', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const idp = await createIdentityProvider(tenant.id, 'Okta');
    expect((await actAs(hr, setScimEnabledAction, { enabled: 'on' })).ok).toBe(true);
    const generated = await actAs(hr, generateScimTokenAction, {});
    expect(generated.ok).toBe(true);
    const saved = await actAs(hr, saveScimSettingsAction, {
      matchMethod: 'employment_id',
      createSamlMappings: 'on',
      identityProviderId: idp.id,
      userIdentifier: 'scim_username',
    });
    expect(saved).toMatchObject({ ok: true });
    expect(await getScimSettings(getDb(), tenant.id)).toMatchObject({
      enabled: true,
      matchMethod: 'employment_id',
      createSamlMappings: true,
      identityProviderId: idp.id,
      token: { lastFour: (generated.data as { lastFour: string }).lastFour },
    });
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'scim.enabled',
      'scim.settings_updated',
      'scim.token_generated',
    ]);
    const tokenAudit = audit.find((a) => a.action === 'scim.token_generated')!;
    expect(JSON.stringify(tokenAudit)).not.toContain((generated.data as { token: string }).token);
  });

  it('a save never changes what it was not asked to: SAML off keeps the identity provider; an unchanged save writes nothing', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const idp = await createIdentityProvider(tenant.id, 'Okta');
    const on = {
      matchMethod: 'person_code',
      createSamlMappings: 'on',
      identityProviderId: idp.id,
      userIdentifier: 'scim_username',
    };
    expect(await actAs(hr, saveScimSettingsAction, on)).toMatchObject({ ok: true });
    const stored = await getScimSettings(getDb(), tenant.id);

    // Saving the same values again (what the form sends after a reload) changes nothing and writes no audit entry.
    expect(await actAs(hr, saveScimSettingsAction, on)).toMatchObject({ ok: true, data: { changed: [] } });
    expect(await getScimSettings(getDb(), tenant.id)).toEqual(stored);

    // Turning SAML mappings off (the form sends no identity provider then) keeps the chosen provider for later.
    const off = await actAs(hr, saveScimSettingsAction, {
      matchMethod: 'person_code',
      userIdentifier: 'scim_username',
    });
    expect(off).toMatchObject({ ok: true, data: { changed: ['createSamlMappings'] } });
    expect(await getScimSettings(getDb(), tenant.id)).toMatchObject({
      createSamlMappings: false,
      identityProviderId: idp.id,
      matchMethod: 'person_code',
    });
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id));
    expect(audit.filter((a) => a.action === 'scim.settings_updated')).toHaveLength(2);
  });

  it("settings of tenant A never show or change tenant B: another tenant's identity provider is refused", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const hrA = await createStaff(a.id, 'hr_professional');
    const idpB = await createIdentityProvider(b.id, 'Tenant B IdP');
    const result = await actAs(hrA, saveScimSettingsAction, {
      matchMethod: 'external_email',
      createSamlMappings: 'on',
      identityProviderId: idpB.id,
    });
    expect(result.fieldErrors).toEqual({ identityProviderId: 'Select an identity provider from the list.' });
    expect(await actAs(hrA, saveScimSettingsAction, { matchMethod: 'external_email' })).toMatchObject({ ok: true });
    expect(await actAs(hrA, generateScimTokenAction, {})).toMatchObject({ ok: true });
    expect((await getScimSettings(getDb(), a.id)).matchMethod).toBe('external_email');
    const untouched = await getScimSettings(getDb(), b.id);
    expect(untouched).toMatchObject({ matchMethod: 'internal_email', token: null, enabled: false });
  });
});
