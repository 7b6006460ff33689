import { getDb } from '@/db/client';
import type { SyncDeps } from '@/lib/directory-sync';
import { startBackgroundJobs } from '@/lib/jobs/boss';

/** What the Directory Sync functions need when a staff action calls them: the database and a job sender. */
export function syncDeps(): SyncDeps {
  return {
    db: getDb(),
    sender: {
      send: async (name, data, options) => {
        const boss = await startBackgroundJobs();
        if (!boss) throw new Error('Background jobs are not running in this process.');
        return boss.send(name, data, options ?? {});
      },
    },
  };
}
