/** Directory Sync's lib API (dashboard, WorkOS-compatible API and jobs call these). */
export { createOrganization, getOrganization, listOrganizations, requireOrganization } from './organizations';
export {
  createDirectory,
  deleteDirectory,
  directoryMetadata,
  getDirectory,
  listDirectories,
  requestSyncNow,
  requireDirectory,
  updateDirectoryCredentials,
} from './directories';
export { approveHeldRun, discardHeldRun, getSyncRun, listSyncRuns } from './runs';
export { getDirectoryGroup, getDirectoryUser, listDirectoryGroups, listDirectoryUsers, listEvents } from './queries';
export { handleSyncJob, SyncRunFailedError } from './engine';
export { runSchedulerTick } from './scheduler';
export { SYNC_JOB, TICK_JOB, type JobSender, type SyncDeps, type SyncJobData } from './context';
