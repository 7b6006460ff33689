// One Directory Sync run in its own process (the worker), for `npm run bench:sync`: argv[2] = the sync job's data.
// Prints one JSON line: outcome, wall time and the process's peak RSS.
import { performance } from 'node:perf_hooks';

async function main() {
  const { getBatchDb: getDb, closeDb } = await import('../db/client');
  const { handleSyncJob } = await import('../lib/directory-sync/engine');
  const data = JSON.parse(process.argv[2]);
  const started = performance.now();
  const outcome = await handleSyncJob({ db: getDb(), sender: { send: async () => null } }, data);
  const ms = performance.now() - started;
  await closeDb();
  console.log(JSON.stringify({ outcome, ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
