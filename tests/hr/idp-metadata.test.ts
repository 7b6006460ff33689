import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, identityProviders } from '@/db/schema';
import { fetchIdpMetadata, loadIdpMetadata, METADATA_MAX_BYTES, parseIdpMetadata } from '@/lib/hr/idp-metadata';
import { EgressBlockedError, EgressTimeoutError } from '@/lib/net/egress';
import { FormError } from '@/lib/errors';
import { actAs } from '@/tests/support/action-session';
import { createStaff, createTenant } from '@/tests/support/factories';
import { generateCertificate } from '@/tests/support/hr-factories';
import { addIdentityProviderFromMetadataAction } from '@/app/(dashboard)/admin/identity-providers/actions';

vi.mock('@/lib/auth/session', () => import('@/tests/support/action-session'));
vi.mock('next/cache', () => import('@/tests/support/action-session'));

const pem = generateCertificate(300, 'Okta Metadata');
const base64 = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');

/** Metadata as Okta serves it: md: and ds: prefixes, the certificate wrapped over lines. */
const oktaMetadata = (entityId = 'http://www.okta.com/exk1abc') => `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data><ds:X509Certificate>${base64.match(/.{1,76}/g)!.join('\n')}</ds:X509Certificate></ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://corp.okta.com/app/x/sso/saml"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://corp.okta.com/app/x/sso/saml?redirect"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

describe('identity provider metadata', () => {
  it('reads entity ID, SSO URL (HTTP-Redirect first) and signing certificate, namespace prefixes or not', () => {
    const parsed = parseIdpMetadata(oktaMetadata());
    expect(parsed.entityId).toBe('http://www.okta.com/exk1abc');
    expect(parsed.ssoUrl).toBe('https://corp.okta.com/app/x/sso/saml?redirect');
    expect(parsed.certificate.replace(/\s+/g, '')).toBe(pem.replace(/\s+/g, ''));

    const bundle = `<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">
      <EntityDescriptor entityID="https://sp.test"><SPSSODescriptor/></EntityDescriptor>
      ${oktaMetadata('https://sts.windows.net/tenant/')
        .replace(/md:/g, '')
        .replace(/<\?xml[^>]*>/, '')}
    </EntitiesDescriptor>`;
    expect(parseIdpMetadata(bundle).entityId).toBe('https://sts.windows.net/tenant/');
  });

  it.each([
    ['not xml <<<', 'This is not well-formed XML.'],
    ['<!DOCTYPE x [<!ENTITY a "b">]><EntityDescriptor entityID="e"/>', 'Metadata with a DOCTYPE is not accepted.'],
    ['<EntityDescriptor entityID="e"><SPSSODescriptor/></EntityDescriptor>', /no identity provider/],
    [oktaMetadata().replace(/<md:SingleSignOnService[^>]*>/g, ''), /no SingleSignOnService/],
    [oktaMetadata().replace(/<ds:X509Certificate>[^<]*/, '<ds:X509Certificate>'), /no signing certificate/],
    [oktaMetadata().replace(/<ds:X509Certificate>[^<]*/, '<ds:X509Certificate>QUJD'), /The signing certificate:/],
    [oktaMetadata().replace(/Location="https:\/\/corp[^"]*redirect"/, 'Location="javascript:alert(1)"'), /not an http/],
    [`<x>${'a'.repeat(METADATA_MAX_BYTES)}</x>`, /larger than/],
  ])('refuses bad metadata with a precise message (%#)', (xml, message) => {
    expect(() => parseIdpMetadata(xml)).toThrow(message);
  });

  it('fetches a URL through the egress guard, within limits; failures become field messages', async () => {
    const answer =
      (status: number, body = '') =>
      async () => ({ status, headers: {}, body: Buffer.from(body) });
    await expect(fetchIdpMetadata('https://idp.test/m', answer(200, oktaMetadata()))).resolves.toMatchObject({
      entityId: 'http://www.okta.com/exk1abc',
    });
    await expect(fetchIdpMetadata('https://idp.test/m', answer(302))).rejects.toThrow(/redirects/);
    await expect(fetchIdpMetadata('https://idp.test/m', answer(404))).rejects.toThrow('answered HTTP 404');
    const fail = (error: Error) => async () => Promise.reject(error);
    await expect(fetchIdpMetadata('https://idp.test/m', fail(new EgressTimeoutError(10)))).rejects.toThrow(
      'did not answer in time',
    );
    await expect(fetchIdpMetadata('https://idp.test/m', fail(new EgressBlockedError('x')))).rejects.toThrow(
      'This URL cannot be used',
    );
    // The real guard: cloud metadata addresses are never fetched.
    const blocked = loadIdpMetadata({ metadataXml: null, metadataUrl: 'http://169.254.169.254/latest/meta-data' });
    await expect(blocked).rejects.toBeInstanceOf(FormError);
    await expect(blocked).rejects.toMatchObject({
      fieldErrors: { metadataUrl: expect.stringMatching(/cannot be used/) },
    });
  });

  describe('from a real local server (private egress allowed by the operator)', () => {
    let server: http.Server;
    let url = '';
    beforeAll(async () => {
      server = http.createServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/xml' }).end(oktaMetadata()),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metadata`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('loopback is refused by default and fetched when ROSTER_EGRESS_ALLOW_PRIVATE is on', async () => {
      await expect(loadIdpMetadata({ metadataXml: null, metadataUrl: url })).rejects.toThrow(/cannot be used/);
      vi.stubEnv('ROSTER_EGRESS_ALLOW_PRIVATE', '1');
      try {
        await expect(loadIdpMetadata({ metadataXml: null, metadataUrl: url })).resolves.toMatchObject({
          ssoUrl: 'https://corp.okta.com/app/x/sso/saml?redirect',
        });
      } finally {
        vi.unstubAllEnvs();
      }
    });
  });

  it('the action adds the provider from a metadata file, audited; without metadata it asks for it', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const it = await createStaff(tenant.id, 'it_admin');
    expect((await actAs(it, addIdentityProviderFromMetadataAction, { name: 'Okta' })).formError).toBe(
      'You do not have permission to do this.',
    );
    expect((await actAs(hr, addIdentityProviderFromMetadataAction, { name: 'Okta' })).fieldErrors).toEqual({
      metadataXml: 'Choose a metadata file, paste its XML or enter its URL.',
    });
    expect(
      (await actAs(hr, addIdentityProviderFromMetadataAction, { name: 'Okta', metadataUrl: 'ftp://x' })).fieldErrors,
    ).toEqual({ metadataUrl: 'Enter an http or https URL.' });
    const bad = await actAs(hr, addIdentityProviderFromMetadataAction, { name: 'Okta', metadataXml: '<nope' });
    expect(bad.fieldErrors).toEqual({ metadataXml: 'This is not well-formed XML.' });

    const saved = await actAs(hr, addIdentityProviderFromMetadataAction, { name: 'Okta', metadataXml: oktaMetadata() });
    expect(saved).toMatchObject({ ok: true, data: { entityId: 'http://www.okta.com/exk1abc' } });
    const [row] = await getDb()
      .select()
      .from(identityProviders)
      .where(and(eq(identityProviders.tenantId, tenant.id), eq(identityProviders.name, 'Okta')));
    expect(row.ssoUrl).toBe('https://corp.okta.com/app/x/sso/saml?redirect');
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id));
    expect(entry).toMatchObject({ action: 'identity_provider.created', target: 'Okta' });
    // The name stays unique.
    const again = await actAs(hr, addIdentityProviderFromMetadataAction, { name: 'okta', metadataXml: oktaMetadata() });
    expect(again.fieldErrors?.name).toBeDefined();
  });
});
