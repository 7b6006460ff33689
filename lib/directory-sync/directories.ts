import { randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { directories, directoryGroups, directoryUsers, directorySyncRuns } from '@/db/schema';
import { decrypt, encrypt } from '@/lib/crypto/encryption';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { parseOrFormError } from '@/lib/form-fields';
import { EgressBlockedError, ownBaseUrl, parseEgressUrl } from '@/lib/net/egress';
import { resolveDeps, sendSyncJob, utcDate, type SyncDeps } from './context';
import { eventDirectoryState, insertEvent, lockOutbox } from './events';
import { isPublicId, newId } from './ids';
import { requireOrganization, type KeysetPage, type Organization } from './organizations';
import { CEZANNE_HR_TYPE } from './providers/cezanne-hr';
import { InvalidCredentialsError, type DirectoryCredentials } from './providers/types';
import { activeRun, createRun, deleteStaging, heldRun, type RunTrigger, type SyncRun } from './runs';
import { nextSlotAfter, systemClock, type Clock } from './schedule';

export const DIRECTORY_TYPES = [CEZANNE_HR_TYPE] as const;
export type DirectoryState = (typeof directories.$inferSelect)['state'];

/** A directory as lib callers see it: never the secret, only whether one is set. */
export type Directory = Omit<typeof directories.$inferSelect, 'clientSecretEncrypted' | 'syncLeaseToken'> & {
  hasClientSecret: boolean;
};

const publicColumns = {
  id: directories.id,
  tenantId: directories.tenantId,
  organizationId: directories.organizationId,
  name: directories.name,
  type: directories.type,
  state: directories.state,
  externalKey: directories.externalKey,
  baseUrl: directories.baseUrl,
  clientId: directories.clientId,
  hasClientSecret: sql<boolean>`${directories.clientSecretEncrypted} is not null`,
  credentialsVersion: directories.credentialsVersion,
  lastError: directories.lastError,
  anchorAt: directories.anchorAt,
  nextSyncAt: directories.nextSyncAt,
  lastSyncAt: directories.lastSyncAt,
  activatedAt: directories.activatedAt,
  syncLeaseUntil: directories.syncLeaseUntil,
  createdAt: directories.createdAt,
  updatedAt: directories.updatedAt,
};

const baseUrlSchema = z
  .string()
  .trim()
  .max(2000, 'The HR API URL is too long.')
  .transform((value, ctx) => {
    try {
      const url = parseEgressUrl(value);
      if (url.search || url.hash) throw new EgressBlockedError('the URL must not have a query or fragment');
      return url.href.replace(/\/+$/, '');
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `Enter the HR API base URL, e.g. https://hr.example.com (${(error as Error).message}).`,
      });
      return z.NEVER;
    }
  });

export const directoryInput = z.object({
  organizationId: z.string(),
  name: z.string().trim().min(1, 'Name is required.').max(200, 'Name must be at most 200 characters.'),
  type: z.enum(DIRECTORY_TYPES, { error: 'Choose Cezanne HR.' }).default(CEZANNE_HR_TYPE),
  /** Default: this Roster's own public URL, so a directory can link to its own HR side. */
  baseUrl: baseUrlSchema.optional(),
});
export type DirectoryInput = z.input<typeof directoryInput>;

export const credentialsInput = z.object({
  clientId: z.string().trim().min(1, 'Client ID is required.').max(500, 'Client ID is too long.'),
  clientSecret: z.string().trim().min(1, 'Client Secret is required.').max(2000, 'Client Secret is too long.'),
});

export async function createDirectory(
  db: Executor,
  tenantId: string,
  input: DirectoryInput,
  options: { clock?: Clock; env?: Record<string, string | undefined> } = {},
): Promise<Directory> {
  const values = parseOrFormError(directoryInput, input);
  await requireOrganization(db, tenantId, values.organizationId);
  const now = (options.clock ?? systemClock)();
  const id = newId('directory', now);
  await db.insert(directories).values({
    id,
    tenantId,
    organizationId: values.organizationId,
    name: values.name,
    type: values.type,
    externalKey: randomBytes(12).toString('base64url'),
    baseUrl: values.baseUrl ?? ownBaseUrl(options.env),
    createdAt: now,
    updatedAt: now,
  });
  return requireDirectory(db, tenantId, id);
}

export async function getDirectory(db: Executor, tenantId: string, id: string): Promise<Directory | null> {
  if (!isPublicId('directory', id)) return null;
  const [row] = await db
    .select(publicColumns)
    .from(directories)
    .where(and(eq(directories.tenantId, tenantId), eq(directories.id, id)));
  return row ?? null;
}

export async function requireDirectory(db: Executor, tenantId: string, id: string): Promise<Directory> {
  const directory = await getDirectory(db, tenantId, id);
  if (!directory) throw new NotFoundError('Directory not found.');
  return directory;
}

export async function listDirectories(
  db: Executor,
  tenantId: string,
  options: { organizationId?: string; after?: string; limit?: number } = {},
): Promise<KeysetPage<Directory>> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 100);
  const rows = await db
    .select(publicColumns)
    .from(directories)
    .where(
      and(
        eq(directories.tenantId, tenantId),
        options.organizationId ? eq(directories.organizationId, options.organizationId) : undefined,
        options.after ? gt(directories.id, options.after) : undefined,
      ),
    )
    .orderBy(asc(directories.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, after: rows.length > limit ? items[items.length - 1].id : null };
}

/** User and group counts (WorkOS `metadata`): active and inactive users, groups; deleted ones are not counted. */
export async function directoryMetadata(db: Executor, tenantId: string, directoryId: string) {
  const [users] = await db
    .select({
      active: sql<number>`count(*) filter (where ${directoryUsers.state} = 'active')::int`,
      inactive: sql<number>`count(*) filter (where ${directoryUsers.state} <> 'active')::int`,
    })
    .from(directoryUsers)
    .where(
      and(
        eq(directoryUsers.tenantId, tenantId),
        eq(directoryUsers.directoryId, directoryId),
        isNull(directoryUsers.deletedAt),
      ),
    );
  const [groups] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(directoryGroups)
    .where(
      and(
        eq(directoryGroups.tenantId, tenantId),
        eq(directoryGroups.directoryId, directoryId),
        isNull(directoryGroups.deletedAt),
      ),
    );
  return { users: { active: users.active, inactive: users.inactive }, groups: groups.n };
}

/** The stored credentials, decrypted, or null when none are set. */
export async function directoryCredentials(
  db: Executor,
  tenantId: string,
  directoryId: string,
): Promise<(DirectoryCredentials & { version: number }) | null> {
  const [row] = await db
    .select({
      baseUrl: directories.baseUrl,
      clientId: directories.clientId,
      secret: directories.clientSecretEncrypted,
      version: directories.credentialsVersion,
    })
    .from(directories)
    .where(and(eq(directories.tenantId, tenantId), eq(directories.id, directoryId)));
  if (!row?.clientId || !row.secret) return null;
  return { baseUrl: row.baseUrl, clientId: row.clientId, clientSecret: decrypt(row.secret), version: row.version };
}

/** The directory as `dsync.activated` / `dsync.deleted` carry it. */
export function directoryEventData(
  directory: Directory,
  organization: Organization,
  state: string,
  variant: 'activated' | 'deleted',
) {
  return {
    object: 'directory',
    id: directory.id,
    organization_id: directory.organizationId,
    type: directory.type,
    state: eventDirectoryState(state),
    name: directory.name,
    ...(variant === 'activated'
      ? {
          external_key: directory.externalKey,
          domains: organization.domains.map((d) => ({ object: 'organization_domain', id: d.id, domain: d.domain })),
        }
      : {}),
    created_at: directory.createdAt.toISOString(),
    updated_at: directory.updatedAt.toISOString(),
  };
}

async function lockDirectory(tx: Executor, tenantId: string, directoryId: string): Promise<Directory> {
  const [row] = await tx
    .select(publicColumns)
    .from(directories)
    .where(and(eq(directories.tenantId, tenantId), eq(directories.id, directoryId)))
    .for('update');
  if (!row) throw new NotFoundError('Directory not found.');
  return row;
}

/**
 * Marks the directory linked (inside the caller's transaction, directory row locked). The first link fixes the
 * anchor of the 30-minute schedule and emits `dsync.activated`.
 */
export async function markLinked(
  tx: Executor,
  directory: Directory,
  now: Date,
): Promise<{ anchorAt: Date; nextSyncAt: Date; firstLink: boolean }> {
  const anchorAt = directory.anchorAt ?? now;
  const nextSyncAt = nextSlotAfter(anchorAt, now);
  const firstLink = directory.activatedAt === null;
  const [updated] = await tx
    .update(directories)
    .set({
      state: 'linked',
      lastError: null,
      anchorAt,
      nextSyncAt,
      activatedAt: directory.activatedAt ?? now,
      updatedAt: now,
    })
    .where(and(eq(directories.tenantId, directory.tenantId), eq(directories.id, directory.id)))
    .returning({ updatedAt: directories.updatedAt });
  if (firstLink) {
    const organization = await requireOrganization(tx, directory.tenantId, directory.organizationId);
    await lockOutbox(tx, directory.tenantId);
    await insertEvent(
      tx,
      { tenantId: directory.tenantId, organizationId: directory.organizationId, directoryId: directory.id },
      'dsync.activated',
      directoryEventData({ ...directory, updatedAt: updated.updatedAt }, organization, 'linked', 'activated'),
      now,
    );
  }
  return { anchorAt, nextSyncAt, firstLink };
}

/** Queues a run unless one is queued or running (then that one is returned). Caller holds the directory lock. */
async function queueRun(
  tx: Executor,
  directory: Directory,
  trigger: RunTrigger,
  now: Date,
): Promise<{ run: SyncRun; created: boolean }> {
  const existing = await activeRun(tx, directory.tenantId, directory.id);
  if (existing) return { run: existing, created: false };
  const run = await createRun(tx, {
    tenantId: directory.tenantId,
    directoryId: directory.id,
    trigger,
    credentialsVersion: directory.credentialsVersion,
    now,
  });
  return { run, created: true };
}

export type CredentialsResult = { state: DirectoryState; error: string | null; runId: string | null };

/**
 * "Update Directory": stores the Client ID and (encrypted) Client Secret and checks them at once against the HR API
 * (state `validating` meanwhile; no transaction is open during the check). Good credentials → `linked` and the
 * initial sync is queued (its time is the anchor of the 30-minute schedule); refused ones → `invalid_credentials`
 * with the reason, and no polling until they are updated. When the HR API cannot be reached, the directory stays
 * `validating` and the queued run links it once it gets through.
 */
export async function updateDirectoryCredentials(
  deps: SyncDeps,
  tenantId: string,
  directoryId: string,
  input: z.input<typeof credentialsInput>,
): Promise<CredentialsResult> {
  const resolved = resolveDeps(deps);
  const { db, clock, sender } = resolved;
  const { clientId, clientSecret } = parseOrFormError(credentialsInput, input);

  const before = await db.transaction(async (tx) => {
    const directory = await lockDirectory(tx, tenantId, directoryId);
    if (directory.state === 'deleting') throw new ConflictError('This directory is being deleted.', {});
    const [row] = await tx
      .update(directories)
      .set({
        clientId,
        clientSecretEncrypted: encrypt(clientSecret),
        credentialsVersion: sql`${directories.credentialsVersion} + 1`,
        state: 'validating',
        lastError: null,
        updatedAt: clock(),
      })
      .where(and(eq(directories.tenantId, tenantId), eq(directories.id, directoryId)))
      .returning({ version: directories.credentialsVersion });
    return { directory, version: row.version };
  });

  let failure: Error | null = null;
  try {
    const provider = resolved.provider(
      before.directory.type,
      { baseUrl: before.directory.baseUrl, clientId, clientSecret },
      utcDate(clock()),
    );
    await provider.validate();
  } catch (error) {
    failure = error as Error;
  }

  if (failure instanceof InvalidCredentialsError) {
    await db
      .update(directories)
      .set({ state: 'invalid_credentials', lastError: failure.message, updatedAt: clock() })
      .where(
        and(
          eq(directories.tenantId, tenantId),
          eq(directories.id, directoryId),
          eq(directories.credentialsVersion, before.version),
        ),
      );
    return { state: 'invalid_credentials', error: failure.message, runId: null };
  }

  const outcome = await db.transaction(async (tx) => {
    const directory = await lockDirectory(tx, tenantId, directoryId);
    if (directory.credentialsVersion !== before.version || directory.state === 'deleting') return null;
    const now = clock();
    const trigger: RunTrigger = directory.anchorAt ? 'relink' : 'initial';
    if (failure) {
      await tx
        .update(directories)
        .set({ lastError: `Could not check the credentials yet: ${failure.message}`, updatedAt: now })
        .where(eq(directories.id, directoryId));
    } else {
      await markLinked(tx, directory, now);
    }
    const { run, created } = await queueRun(tx, { ...directory, credentialsVersion: before.version }, trigger, now);
    return { run, created, state: (failure ? 'validating' : 'linked') as DirectoryState };
  });
  if (!outcome) {
    const current = await requireDirectory(db, tenantId, directoryId);
    return { state: current.state, error: current.lastError, runId: null };
  }
  await sendSyncJob(sender, { tenantId, directoryId, runId: outcome.run.id });
  return { state: outcome.state, error: failure ? failure.message : null, runId: outcome.run.id };
}

/**
 * "Sync now": queues a run at once (or returns the one queued or running). A run held for approval is superseded:
 * the new run diffs against the current data and is braked again if the deletions still stand.
 */
export async function requestSyncNow(
  deps: SyncDeps,
  tenantId: string,
  directoryId: string,
  requestedBy = 'admin',
): Promise<SyncRun> {
  const { db, clock, sender } = resolveDeps(deps);
  const { run } = await db.transaction(async (tx) => {
    const directory = await lockDirectory(tx, tenantId, directoryId);
    if (directory.state === 'deleting') throw new ConflictError('This directory is being deleted.', {});
    if (!['linked', 'validating'].includes(directory.state)) {
      throw new ConflictError('Enter valid credentials (Update Directory) before syncing.', {});
    }
    const now = clock();
    const held = await heldRun(tx, tenantId, directoryId);
    if (held) {
      await tx
        .update(directorySyncRuns)
        .set({ status: 'discarded', decidedAt: now, decidedBy: `superseded by Sync now (${requestedBy})` })
        .where(eq(directorySyncRuns.id, held.id));
      await deleteStaging(tx, held.id);
    }
    return queueRun(tx, directory, 'manual', now);
  });
  // Sent again even for an existing run: a queued run whose job was lost is picked up (the queue keeps one per directory).
  await sendSyncJob(sender, { tenantId, directoryId, runId: run.id });
  return run;
}

/**
 * Deletes a directory: state `deleting` and `dsync.deleted` (the only event: no per-user or per-group deletes) in
 * one transaction, then its users, groups, memberships and runs go. If that second step fails, the scheduler tick
 * finishes it.
 */
export async function deleteDirectory(deps: SyncDeps, tenantId: string, directoryId: string): Promise<void> {
  const { db, clock } = resolveDeps(deps);
  await db.transaction(async (tx) => {
    const directory = await lockDirectory(tx, tenantId, directoryId);
    if (directory.state === 'deleting') return;
    const now = clock();
    const organization = await requireOrganization(tx, tenantId, directory.organizationId);
    await tx.update(directories).set({ state: 'deleting', updatedAt: now }).where(eq(directories.id, directoryId));
    await lockOutbox(tx, tenantId);
    await insertEvent(
      tx,
      { tenantId, organizationId: directory.organizationId, directoryId },
      'dsync.deleted',
      directoryEventData(directory, organization, directory.state, 'deleted'),
      now,
    );
  });
  await finishDirectoryDeletion(db, tenantId, directoryId);
}

export async function finishDirectoryDeletion(db: Executor, tenantId: string, directoryId: string): Promise<void> {
  await db
    .delete(directories)
    .where(and(eq(directories.tenantId, tenantId), eq(directories.id, directoryId), eq(directories.state, 'deleting')));
}
