'use server';
import { defineStaffAction } from '@/lib/actions';
import { deleteIdentityProvider, saveIdentityProvider } from '@/lib/hr/identity-providers';
import { deleteByIdSchema, identityProviderMetadataSchema, identityProviderSchema } from '@/lib/hr/schemas';
import { loadIdpMetadata } from '@/lib/hr/idp-metadata';
import { writeAudit } from '@/lib/audit';

export const saveIdentityProviderAction = defineStaffAction({
  area: 'administration',
  input: identityProviderSchema,
  revalidate: '/admin/identity-providers',
  run: async (input, { db, tenantId, audit }) => {
    const { identityProvider, certificate, previous } = await saveIdentityProvider(db, tenantId, input);
    await audit({
      action: previous ? 'identity_provider.updated' : 'identity_provider.created',
      target: identityProvider.name,
      details: {
        entityId: identityProvider.entityId,
        certificateExpiresAt: certificate.expiresAt.toISOString(),
        fingerprint256: certificate.fingerprint256,
      },
    });
    return { id: identityProvider.id, expiresAt: certificate.expiresAt.toISOString(), created: !previous };
  },
});

export const deleteIdentityProviderAction = defineStaffAction({
  area: 'administration',
  input: deleteByIdSchema,
  revalidate: '/admin/identity-providers',
  run: async (input, { db, tenantId, audit }) => {
    const { identityProvider, mappingsRemoved, usedByScim } = await deleteIdentityProvider(db, tenantId, input.id);
    await audit({
      action: 'identity_provider.deleted',
      target: identityProvider.name,
      details: { mappingsRemoved, usedByScim },
    });
    return { name: identityProvider.name };
  },
});

/**
 * Adds an identity provider from its SAML metadata (XML file or URL). Fetching a URL waits on the network, so no
 * transaction is open then; the save and its audit entry share one afterwards.
 */
export const addIdentityProviderFromMetadataAction = defineStaffAction({
  area: 'administration',
  input: identityProviderMetadataSchema,
  transaction: false,
  revalidate: '/admin/identity-providers',
  run: async (input, { db, tenantId, staff }) => {
    const metadata = await loadIdpMetadata(input);
    return db.transaction(async (tx) => {
      const { identityProvider, certificate } = await saveIdentityProvider(tx, tenantId, {
        identityProviderId: null,
        name: input.name,
        ...metadata,
      });
      await writeAudit(
        tx,
        tenantId,
        { id: staff.id, email: staff.email },
        {
          action: 'identity_provider.created',
          target: identityProvider.name,
          details: {
            entityId: identityProvider.entityId,
            certificateExpiresAt: certificate.expiresAt.toISOString(),
            fingerprint256: certificate.fingerprint256,
            from: input.metadataXml ? 'metadata file' : 'metadata URL',
          },
        },
      );
      return { id: identityProvider.id, entityId: identityProvider.entityId, ssoUrl: identityProvider.ssoUrl };
    });
  },
});
