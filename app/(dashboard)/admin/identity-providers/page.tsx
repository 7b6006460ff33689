import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { daysUntil, parseCertificate } from '@/lib/hr/certificate';
import { listIdentityProviders } from '@/lib/hr/identity-providers';
import { PageHeader } from '@/components/ui/layout';
import { IdentityProvidersManager } from '@/components/hr/identity-providers-manager';
import { IdpMetadataButton } from '@/components/hr/idp-metadata-form';

export const metadata = { title: 'Identity Providers' };

export default async function IdentityProvidersPage() {
  const staff = await requirePageAccess('administration');
  const list = await listIdentityProviders(getDb(), staff.tenantId);
  const providers = list.map((p) => {
    const certificate = parseCertificate(p.certificatePem);
    return {
      id: p.id,
      name: p.name,
      entityId: p.entityId,
      ssoUrl: p.ssoUrl,
      certificatePem: p.certificatePem,
      certificateExpiresAt: p.certificateExpiresAt.toISOString(),
      subject: certificate.subject,
      fingerprint256: certificate.fingerprint256,
      daysLeft: daysUntil(p.certificateExpiresAt),
      mappingCount: p.mappingCount,
    };
  });
  return (
    <>
      <PageHeader
        title="Identity Providers"
        description="SAML identity providers. SCIM provisioning can create a SAML SSO mapping (IdP + user identifier) for each new user account."
        actions={<IdpMetadataButton />}
      />
      <IdentityProvidersManager providers={providers} />
    </>
  );
}
