import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { directoryStagedGroups, directoryStagedUsers, directorySyncRuns } from '@/db/schema';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { isUuid } from '@/lib/ids';
import { resolveDeps, sendSyncJob, type SyncDeps } from './context';

export type SyncRun = typeof directorySyncRuns.$inferSelect;
export type RunTrigger = 'initial' | 'scheduled' | 'manual' | 'retry' | 'relink';

export async function createRun(
  tx: Executor,
  input: {
    tenantId: string;
    directoryId: string;
    trigger: RunTrigger;
    credentialsVersion: number;
    now: Date;
    scheduledFor?: Date | null;
    retryOf?: string | null;
  },
): Promise<SyncRun> {
  const [run] = await tx
    .insert(directorySyncRuns)
    .values({
      tenantId: input.tenantId,
      directoryId: input.directoryId,
      trigger: input.trigger,
      credentialsVersion: input.credentialsVersion,
      queuedAt: input.now,
      scheduledFor: input.scheduledFor ?? null,
      retryOf: input.retryOf ?? null,
    })
    .returning();
  return run;
}

/** The directory's queued or running run, if any (at most one exists: creation checks under the directory lock). */
export async function activeRun(db: Executor, tenantId: string, directoryId: string): Promise<SyncRun | null> {
  const [run] = await db
    .select()
    .from(directorySyncRuns)
    .where(
      and(
        eq(directorySyncRuns.tenantId, tenantId),
        eq(directorySyncRuns.directoryId, directoryId),
        inArray(directorySyncRuns.status, ['queued', 'running']),
      ),
    )
    .orderBy(desc(directorySyncRuns.queuedAt))
    .limit(1);
  return run ?? null;
}

export async function heldRun(db: Executor, tenantId: string, directoryId: string): Promise<SyncRun | null> {
  const [run] = await db
    .select()
    .from(directorySyncRuns)
    .where(
      and(
        eq(directorySyncRuns.tenantId, tenantId),
        eq(directorySyncRuns.directoryId, directoryId),
        eq(directorySyncRuns.status, 'held'),
      ),
    )
    .limit(1);
  return run ?? null;
}

export async function getSyncRun(db: Executor, tenantId: string, runId: string): Promise<SyncRun | null> {
  if (!isUuid(runId)) return null;
  const [run] = await db
    .select()
    .from(directorySyncRuns)
    .where(and(eq(directorySyncRuns.tenantId, tenantId), eq(directorySyncRuns.id, runId)));
  return run ?? null;
}

/** Sync history, newest first; `before` is the queued_at of the last run shown (ISO). */
export async function listSyncRuns(
  db: Executor,
  tenantId: string,
  directoryId: string,
  options: { before?: Date; limit?: number } = {},
) {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
  const rows = await db
    .select()
    .from(directorySyncRuns)
    .where(
      and(
        eq(directorySyncRuns.tenantId, tenantId),
        eq(directorySyncRuns.directoryId, directoryId),
        options.before ? lt(directorySyncRuns.queuedAt, options.before) : undefined,
      ),
    )
    .orderBy(desc(directorySyncRuns.queuedAt))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, before: rows.length > limit ? items[items.length - 1].queuedAt : null };
}

export async function deleteStaging(db: Executor, runId: string): Promise<void> {
  await db.delete(directoryStagedUsers).where(eq(directoryStagedUsers.runId, runId));
  await db.delete(directoryStagedGroups).where(eq(directoryStagedGroups.runId, runId));
}

async function requireHeldRun(db: Executor, tenantId: string, runId: string): Promise<SyncRun> {
  const run = await getSyncRun(db, tenantId, runId);
  if (!run) throw new NotFoundError('Sync run not found.');
  if (run.status !== 'held') throw new ConflictError(`This run is ${run.status}, not held for approval.`, {});
  return run;
}

/**
 * An admin approves the deletions a held run would make: the run's staged snapshot is applied by the sync job,
 * without the safety brake.
 */
export async function approveHeldRun(
  deps: SyncDeps,
  tenantId: string,
  runId: string,
  decidedBy: string,
): Promise<SyncRun> {
  const { db, clock, sender } = resolveDeps(deps);
  await requireHeldRun(db, tenantId, runId);
  const [run] = await db
    .update(directorySyncRuns)
    .set({ status: 'queued', decidedAt: clock(), decidedBy })
    .where(
      and(
        eq(directorySyncRuns.tenantId, tenantId),
        eq(directorySyncRuns.id, runId),
        eq(directorySyncRuns.status, 'held'),
      ),
    )
    .returning();
  if (!run) throw new ConflictError('This run was decided already.', {});
  await sendSyncJob(sender, { tenantId, directoryId: run.directoryId, runId });
  return run;
}

/** An admin refuses a held run: nothing is applied, its snapshot is dropped, and the 30-minute polling resumes. */
export async function discardHeldRun(
  deps: SyncDeps,
  tenantId: string,
  runId: string,
  decidedBy: string,
): Promise<SyncRun> {
  const { db, clock } = resolveDeps(deps);
  await requireHeldRun(db, tenantId, runId);
  const now = clock();
  return db.transaction(async (tx) => {
    const [run] = await tx
      .update(directorySyncRuns)
      .set({
        status: 'discarded',
        decidedAt: now,
        decidedBy,
        finishedAt: sql`coalesce(${directorySyncRuns.finishedAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(
        and(
          eq(directorySyncRuns.tenantId, tenantId),
          eq(directorySyncRuns.id, runId),
          eq(directorySyncRuns.status, 'held'),
        ),
      )
      .returning();
    if (!run) throw new ConflictError('This run was decided already.', {});
    await deleteStaging(tx, runId);
    return run;
  });
}
