'use server';
import { defineStaffAction } from '@/lib/actions';
import {
  removeSamlMappingSchema,
  samlMappingSchema,
  setAccountActiveSchema,
  updateSamlMappingSchema,
} from '@/lib/hr/schemas';
import { addSamlMapping, removeSamlMapping, setUserAccountActive, updateSamlMapping } from '@/lib/hr/user-accounts';

export const setAccountActiveAction = defineStaffAction({
  area: 'administration',
  input: setAccountActiveSchema,
  revalidate: (input) => ['/admin/users', `/admin/users/${input.accountId}`],
  run: async (input, { db, tenantId, audit }) => {
    const account = await setUserAccountActive(db, tenantId, input.accountId, input.active);
    await audit({
      action: input.active ? 'user_account.reactivated' : 'user_account.deactivated',
      target: account.userName,
    });
    return { active: account.active };
  },
});

export const addSamlMappingAction = defineStaffAction({
  area: 'administration',
  input: samlMappingSchema,
  revalidate: (input) => [`/admin/users/${input.accountId}`],
  run: async (input, { db, tenantId, audit }) => {
    const { account, identityProvider, mapping } = await addSamlMapping(db, tenantId, input);
    await audit({
      action: 'saml_mapping.added',
      target: account.userName,
      details: { identityProvider: identityProvider.name, userIdentifier: mapping.userIdentifier },
    });
    return { id: mapping.id };
  },
});

export const updateSamlMappingAction = defineStaffAction({
  area: 'administration',
  input: updateSamlMappingSchema,
  revalidate: (input) => [`/admin/users/${input.accountId}`],
  run: async (input, { db, tenantId, audit }) => {
    const { account, identityProvider, mapping, before } = await updateSamlMapping(db, tenantId, input);
    const details: Record<string, unknown> = { identityProvider: identityProvider.name };
    if (before.identityProviderId !== mapping.identityProviderId)
      details.identityProvider = { from: before.identityProviderName, to: identityProvider.name };
    if (before.userIdentifier !== mapping.userIdentifier)
      details.userIdentifier = { from: before.userIdentifier, to: mapping.userIdentifier };
    await audit({ action: 'saml_mapping.updated', target: account.userName, details });
    return { id: mapping.id };
  },
});

export const removeSamlMappingAction = defineStaffAction({
  area: 'administration',
  input: removeSamlMappingSchema,
  revalidate: (input) => [`/admin/users/${input.accountId}`],
  run: async (input, { db, tenantId, audit }) => {
    const { account, mapping } = await removeSamlMapping(db, tenantId, input.accountId, input.mappingId);
    await audit({
      action: 'saml_mapping.removed',
      target: account.userName,
      details: { userIdentifier: mapping.userIdentifier },
    });
    return { id: mapping.id };
  },
});
