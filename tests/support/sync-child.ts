// A separate worker process for tests: runs one sync job (argv[2] = JSON job data) and exits. Tests SIGKILL it.
import { getDb, closeDb } from '@/db/client';
import { handleSyncJob } from '@/lib/directory-sync/engine';

const data = JSON.parse(process.argv[2]);
const sender = { send: async () => null };
handleSyncJob({ db: getDb(), sender, providerOptions: { timeoutMs: 5000 } }, data)
  .then((outcome) => console.log(JSON.stringify(outcome)))
  .finally(() => closeDb());
