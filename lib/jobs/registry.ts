import type { JobDefinition } from './define';
import {
  directorySyncJob,
  directorySyncTickJob,
  webhookDeliveryJob,
  webhookFanOutJob,
  webhookTickJob,
} from '@/lib/directory-sync/jobs';
import { importPeopleJob } from '@/lib/hr/jobs/import-people';
import { leaverSweepJob } from '@/lib/hr/jobs/leaver-sweep';
import { purgeImportFilesJob } from '@/lib/hr/jobs/purge-import-files';
import { securityCleanupJob } from '@/lib/security/jobs/cleanup';

/**
 * Every background job the workers run: the one module of lib/jobs that imports the domains, imported only by
 * process start-up (instrumentation.ts, scripts/worker.ts). To add a job, write `lib/<domain>/jobs/<name>.ts`
 * exporting a `defineJob({...})` and list it here.
 */
export const JOBS: JobDefinition<unknown>[] = [
  leaverSweepJob,
  importPeopleJob,
  purgeImportFilesJob,
  directorySyncJob,
  directorySyncTickJob,
  webhookDeliveryJob,
  webhookFanOutJob,
  webhookTickJob,
  securityCleanupJob,
] as JobDefinition<unknown>[];
