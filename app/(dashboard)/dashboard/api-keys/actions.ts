'use server';
import { defineStaffAction } from '@/lib/actions';
import { apiKeyIdSchema, createApiKey, maskedKey, newApiKeySchema, revokeApiKey } from '@/lib/api-keys/keys';

// API keys of the WorkOS-compatible API (owner and it_admin). The secret is returned once; only its hash is kept.

export const createApiKeyAction = defineStaffAction({
  area: 'directorySync',
  input: newApiKeySchema,
  revalidate: '/dashboard/api-keys',
  run: async (input, ctx) => {
    const { apiKey, secret } = await createApiKey(
      ctx.db,
      ctx.tenantId,
      { id: ctx.staff.id, name: ctx.staff.name },
      input,
    );
    await ctx.audit({ action: 'api_key.created', target: apiKey.name, details: { key: maskedKey(apiKey) } });
    return { name: apiKey.name, secret };
  },
});

export const revokeApiKeyAction = defineStaffAction({
  area: 'directorySync',
  input: apiKeyIdSchema,
  revalidate: '/dashboard/api-keys',
  run: async (input, ctx) => {
    const apiKey = await revokeApiKey(ctx.db, ctx.tenantId, input.apiKeyId);
    await ctx.audit({ action: 'api_key.revoked', target: apiKey.name, details: { key: maskedKey(apiKey) } });
    return { name: apiKey.name };
  },
});
