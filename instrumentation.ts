/**
 * Runs once when a Next.js server starts, in the Node.js runtime of a running server only (not on the edge runtime
 * and not while `next build` prerenders pages): checks the configuration, prints the first-run setup code, and
 * starts the background jobs (lib/jobs/worker with the list of lib/jobs/registry). `ROSTER_JOBS=off` leaves them to
 * `npm run worker` processes.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { checkStartupConfiguration, announceSetupCode } = await import('./lib/startup');
  checkStartupConfiguration();
  await announceSetupCode();
  const [{ startBackgroundJobs }, { JOBS }] = await Promise.all([
    import('./lib/jobs/worker'),
    import('./lib/jobs/registry'),
  ]);
  // Not awaited: the server starts serving while pg-boss starts.
  void startBackgroundJobs(JOBS);
}
