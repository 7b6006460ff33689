'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/actions';
import { apiKeyIdSchema, createApiKey, maskedKey, newApiKeySchema, revokeApiKey } from '@/lib/api-keys/keys';

const PAGE = '/dashboard/api-keys';

export const createApiKeyAction = staffAction({ area: 'directorySync', schema: newApiKeySchema }, async (input, ctx) => {
  const { apiKey, secret } = await createApiKey(ctx.db, ctx.tenantId, { id: ctx.staff.id, name: ctx.staff.name }, input);
  await ctx.audit({ action: 'api_key.created', target: apiKey.name, details: { key: maskedKey(apiKey) } });
  revalidatePath(PAGE);
  return { name: apiKey.name, secret };
});

export const revokeApiKeyAction = staffAction({ area: 'directorySync', schema: apiKeyIdSchema }, async (input, ctx) => {
  const apiKey = await revokeApiKey(ctx.db, ctx.tenantId, input.apiKeyId);
  await ctx.audit({ action: 'api_key.revoked', target: apiKey.name, details: { key: maskedKey(apiKey) } });
  revalidatePath(PAGE);
  return { name: apiKey.name };
});
