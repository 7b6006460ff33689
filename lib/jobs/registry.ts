import type { JobDefinition } from './define';
import { leaverSweepJob } from './leaver-sweep';
import { securityCleanupJob } from './security-cleanup';

/**
 * Every background job the server runs. To add one: write `lib/jobs/<name>.ts` exporting a `defineJob({...})`
 * (name, data schema, optional cron, run) and list it here; `startJobs` creates its queue, worker and schedule.
 */
export const JOBS: JobDefinition<unknown>[] = [leaverSweepJob, securityCleanupJob];
