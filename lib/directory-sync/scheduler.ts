/**
 * The scheduler tick (a pg-boss cron job, every minute): queues the runs that fell due at anchor + k × 30 minutes,
 * skipping missed slots; sends again the jobs of runs that wait without one or whose worker died; finishes
 * directory deletions that were interrupted. Idempotent: any number of ticks on one database queue a slot once.
 */
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { directories, directorySyncRuns } from '@/db/schema';
import { resolveDeps, sendSyncJob, type SyncDeps } from './context';
import { finishDirectoryDeletion } from './directories';
import { createRun } from './runs';
import { nextSlotAfter, SYNC_INTERVAL_MS } from './schedule';

/** A queued run older than this without progress has its job sent again. */
const RESEND_AFTER_MS = 60_000;

export type TickResult = { queued: string[]; skippedSlots: string[]; resent: number; deletionsFinished: number };

/** `tenantIds` limits a tick to some tenants (one tenant's admin tools; tests that share a database). */
export async function runSchedulerTick(
  syncDeps: SyncDeps,
  options: { tenantIds?: string[] } = {},
): Promise<TickResult> {
  const deps = resolveDeps(syncDeps);
  const { db, sender } = deps;
  const now = deps.clock();
  const result: TickResult = { queued: [], skippedSlots: [], resent: 0, deletionsFinished: 0 };
  const inScope = options.tenantIds ? inArray(directories.tenantId, options.tenantIds) : undefined;

  // The scheduler serves every tenant; each statement on a directory below names its tenant.
  const due = await db
    .select({ id: directories.id, tenantId: directories.tenantId })
    .from(directories)
    .where(and(eq(directories.state, 'linked'), lte(directories.nextSyncAt, now), inScope));
  for (const { id, tenantId } of due) {
    const claimed = await db.transaction(async (tx) => {
      const [directory] = await tx
        .select()
        .from(directories)
        .where(
          and(
            eq(directories.tenantId, tenantId),
            eq(directories.id, id),
            eq(directories.state, 'linked'),
            lte(directories.nextSyncAt, now),
          ),
        )
        .for('update', { skipLocked: true });
      if (!directory?.nextSyncAt) return null;
      const anchor = directory.anchorAt ?? directory.nextSyncAt;
      const nextSyncAt = nextSlotAfter(anchor, now);
      await tx
        .update(directories)
        .set({ nextSyncAt })
        .where(and(eq(directories.tenantId, tenantId), eq(directories.id, id)));
      // A run still queued, running or held for approval: this slot is skipped, not queued up behind it.
      const open = await tx
        .select({ id: directorySyncRuns.id })
        .from(directorySyncRuns)
        .where(
          and(
            eq(directorySyncRuns.tenantId, tenantId),
            eq(directorySyncRuns.directoryId, id),
            inArray(directorySyncRuns.status, ['queued', 'running', 'held']),
          ),
        )
        .limit(1);
      if (open.length) return { skipped: true as const };
      const run = await createRun(tx, {
        tenantId,
        directoryId: id,
        trigger: 'scheduled',
        credentialsVersion: directory.credentialsVersion,
        now,
        scheduledFor: new Date(nextSyncAt.getTime() - SYNC_INTERVAL_MS),
      });
      return { skipped: false as const, runId: run.id };
    });
    if (!claimed) continue;
    if (claimed.skipped) {
      result.skippedSlots.push(id);
      continue;
    }
    await sendSyncJob(sender, { tenantId, directoryId: id, runId: claimed.runId });
    result.queued.push(id);
  }

  // Runs waiting without a job (a send lost between commit and queue) or left running by a dead worker.
  const stranded = await db
    .select({
      runId: directorySyncRuns.id,
      tenantId: directorySyncRuns.tenantId,
      directoryId: directorySyncRuns.directoryId,
    })
    .from(directorySyncRuns)
    .innerJoin(
      directories,
      and(eq(directories.id, directorySyncRuns.directoryId), eq(directories.tenantId, directorySyncRuns.tenantId)),
    )
    .where(
      and(
        inScope,
        sql`((${directorySyncRuns.status} = 'queued' and ${directorySyncRuns.queuedAt} < ${new Date(now.getTime() - RESEND_AFTER_MS).toISOString()}::timestamptz)
          or (${directorySyncRuns.status} = 'running' and (${directories.syncLeaseUntil} is null or ${directories.syncLeaseUntil} < now())))`,
      ),
    );
  for (const run of stranded) {
    await sendSyncJob(sender, { tenantId: run.tenantId, directoryId: run.directoryId, runId: run.runId });
    result.resent += 1;
  }

  const deleting = await db
    .select({ id: directories.id, tenantId: directories.tenantId })
    .from(directories)
    .where(and(eq(directories.state, 'deleting'), inScope));
  for (const directory of deleting) {
    await finishDirectoryDeletion(db, directory.tenantId, directory.id);
    result.deletionsFinished += 1;
  }
  return result;
}
