import { z } from 'zod';
import { defineJob } from '@/lib/jobs/define';
import { runImport } from '../csv-import';

/**
 * Runs one queued CSV import (sent by `startImport`, lib/hr/import-queue.ts). A worker that stops gracefully rolls
 * the import back and the job is retried; a worker that dies is noticed by its missing heartbeat (the import is then
 * reported failed, see `settleImport`). One hour at most: the largest file (200,000 rows) takes about a minute.
 */
export const importPeopleJob = defineJob({
  name: 'hr.import-people',
  data: z.object({ tenantId: z.uuid(), importId: z.uuid(), actorId: z.uuid().nullable() }),
  retry: { limit: 2, delaySeconds: 5 },
  expireInSeconds: 60 * 60,
  run: async ({ tenantId, importId, actorId }, ctx) =>
    runImport(ctx.db, tenantId, importId, actorId, { jobId: ctx.job.id, signal: ctx.signal }),
});
