// The SCIM settings page's server actions, as (spec, handler) pairs: `app/…/scim/actions.ts` wraps them with
// `staffAction`, and tests run them through `runStaffAction` to prove the role check.
import type { ActionContext } from '@/lib/actions';
import { generateScimToken, setScimEnabled, updateScimSettings } from './settings';
import { noInputSchema, scimEnabledSchema, scimSettingsSchema, type ScimSettingsInput } from './settings-schema';
import type { z } from 'zod';

export const saveScimSettingsSpec = { area: 'administration' as const, schema: scimSettingsSchema };
export async function saveScimSettings(input: ScimSettingsInput, ctx: ActionContext) {
  const changes = await updateScimSettings(ctx.db, ctx.tenantId, input);
  if (Object.keys(changes).length > 0) await ctx.audit({ action: 'scim.settings_updated', target: 'SCIM', details: changes });
  return { changed: Object.keys(changes) };
}

export const setScimEnabledSpec = { area: 'administration' as const, schema: scimEnabledSchema };
export async function switchScim(input: z.infer<typeof scimEnabledSchema>, ctx: ActionContext) {
  const changed = await setScimEnabled(ctx.db, ctx.tenantId, input.enabled);
  if (changed) await ctx.audit({ action: input.enabled ? 'scim.enabled' : 'scim.disabled', target: 'SCIM' });
  return { enabled: input.enabled };
}

export const generateScimTokenSpec = { area: 'administration' as const, schema: noInputSchema };
export async function generateToken(_input: unknown, ctx: ActionContext) {
  const result = await generateScimToken(ctx.db, ctx.tenantId, ctx.staff.id);
  await ctx.audit({ action: 'scim.token_generated', target: 'SCIM', details: { lastFour: result.lastFour } });
  return { token: result.token, lastFour: result.lastFour, createdAt: result.createdAt.toISOString() };
}
