import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { scimSettings } from '@/db/schema';
import { createTenant } from '@/tests/support/factories';
import { generateCertificate } from '@/tests/support/hr-factories';
import { daysUntil } from './certificate';
import { defaultMappingProviderId, saveIdentityProvider } from './identity-providers';

const provider = (name: string, certificate: string) => ({
  identityProviderId: null,
  name,
  entityId: `http://www.okta.com/${name}`,
  ssoUrl: `https://corp.okta.com/app/${name}/sso/saml`,
  certificate,
});

describe('certificate expiry in calendar days', () => {
  it('counts an expiry tomorrow as 1 even with fewer than 24 hours left, later today as 0, a past one as -1', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    expect(daysUntil(new Date('2026-12-03T09:00:00Z'), now)).toBe(1);
    expect(daysUntil(new Date('2026-12-02T23:00:00Z'), now)).toBe(0);
    expect(daysUntil(new Date('2026-12-02T11:59:59Z'), now)).toBe(-1);
    expect(daysUntil(new Date('2026-12-12T00:00:00Z'), now)).toBe(10);
  });
});

describe('the identity provider a new SAML mapping starts with', () => {
  it('is none without providers, the longest-valid one (not the first by name), then the one SCIM settings use', async () => {
    const db = getDb();
    const tenant = await createTenant();
    expect(await defaultMappingProviderId(db, tenant.id)).toBeNull();

    const expiring = await saveIdentityProvider(db, tenant.id, provider('Azure', generateCertificate(2, 'Azure')));
    const valid = await saveIdentityProvider(db, tenant.id, provider('Okta', generateCertificate(400, 'Okta')));
    expect(await defaultMappingProviderId(db, tenant.id)).toBe(valid.identityProvider.id);

    await db
      .update(scimSettings)
      .set({ identityProviderId: expiring.identityProvider.id })
      .where(eq(scimSettings.tenantId, tenant.id));
    expect(await defaultMappingProviderId(db, tenant.id)).toBe(expiring.identityProvider.id);
  });
});
