'use server';
import { defineStaffAction } from '@/lib/actions';
import { forgetScimAuth, generateScimToken, setScimEnabled, updateScimSettings } from '@/lib/scim/settings';
import { noInputSchema, scimEnabledSchema, scimSettingsSchema } from '@/lib/scim/settings-schema';

const PAGE = '/admin/integrations/scim';

// Each change also drops, after its commit, the SCIM token check's cached settings (see forgetScimAuth).

export const saveScimSettingsAction = defineStaffAction({
  area: 'administration',
  input: scimSettingsSchema,
  revalidate: PAGE,
  afterCommit: forgetScimAuth,
  run: async (input, { db, tenantId, audit }) => {
    const changes = await updateScimSettings(db, tenantId, input);
    if (Object.keys(changes).length > 0)
      await audit({ action: 'scim.settings_updated', target: 'SCIM', details: changes });
    return { changed: Object.keys(changes) };
  },
});

export const setScimEnabledAction = defineStaffAction({
  area: 'administration',
  input: scimEnabledSchema,
  revalidate: PAGE,
  afterCommit: forgetScimAuth,
  run: async (input, { db, tenantId, audit }) => {
    const changed = await setScimEnabled(db, tenantId, input.enabled);
    if (changed) await audit({ action: input.enabled ? 'scim.enabled' : 'scim.disabled', target: 'SCIM' });
    return { enabled: input.enabled };
  },
});

export const generateScimTokenAction = defineStaffAction({
  area: 'administration',
  input: noInputSchema,
  revalidate: PAGE,
  afterCommit: forgetScimAuth,
  run: async (_input, { db, tenantId, staff, audit }) => {
    const result = await generateScimToken(db, tenantId, staff.id);
    await audit({ action: 'scim.token_generated', target: 'SCIM', details: { lastFour: result.lastFour } });
    return { token: result.token, lastFour: result.lastFour, createdAt: result.createdAt.toISOString() };
  },
});
