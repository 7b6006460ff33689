/**
 * One sync run: take the directory's lease, fetch the whole snapshot page by page into staging (no transaction is
 * open while waiting on HTTP), then apply it in one transaction. Failures leave the directory as it was; a killed
 * worker leaves a `running` run whose lease expires, and the next job for it picks it up again.
 */
import { refreshDirectoryCounts } from './counts';
import { and, desc, eq, gt, or, sql } from 'drizzle-orm';
import { directories, directorySyncRuns } from '@/db/schema';
import { applySnapshot, type ApplyCounts } from './apply';
import { resolveDeps, type ResolvedDeps, type SyncDeps, type SyncJobData } from './context';
import { directoryCredentials, markLinked, requireDirectory, type Directory } from './directories';
import { holdsLeaseForUpdate, keepLease, acquireLease, releaseLease, type Lease } from './lease';
import { InvalidCredentialsError, ProviderError } from './providers/types';
import { createRun, deleteStaging, getSyncRun, type SyncRun } from './runs';
import { utcDate } from './schedule';
import { stageGroups, stageUsers } from './stage';

/** Thrown by the job so pg-boss retries it with backoff; the run record already says what failed. */
export class SyncRunFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncRunFailedError';
  }
}

class LeaseLostError extends Error {
  constructor() {
    super('Another worker took over this run.');
  }
}

export type SyncOutcome =
  | { outcome: 'succeeded'; runId: string; counts: ApplyCounts }
  | { outcome: 'held'; runId: string; reason: string }
  | { outcome: 'invalid_credentials'; runId: string; error: string }
  | { outcome: 'failed'; runId: string; error: string; retryable: boolean }
  | { outcome: 'busy' | 'superseded' | 'nothing_to_do' | 'lease_lost'; runId: string | null };

/** Runs that a failed run's retries created, newest first; the chain's current run is the first. */
async function currentOfChain(deps: ResolvedDeps, data: SyncJobData): Promise<SyncRun | null> {
  const [run] = await deps.db
    .select()
    .from(directorySyncRuns)
    .where(
      and(
        eq(directorySyncRuns.tenantId, data.tenantId),
        eq(directorySyncRuns.directoryId, data.directoryId),
        or(eq(directorySyncRuns.id, data.runId), eq(directorySyncRuns.retryOf, data.runId)),
      ),
    )
    .orderBy(desc(directorySyncRuns.queuedAt))
    .limit(1);
  return run ?? null;
}

async function newerRunExists(deps: ResolvedDeps, run: SyncRun, chainRoot: string): Promise<boolean> {
  const rows = await deps.db
    .select({ id: directorySyncRuns.id })
    .from(directorySyncRuns)
    .where(
      and(
        eq(directorySyncRuns.tenantId, run.tenantId),
        eq(directorySyncRuns.directoryId, run.directoryId),
        gt(directorySyncRuns.queuedAt, run.queuedAt),
        sql`${directorySyncRuns.id} <> ${chainRoot} and ${directorySyncRuns.retryOf} is distinct from ${chainRoot}::uuid`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * The sync job's body. The job names a run; the run's retry chain decides what happens: a queued run starts, a
 * running one whose worker died is picked up again (the lease tells), a failed one gets a new attempt record.
 * Throws SyncRunFailedError when pg-boss should retry later.
 */
export async function handleSyncJob(syncDeps: SyncDeps, data: SyncJobData): Promise<SyncOutcome> {
  const deps = resolveDeps(syncDeps);
  const run = await currentOfChain(deps, data);
  if (!run) return { outcome: 'nothing_to_do', runId: null };
  if (await newerRunExists(deps, run, data.runId)) return { outcome: 'superseded', runId: run.id };
  let target = run;
  if (run.status === 'failed') {
    if (!['provider', 'interrupted'].includes(run.errorKind ?? '')) return { outcome: 'nothing_to_do', runId: run.id };
    const directory = await requireDirectory(deps.db, data.tenantId, data.directoryId).catch(() => null);
    if (!directory || !['linked', 'validating'].includes(directory.state))
      return { outcome: 'nothing_to_do', runId: run.id };
    target = await createRun(deps.db, {
      tenantId: run.tenantId,
      directoryId: run.directoryId,
      trigger: 'retry',
      credentialsVersion: directory.credentialsVersion,
      now: deps.clock(),
      retryOf: data.runId,
    });
  } else if (run.status !== 'queued' && run.status !== 'running') {
    return { outcome: 'nothing_to_do', runId: run.id };
  }
  const outcome = await executeRun(deps, target);
  if (outcome.outcome === 'failed' && outcome.retryable) throw new SyncRunFailedError(outcome.error);
  return outcome;
}

async function updateRun(deps: ResolvedDeps, runId: string, values: Partial<typeof directorySyncRuns.$inferInsert>) {
  await deps.db.update(directorySyncRuns).set(values).where(eq(directorySyncRuns.id, runId));
}

/** Executes one run record under the directory's lease. */
export async function executeRun(deps: ResolvedDeps, run: SyncRun): Promise<SyncOutcome> {
  const token = await acquireLease(deps.db, run.tenantId, run.directoryId);
  if (!token) return { outcome: 'busy', runId: run.id };
  const lease = keepLease(deps.db, run.tenantId, run.directoryId, token);
  try {
    // Re-read under the lease: another worker may have finished this run meanwhile.
    const current = await getSyncRun(deps.db, run.tenantId, run.id);
    if (!current || (current.status !== 'queued' && current.status !== 'running'))
      return { outcome: 'nothing_to_do', runId: run.id };
    return await execute(deps, current, lease);
  } finally {
    lease.stop();
    await releaseLease(deps.db, run.tenantId, run.directoryId, token).catch(() => {});
  }
}

async function execute(deps: ResolvedDeps, run: SyncRun, lease: Lease): Promise<SyncOutcome> {
  const directory = await requireDirectory(deps.db, run.tenantId, run.directoryId);
  const approvedSnapshot = run.decidedAt !== null && run.fetchCompletedAt !== null;
  const startedAt = deps.clock();
  if (!approvedSnapshot) {
    // A run picked up again after a crash starts its fetch over.
    await deleteStaging(deps.db, run.id);
    await updateRun(deps, run.id, {
      status: 'running',
      startedAt: run.startedAt ?? startedAt,
      executions: run.executions + 1,
      pagesFetched: 0,
      usersFetched: 0,
      groupsFetched: 0,
      usersTotal: null,
      fetchCompletedAt: null,
      error: null,
      errorKind: null,
    });
  } else {
    await updateRun(deps, run.id, { status: 'running', executions: run.executions + 1 });
  }
  try {
    if (!['linked', 'validating'].includes(directory.state)) {
      throw new InvalidCredentialsError(
        directory.lastError ?? `The directory is ${directory.state}; update its credentials first.`,
      );
    }
    if (!approvedSnapshot) await fetchSnapshot(deps, run, directory, lease);
    return await apply(deps, run, directory, lease, approvedSnapshot);
  } catch (error) {
    return recordFailure(deps, run, directory, error);
  }
}

async function fetchSnapshot(deps: ResolvedDeps, run: SyncRun, directory: Directory, lease: Lease) {
  const credentials = await directoryCredentials(deps.db, run.tenantId, run.directoryId);
  if (!credentials) throw new InvalidCredentialsError('No Client ID and Client Secret are set.');
  const provider = deps.provider(directory.type, credentials, utcDate(deps.clock()));
  const target = { tenantId: run.tenantId, directoryId: run.directoryId, runId: run.id };
  const groupNames = new Map<string, string>();
  let groupsFetched = 0;
  for await (const page of provider.groups()) {
    if (lease.lost) throw new LeaseLostError();
    for (const group of page.items) groupNames.set(group.idpId, group.name);
    await stageGroups(deps.db, target, page.items);
    groupsFetched += page.items.length;
  }
  await updateRun(deps, run.id, { groupsFetched });
  let pages = 0;
  for await (const page of provider.users(groupNames)) {
    if (lease.lost) throw new LeaseLostError();
    // Only groups of this snapshot: a group seen later counts once the next run sees it (the user's hash changes).
    for (const user of page.items) user.groupIdpIds = user.groupIdpIds.filter((id) => groupNames.has(id));
    await stageUsers(deps.db, target, page.items);
    pages += 1;
    await deps.db
      .update(directorySyncRuns)
      .set({
        pagesFetched: pages,
        usersFetched: sql`${directorySyncRuns.usersFetched} + ${page.items.length}`,
        ...(pages === 1 ? { usersTotal: page.total } : {}),
      })
      .where(eq(directorySyncRuns.id, run.id));
  }
  // Fresh statistics for the snapshot just staged, so the apply's joins use the indexes.
  await deps.db.execute(sql`analyze directory_staged_users, directory_staged_groups`);
  await updateRun(deps, run.id, { fetchCompletedAt: deps.clock() });
}

/** After a large change the planner needs new statistics before the next run (autovacuum would come later). */
async function analyzeAfterLargeChange(deps: ResolvedDeps, counts: ApplyCounts): Promise<void> {
  if (counts.usersCreated + counts.usersDeleted + counts.membershipsAdded < 1000) return;
  await deps.db.execute(sql`analyze directory_users, directory_groups, directory_group_memberships`).catch(() => {});
}

async function apply(
  deps: ResolvedDeps,
  run: SyncRun,
  directory: Directory,
  lease: Lease,
  approved: boolean,
): Promise<SyncOutcome> {
  if (lease.lost) throw new LeaseLostError();
  const now = deps.clock();
  const outcome = await deps.db.transaction(async (tx) => {
    if (!(await holdsLeaseForUpdate(tx, run.tenantId, run.directoryId, lease.token))) throw new LeaseLostError();
    const [locked] = await tx
      .select({ version: directories.credentialsVersion })
      .from(directories)
      .where(eq(directories.id, run.directoryId));
    const result = await applySnapshot(tx, {
      tenantId: run.tenantId,
      organizationId: directory.organizationId,
      directoryId: run.directoryId,
      runId: run.id,
      now,
      brake: !approved,
    });
    if (result.held) {
      await tx
        .update(directorySyncRuns)
        .set({ status: 'held', heldReason: result.reason, finishedAt: now, usersDeleted: result.deletions })
        .where(eq(directorySyncRuns.id, run.id));
      return { outcome: 'held', runId: run.id, reason: result.reason } as SyncOutcome;
    }
    await refreshDirectoryCounts(tx, run.tenantId, run.directoryId, now);
    let nextSyncAt = directory.nextSyncAt;
    if (directory.state === 'validating' && locked.version === run.credentialsVersion) {
      ({ nextSyncAt } = await markLinked(tx, directory, now));
    }
    await tx
      .update(directories)
      .set({ lastSyncAt: now, lastError: null, updatedAt: now })
      .where(eq(directories.id, run.directoryId));
    await tx
      .update(directorySyncRuns)
      .set({ status: 'succeeded', finishedAt: deps.clock(), nextSyncAt, ...result.counts })
      .where(eq(directorySyncRuns.id, run.id));
    return { outcome: 'succeeded', runId: run.id, counts: result.counts } as SyncOutcome;
  });
  if (outcome.outcome === 'succeeded') await analyzeAfterLargeChange(deps, outcome.counts);
  return outcome;
}

async function recordFailure(
  deps: ResolvedDeps,
  run: SyncRun,
  directory: Directory,
  error: unknown,
): Promise<SyncOutcome> {
  if (error instanceof LeaseLostError) return { outcome: 'lease_lost', runId: run.id };
  const now = deps.clock();
  const invalid = error instanceof InvalidCredentialsError;
  const retryable = !invalid && !(error instanceof ProviderError && !error.retryable);
  const message =
    invalid || error instanceof ProviderError
      ? (error as Error).message
      : `Sync failed: ${(error as Error)?.message ?? error}`;
  if (!invalid && !(error instanceof ProviderError)) console.error('[roster] directory sync run failed', error);
  await deps.db.transaction(async (tx) => {
    await deleteStaging(tx, run.id);
    await tx
      .update(directorySyncRuns)
      .set({
        status: 'failed',
        finishedAt: now,
        error: message,
        errorKind: invalid ? 'invalid_credentials' : 'provider',
        nextSyncAt: directory.nextSyncAt,
      })
      .where(eq(directorySyncRuns.id, run.id));
    // Only the credentials this run used can be declared invalid: newer ones are being validated on their own.
    await tx
      .update(directories)
      .set(
        invalid
          ? { state: 'invalid_credentials', lastError: message, updatedAt: now }
          : { lastError: message, updatedAt: now },
      )
      .where(
        and(
          eq(directories.tenantId, run.tenantId),
          eq(directories.id, run.directoryId),
          eq(directories.credentialsVersion, run.credentialsVersion),
          sql`${directories.state} <> 'deleting'`,
        ),
      );
  });
  if (invalid) return { outcome: 'invalid_credentials', runId: run.id, error: message };
  return { outcome: 'failed', runId: run.id, error: message, retryable };
}
