import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { samlMappings, scimSettings } from '@/db/schema';
import { createTenant } from '@/tests/support/factories';
import { generateCertificate, insertPerson, insertUserAccount } from '@/tests/support/hr-factories';
import { CertificateError, daysUntil, parseCertificate } from './certificate';
import { deleteIdentityProvider, listIdentityProviders, saveIdentityProvider } from './identity-providers';
import { addSamlMapping } from './user-accounts';

const certificate = generateCertificate(400, 'Okta Test');

function idp(overrides: Partial<Record<string, string | null>> = {}) {
  return {
    identityProviderId: null,
    name: 'Okta',
    entityId: 'http://www.okta.com/exk1',
    ssoUrl: 'https://corp.okta.com/app/sso/saml',
    certificate,
    ...overrides,
  } as {
    identityProviderId: string | null;
    name: string;
    entityId: string;
    ssoUrl: string;
    certificate: string;
  };
}

describe('X.509 certificate validation', () => {
  it('reads a PEM certificate made by openssl: expiry, subject, fingerprint', () => {
    const parsed = parseCertificate(certificate);
    expect(parsed.subject).toContain('CN=Okta Test');
    expect(daysUntil(parsed.expiresAt)).toBeGreaterThanOrEqual(398);
    expect(daysUntil(parsed.expiresAt)).toBeLessThanOrEqual(400);
    expect(parsed.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('accepts the bare base64 body that IdP metadata shows, with any line breaks', () => {
    const body = certificate.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\n/g, '');
    expect(parseCertificate(body.replace(/(.{50})/g, '$1\n')).expiresAt).toEqual(
      parseCertificate(certificate).expiresAt,
    );
  });

  it('refuses text, a truncated certificate and a private key with clear messages', () => {
    expect(() => parseCertificate('hello')).toThrow(
      'This is not a PEM X.509 certificate. Paste the text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.',
    );
    const truncated = certificate.replace(/\n[A-Za-z0-9+/=]+\n-----END/, '\n-----END');
    expect(() => parseCertificate(truncated)).toThrow(/^The certificate could not be read/);
    expect(() => parseCertificate('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----')).toThrow(
      CertificateError,
    );
    expect(() => parseCertificate('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----')).toThrow(
      /private key/,
    );
  });
});

describe('identity providers', () => {
  it('saves an IdP with its certificate expiry; a bad certificate is a field error and nothing is saved', async () => {
    const tenant = await createTenant();
    const bad = await saveIdentityProvider(getDb(), tenant.id, idp({ certificate: 'not a certificate' })).catch(
      (e) => e,
    );
    expect(bad.fieldErrors).toEqual({ certificate: expect.stringMatching(/^This is not a PEM X.509 certificate/) });
    expect(await listIdentityProviders(getDb(), tenant.id)).toHaveLength(0);
    const { identityProvider } = await saveIdentityProvider(getDb(), tenant.id, idp());
    expect(identityProvider.certificateExpiresAt).toEqual(parseCertificate(certificate).expiresAt);
    expect(identityProvider.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  });

  it('names are unique per tenant ignoring case', async () => {
    const tenant = await createTenant();
    await saveIdentityProvider(getDb(), tenant.id, idp());
    const dup = await saveIdentityProvider(getDb(), tenant.id, idp({ name: 'OKTA' })).catch((e) => e);
    expect(dup.fieldErrors).toEqual({ name: 'Another identity provider already has this name.' });
  });

  it('deleting an IdP removes its SAML mappings and clears it from the SCIM settings', async () => {
    const tenant = await createTenant();
    const { identityProvider } = await saveIdentityProvider(getDb(), tenant.id, idp());
    const person = await insertPerson(tenant.id);
    const account = await insertUserAccount(tenant.id, person.id);
    await addSamlMapping(getDb(), tenant.id, {
      accountId: account.id,
      identityProviderId: identityProvider.id,
      userIdentifier: account.userName,
    });
    await getDb()
      .update(scimSettings)
      .set({ identityProviderId: identityProvider.id })
      .where(eq(scimSettings.tenantId, tenant.id));
    const result = await deleteIdentityProvider(getDb(), tenant.id, identityProvider.id);
    expect(result).toMatchObject({ mappingsRemoved: 1, usedByScim: true });
    expect(await getDb().select().from(samlMappings).where(eq(samlMappings.tenantId, tenant.id))).toHaveLength(0);
    const [settings] = await getDb().select().from(scimSettings).where(eq(scimSettings.tenantId, tenant.id));
    expect(settings.identityProviderId).toBeNull();
  });

  it('tenant isolation: another tenant’s IdP cannot be edited or deleted', async () => {
    const [mine, theirs] = [await createTenant(), await createTenant()];
    const { identityProvider } = await saveIdentityProvider(getDb(), theirs.id, idp());
    await expect(
      saveIdentityProvider(getDb(), mine.id, idp({ identityProviderId: identityProvider.id })),
    ).rejects.toThrow('This identity provider does not exist.');
    await expect(deleteIdentityProvider(getDb(), mine.id, identityProvider.id)).rejects.toThrow(
      'This identity provider does not exist.',
    );
  });
});
