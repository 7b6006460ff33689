import { getDb } from '@/db/client';
import type { SyncDeps } from '@/lib/directory-sync';
import { directorySyncSender } from '@/lib/directory-sync/jobs';
import { sendJob } from '@/lib/jobs/queue';

/** What the Directory Sync functions need when a staff action calls them: the database and the send-only queue. */
export function syncDeps(): SyncDeps {
  return { db: getDb(), sender: directorySyncSender(sendJob) };
}
