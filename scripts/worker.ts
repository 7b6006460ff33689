// `npm run worker`: a process that runs only the background jobs (pg-boss workers and cron schedules), no web
// server. Run as many as you like on one database, beside `next start` processes (with or without ROSTER_JOBS=off).
//
//   DATABASE_URL=postgres://… npm run worker                 # every job in lib/jobs/registry.ts
//   npm run worker -- --only hr.import-people                 # only these jobs (comma-separated queue names)
//
// SIGTERM/SIGINT stop it gracefully: running jobs get up to 20 s (their signal is aborted), the rest are retried.
import { parseArgs } from 'node:util';
import { closeDb } from '@/db/client';
import { JOBS } from '@/lib/jobs/registry';
import { describeJobs, startWorkers, stopOnSignals } from '@/lib/jobs/worker';

const { values } = parseArgs({ options: { only: { type: 'string' }, 'polling-seconds': { type: 'string' } } });

async function main() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set (start the worker with `npm run worker`).');
  const only = values.only
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = only?.filter((name) => !JOBS.some((job) => job.name === name)) ?? [];
  if (unknown.length)
    throw new Error(`Unknown job(s): ${unknown.join(', ')}. Jobs: ${JOBS.map((job) => job.name).join(', ')}`);
  const pollingIntervalSeconds = values['polling-seconds'] ? Number(values['polling-seconds']) : undefined;
  const workers = await startWorkers(JOBS, { connectionString, only, pollingIntervalSeconds });
  stopOnSignals(async () => {
    await workers.stop();
    await closeDb();
    console.log(`[roster] worker ${process.pid} stopped.`);
  });
  console.log(`[roster] worker ${process.pid} running: ${describeJobs(workers.jobs)}`);
}

main().catch((error) => {
  console.error('[roster] worker failed to start:', error);
  process.exit(1);
});
