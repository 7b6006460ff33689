'use server';
import { z } from 'zod';
import { syncDeps } from '@/app/(dashboard)/dashboard/sync-deps';
import { definePortalAction } from '@/lib/directory-sync/portal-action';
import { connectPortalDirectory, resetPortalDirectory } from '@/lib/directory-sync/portal-setup';

// Admin Portal actions: authenticated by the setup link's token only (definePortalAction); the organization is the
// link's, never one named by the request.

const token = z.string().max(200);

export const connectDirectoryAction = definePortalAction(
  {
    name: 'connect_directory',
    schema: z.object({ token, clientId: z.string().max(500), clientSecret: z.string().max(2000) }),
  },
  async (input, ctx) => {
    const result = await connectPortalDirectory({ ...syncDeps(), db: ctx.db }, ctx.link, {
      clientId: input.clientId,
      clientSecret: input.clientSecret,
    });
    if (result.created)
      await ctx.audit({
        action: 'directory_sync.directory_created',
        target: result.directoryId,
        details: { type: 'cezanne hr' },
      });
    await ctx.audit({
      action: 'directory_sync.credentials_updated',
      target: result.directoryId,
      details: { state: result.state, ...(result.error ? { error: result.error } : {}) },
    });
    if (result.completed)
      await ctx.audit({
        action: 'portal_link.completed',
        target: ctx.link.id,
        details: { directoryId: result.directoryId },
      });
    return { state: result.state, error: result.error };
  },
);

export const resetDirectoryAction = definePortalAction(
  { name: 'reset_directory', schema: z.object({ token }) },
  async (_input, ctx) => {
    const result = await resetPortalDirectory({ ...syncDeps(), db: ctx.db }, ctx.link);
    if (result.deletedId) await ctx.audit({ action: 'directory_sync.directory_deleted', target: result.deletedId });
    await ctx.audit({
      action: 'directory_sync.directory_created',
      target: result.directoryId,
      details: { type: 'cezanne hr', reset: true },
    });
    return { directoryId: result.directoryId };
  },
);
