'use server';
import { defineStaffAction } from '@/lib/actions';
import { deleteIdentityProvider, saveIdentityProvider } from '@/lib/hr/identity-providers';
import { deleteByIdSchema, identityProviderSchema } from '@/lib/hr/schemas';

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
