'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction } from '@/lib/actions';
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
import { renameDirectory, setDirectoryBaseUrl } from '@/lib/directory-sync/directory-settings';
import { assertDirectoryTypeEnabled, setCezanneHrEnabled } from '@/lib/directory-sync/integrations';
import { FormError } from '@/lib/errors';
import { syncDeps } from './sync-deps';

// Every Directory Sync dashboard action: area `directorySync` (owner and it_admin), except the integration switch
// (owner only, area `members`). Actions that call the HR API run outside a transaction (`transaction: false`).

const directoryId = z.string().min(1).max(100);
const domainsText = z
  .string()
  .optional()
  .transform((text) => (text ?? '').split(/[\s,]+/).filter(Boolean));

export const createOrganizationAction = staffAction(
  { area: 'directorySync', schema: z.object({ name: z.string(), domains: domainsText }) },
  async (input, ctx) => {
    const organization = await createOrganization(ctx.db, ctx.tenantId, input);
    await ctx.audit({ action: 'directory_sync.organization_created', target: organization.id, details: { name: organization.name } });
    revalidatePath('/dashboard/organizations');
    return { id: organization.id, name: organization.name };
  },
);

export const createDirectoryAction = staffAction(
  { area: 'directorySync', schema: z.object({ organizationId: z.string().max(100), name: z.string(), type: z.string().optional() }) },
  async (input, ctx) => {
    await assertDirectoryTypeEnabled(ctx.db, ctx.tenantId, input.type);
    const directory = await createDirectory(ctx.db, ctx.tenantId, { organizationId: input.organizationId, name: input.name, type: input.type as 'cezanne hr' | undefined });
    await ctx.audit({ action: 'directory_sync.directory_created', target: directory.id, details: { name: directory.name, type: directory.type } });
    revalidatePath(`/dashboard/organizations/${input.organizationId}`);
    return { id: directory.id };
  },
);

export const updateDirectoryAction = staffAction(
  {
    area: 'directorySync',
    transaction: false,
    schema: z.object({ directoryId, clientId: z.string(), clientSecret: z.string().optional(), baseUrl: z.string().optional() }),
  },
  async (input, ctx) => {
    const directory = await requireDirectory(ctx.db, ctx.tenantId, input.directoryId);
    // A blank secret keeps the stored one (the page never has it: only its last four characters).
    const clientSecret = input.clientSecret?.trim() ? input.clientSecret : await storedSecretOrFail(ctx.tenantId, input.directoryId);
    if (input.baseUrl?.trim()) await setDirectoryBaseUrl(ctx.db, ctx.tenantId, directory.id, input.baseUrl);
    const result = await updateDirectoryCredentials({ ...syncDeps(), db: ctx.db as never }, ctx.tenantId, directory.id, {
      clientId: input.clientId,
      clientSecret,
    });
    await ctx.audit({
      action: 'directory_sync.credentials_updated',
      target: directory.id,
      details: { state: result.state, ...(result.error ? { error: result.error } : {}) },
    });
    revalidatePath(`/dashboard/directories/${directory.id}`, 'layout');
    return result;
  },
);

async function storedSecretOrFail(tenantId: string, id: string): Promise<string> {
  const { directoryCredentials } = await import('@/lib/directory-sync/directories');
  const { getDb } = await import('@/db/client');
  const stored = await directoryCredentials(getDb(), tenantId, id);
  if (!stored) throw new FormError('Enter the Client Secret.', { clientSecret: 'Client Secret is required.' });
  return stored.clientSecret;
}

export const syncNowAction = staffAction({ area: 'directorySync', transaction: false, schema: z.object({ directoryId }) }, async (input, ctx) => {
  const run = await requestSyncNow({ ...syncDeps(), db: ctx.db as never }, ctx.tenantId, input.directoryId, ctx.staff.email);
  await ctx.audit({ action: 'directory_sync.sync_requested', target: input.directoryId });
  revalidatePath(`/dashboard/directories/${input.directoryId}`, 'layout');
  return { runId: run.id };
});

const heldRunInput = z.object({ directoryId, runId: z.uuid() });

export const approveHeldRunAction = staffAction({ area: 'directorySync', transaction: false, schema: heldRunInput }, async (input, ctx) => {
  await approveHeldRun({ ...syncDeps(), db: ctx.db as never }, ctx.tenantId, input.runId, ctx.staff.email);
  await ctx.audit({ action: 'directory_sync.held_run_approved', target: input.directoryId, details: { runId: input.runId } });
  revalidatePath(`/dashboard/directories/${input.directoryId}`, 'layout');
  return {};
});

export const discardHeldRunAction = staffAction({ area: 'directorySync', transaction: false, schema: heldRunInput }, async (input, ctx) => {
  await discardHeldRun({ ...syncDeps(), db: ctx.db as never }, ctx.tenantId, input.runId, ctx.staff.email);
  await ctx.audit({ action: 'directory_sync.held_run_discarded', target: input.directoryId, details: { runId: input.runId } });
  revalidatePath(`/dashboard/directories/${input.directoryId}`, 'layout');
  return {};
});

export const renameDirectoryAction = staffAction({ area: 'directorySync', schema: z.object({ directoryId, name: z.string() }) }, async (input, ctx) => {
  const before = await requireDirectory(ctx.db, ctx.tenantId, input.directoryId);
  const directory = await renameDirectory(ctx.db, ctx.tenantId, input.directoryId, input.name);
  if (before.name !== directory.name) {
    await ctx.audit({ action: 'directory_sync.directory_renamed', target: directory.id, details: { from: before.name, to: directory.name } });
  }
  revalidatePath(`/dashboard/directories/${directory.id}`, 'layout');
  return { name: directory.name };
});

export const deleteDirectoryAction = staffAction(
  { area: 'directorySync', transaction: false, schema: z.object({ directoryId, confirmation: z.string() }) },
  async (input, ctx) => {
    const directory = await requireDirectory(ctx.db, ctx.tenantId, input.directoryId);
    if (input.confirmation.trim() !== directory.name) {
      throw new FormError('Type the directory name to confirm.', { confirmation: `Type “${directory.name}” to confirm.` });
    }
    await deleteDirectory({ ...syncDeps(), db: ctx.db as never }, ctx.tenantId, directory.id);
    await ctx.audit({ action: 'directory_sync.directory_deleted', target: directory.id, details: { name: directory.name } });
    revalidatePath(`/dashboard/organizations/${directory.organizationId}`);
    return { organizationId: directory.organizationId };
  },
);

export const setCezanneHrEnabledAction = staffAction(
  { area: 'members', schema: z.object({ enabled: z.union([z.boolean(), z.string()]).transform((v) => v === true || v === 'on' || v === 'true') }) },
  async (input, ctx) => {
    if (await setCezanneHrEnabled(ctx.db, ctx.tenantId, input.enabled, ctx.staff.email)) {
      await ctx.audit({ action: input.enabled ? 'directory_sync.cezanne_hr_enabled' : 'directory_sync.cezanne_hr_disabled', target: 'Cezanne HR' });
    }
    revalidatePath('/dashboard', 'layout');
    return { enabled: input.enabled };
  },
);
