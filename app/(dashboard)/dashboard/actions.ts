'use server';
import { z } from 'zod';
import { defineStaffAction } from '@/lib/actions';
import {
  approveHeldRun,
  createDirectory,
  createOrganization,
  deleteDirectory,
  discardHeldRun,
  requestSyncNow,
  requireDirectory,
  updateDirectoryCredentials,
} from '@/lib/directory-sync';
import { directoryCredentials } from '@/lib/directory-sync/directories';
import { renameDirectory, setDirectoryBaseUrl } from '@/lib/directory-sync/directory-settings';
import { assertDirectoryTypeEnabled } from '@/lib/directory-sync/integrations';
import { FormError } from '@/lib/errors';
import { syncDeps } from './sync-deps';

// The Directory Sync dashboard's actions: area `directorySync` (owner and it_admin). Those that call the HR API run
// outside a transaction (`transaction: false`): none may stay open while waiting on HTTP.

const directoryId = z.string().min(1).max(100);
const domainsText = z
  .string()
  .optional()
  .transform((text) => (text ?? '').split(/[\s,]+/).filter(Boolean));
const directoryPages = (input: { directoryId: string }) => [`/dashboard/directories/${input.directoryId}`];

export const createOrganizationAction = defineStaffAction({
  area: 'directorySync',
  input: z.object({ name: z.string(), domains: domainsText }),
  revalidate: '/dashboard/organizations',
  run: async (input, ctx) => {
    const organization = await createOrganization(ctx.db, ctx.tenantId, input);
    await ctx.audit({
      action: 'directory_sync.organization_created',
      target: organization.id,
      details: { name: organization.name },
    });
    return { id: organization.id, name: organization.name };
  },
});

export const createDirectoryAction = defineStaffAction({
  area: 'directorySync',
  input: z.object({ organizationId: z.string().max(100), name: z.string(), type: z.string().optional() }),
  revalidate: (input) => [`/dashboard/organizations/${input.organizationId}`],
  run: async (input, ctx) => {
    await assertDirectoryTypeEnabled(ctx.db, ctx.tenantId, input.type);
    const directory = await createDirectory(ctx.db, ctx.tenantId, {
      organizationId: input.organizationId,
      name: input.name,
      type: input.type as 'cezanne hr' | undefined,
    });
    await ctx.audit({
      action: 'directory_sync.directory_created',
      target: directory.id,
      details: { name: directory.name, type: directory.type },
    });
    return { id: directory.id };
  },
});

export const updateDirectoryAction = defineStaffAction({
  area: 'directorySync',
  transaction: false,
  input: z.object({
    directoryId,
    clientId: z.string(),
    clientSecret: z.string().optional(),
    baseUrl: z.string().optional(),
  }),
  revalidate: directoryPages,
  run: async (input, ctx) => {
    const directory = await requireDirectory(ctx.db, ctx.tenantId, input.directoryId);
    // A blank secret keeps the stored one (the page never has it: only its last four characters).
    const stored = input.clientSecret?.trim() ? null : await directoryCredentials(ctx.db, ctx.tenantId, directory.id);
    const clientSecret = input.clientSecret?.trim() ? input.clientSecret : stored?.clientSecret;
    if (!clientSecret) throw new FormError('Enter the Client Secret.', { clientSecret: 'Client Secret is required.' });
    if (input.baseUrl?.trim()) await setDirectoryBaseUrl(ctx.db, ctx.tenantId, directory.id, input.baseUrl);
    const result = await updateDirectoryCredentials(
      { ...syncDeps(), db: ctx.db as never },
      ctx.tenantId,
      directory.id,
      {
        clientId: input.clientId,
        clientSecret,
      },
    );
    await ctx.audit({
      action: 'directory_sync.credentials_updated',
      target: directory.id,
      details: { state: result.state, ...(result.error ? { error: result.error } : {}) },
    });
    return result;
  },
});

export const syncNowAction = defineStaffAction({
  area: 'directorySync',
  transaction: false,
  input: z.object({ directoryId }),
  revalidate: directoryPages,
  run: async (input, ctx) => {
    const run = await requestSyncNow(
      { ...syncDeps(), db: ctx.db as never },
      ctx.tenantId,
      input.directoryId,
      ctx.staff.email,
    );
    await ctx.audit({ action: 'directory_sync.sync_requested', target: input.directoryId });
    return { runId: run.id };
  },
});

const heldRunInput = z.object({ directoryId, runId: z.uuid() });

export const approveHeldRunAction = defineStaffAction({
  area: 'directorySync',
  transaction: false,
  input: heldRunInput,
  revalidate: directoryPages,
  run: async (input, ctx) => {
    await approveHeldRun({ ...syncDeps(), db: ctx.db as never }, ctx.tenantId, input.runId, ctx.staff.email);
    await ctx.audit({
      action: 'directory_sync.held_run_approved',
      target: input.directoryId,
      details: { runId: input.runId },
    });
    return {};
  },
});

export const discardHeldRunAction = defineStaffAction({
  area: 'directorySync',
  transaction: false,
  input: heldRunInput,
  revalidate: directoryPages,
  run: async (input, ctx) => {
    await discardHeldRun({ ...syncDeps(), db: ctx.db as never }, ctx.tenantId, input.runId, ctx.staff.email);
    await ctx.audit({
      action: 'directory_sync.held_run_discarded',
      target: input.directoryId,
      details: { runId: input.runId },
    });
    return {};
  },
});

export const renameDirectoryAction = defineStaffAction({
  area: 'directorySync',
  input: z.object({ directoryId, name: z.string() }),
  revalidate: directoryPages,
  run: async (input, ctx) => {
    const before = await requireDirectory(ctx.db, ctx.tenantId, input.directoryId);
    const directory = await renameDirectory(ctx.db, ctx.tenantId, input.directoryId, input.name);
    if (before.name !== directory.name) {
      await ctx.audit({
        action: 'directory_sync.directory_renamed',
        target: directory.id,
        details: { from: before.name, to: directory.name },
      });
    }
    return { name: directory.name };
  },
});

export const deleteDirectoryAction = defineStaffAction({
  area: 'directorySync',
  transaction: false,
  input: z.object({ directoryId, confirmation: z.string() }),
  // No revalidation: the page then navigates to the organization, and re-rendering the deleted directory would 404.
  run: async (input, ctx) => {
    const directory = await requireDirectory(ctx.db, ctx.tenantId, input.directoryId);
    if (input.confirmation.trim() !== directory.name) {
      throw new FormError('Type the directory name to confirm.', {
        confirmation: `Type “${directory.name}” to confirm.`,
      });
    }
    await deleteDirectory({ ...syncDeps(), db: ctx.db as never }, ctx.tenantId, directory.id);
    await ctx.audit({
      action: 'directory_sync.directory_deleted',
      target: directory.id,
      details: { name: directory.name },
    });
    return { organizationId: directory.organizationId };
  },
});
