import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { peopleImports } from '@/db/schema';
import type { Executor } from '@/db/client';
import { cancelJob, getJobState, sendJob } from '@/lib/jobs/queue';
import { getImport, importSample, markImportQueued, STALE_AFTER_SECONDS, type PeopleImport } from './csv-import';
import { importPeopleJob } from './jobs/import-people';

/**
 * CSV imports as background jobs: `startImport` queues one (a pg-boss job, written in the caller's transaction),
 * a worker runs it (`hr.import-people`), and every reader settles the state from the database: an import is
 * running while its worker's heartbeat is fresh, whichever process asks.
 */

/** Queues a validated import for a worker. Refused while another import of the company is queued or running. */
export async function startImport(
  db: Executor,
  tenantId: string,
  importId: string,
  actorId: string | null,
): Promise<PeopleImport> {
  await settleImports(db, tenantId);
  const jobId = randomUUID();
  const record = await markImportQueued(db, tenantId, importId, jobId);
  await sendJob(importPeopleJob, { tenantId, importId, actorId }, { db, id: jobId });
  return record;
}

const WORKER_DIED =
  'The import stopped: the worker running it ended without finishing. Nothing was imported (the import is all or nothing). Import again.';
const JOB_ENDED = 'The import job ended before the import ran. Nothing was imported. Import again.';

/**
 * Declares a queued or running import failed when it really died: queued, but its job is gone or has ended (pg-boss
 * state failed, cancelled or completed without it running); importing, but no heartbeat for `STALE_AFTER_SECONDS`.
 * Each change is conditional, so a worker that moves on meanwhile wins. Returns whether the import was changed.
 */
export async function settleImport(
  db: Executor,
  record: Pick<PeopleImport, 'id' | 'status' | 'jobId'>,
): Promise<boolean> {
  if (record.status === 'queued') {
    const state = record.jobId ? await getJobState(importPeopleJob, record.jobId, { db }) : null;
    if (state && ['created', 'retry', 'active'].includes(state)) return false;
    return markFailed(db, record, JOB_ENDED, eq(peopleImports.status, 'queued'));
  }
  if (record.status === 'importing') {
    const silent = or(
      isNull(peopleImports.heartbeatAt),
      lt(peopleImports.heartbeatAt, sql`now() - make_interval(secs => ${STALE_AFTER_SECONDS})`),
    );
    const failed = await markFailed(db, record, WORKER_DIED, and(eq(peopleImports.status, 'importing'), silent)!);
    // Its pg-boss job would be retried once it expires: the import is settled, so cancel it.
    if (failed && record.jobId) await cancelJob(importPeopleJob, record.jobId, { db });
    return failed;
  }
  return false;
}

async function markFailed(
  db: Executor,
  record: Pick<PeopleImport, 'id' | 'jobId'>,
  failure: string,
  condition: ReturnType<typeof eq>,
) {
  const sameJob = record.jobId ? eq(peopleImports.jobId, record.jobId) : isNull(peopleImports.jobId);
  const changed = await db
    .update(peopleImports)
    .set({ status: 'failed', failure, finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(peopleImports.id, record.id), sameJob, condition))
    .returning({ id: peopleImports.id });
  return changed.length > 0;
}

/** Settles every queued or running import of a company (before starting another one). */
export async function settleImports(db: Executor, tenantId: string) {
  const active = await db
    .select({ id: peopleImports.id, status: peopleImports.status, jobId: peopleImports.jobId })
    .from(peopleImports)
    .where(and(eq(peopleImports.tenantId, tenantId), inArray(peopleImports.status, ['queued', 'importing'])));
  for (const record of active) await settleImport(db, record);
}

/** The import as its page shows it (settled first), with the first rows of its file while it is kept. */
export async function getImportView(db: Executor, tenantId: string, importId: string) {
  let record = await getImport(db, tenantId, importId);
  if (await settleImport(db, record)) record = await getImport(db, tenantId, importId);
  return { record, ...(await importSample(db, importId)) };
}
