import { randomBytes } from 'node:crypto';
// What every benchmark shares (`npm run bench:*`): its own migrated database, `next start` on it, the `/api/ping`
// floor of this machine measured in the same run, percentiles, and one verdict line per target.
//
// Targets are written for a machine whose floor is 1,600 requests/s (autocannon, 16 connections, GET /api/ping) and
// scaled by the floor measured now: rates × floor/1600, durations × 1600/floor. A target is met only when the median
// AND the 95th percentile meet it (for a rate: the rate of the median sample and of the 95th-percentile-slow one).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { assertLocalDatabase, migrateDatabase } from '../db/embedded.mjs';

export const REFERENCE_FLOOR = 1600;

/** The database of a benchmark: `BENCH_DATABASE_URL`, else `DATABASE_URL`; local only; migrated here. */
export async function prepareBenchDatabase(name: string): Promise<string> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) {
    console.error(
      `${name} needs a local PostgreSQL database: BENCH_DATABASE_URL=postgres://user:password@127.0.0.1:5432/<database> npm run ${name}`,
    );
    process.exit(2);
  }
  assertLocalDatabase(url);
  process.env.DATABASE_URL = url;
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  await migrateDatabase(url);
  console.log(
    `${name} — ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, load average ${os.loadavg()[0].toFixed(2)}`,
  );
  console.log(`database ${url.replace(/:[^:@/]+@/, ':***@')} (migrated)`);
  return url;
}

export type App = { baseUrl: string; stop(): Promise<void> };

/**
 * `next start` on the benchmark's database (built first when there is no build), with no background jobs (a
 * benchmark runs the work it measures itself). Resolves once `/api/ping` answers.
 */
export async function startApp(options: { port: number; env?: Record<string, string> }): Promise<App> {
  if (!existsSync(path.resolve('.next/BUILD_ID'))) {
    console.log('no production build: running `next build` first…');
    if (spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit' }).status !== 0)
      throw new Error('next build failed');
  }
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const child = spawn('node_modules/.bin/next', ['start', '-p', String(options.port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ROSTER_JOBS: 'off',
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'bench-only-secret',
      ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
      // Throughput benchmarks measure the app, not its rate limits (bench:isolation measures those).
      ROSTER_LIMIT_SCIM_PER_MINUTE: '0',
      ROSTER_LIMIT_HR_API_PER_MINUTE: '0',
      ROSTER_LIMIT_HR_API_TENANT_PER_MINUTE: '0',
      ROSTER_LIMIT_TOKENS_PER_MINUTE: '0',
      ROSTER_LIMIT_TOKENS_TENANT_PER_MINUTE: '0',
      NEXTAUTH_URL: baseUrl,
      ROSTER_PUBLIC_URL: baseUrl,
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const app = { baseUrl, stop: () => stopProcessGroup(child) };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('next start exited early');
    try {
      if ((await fetch(`${baseUrl}/api/ping`)).ok) return app;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await app.stop();
  throw new Error(`next start did not answer on ${baseUrl}`);
}

async function stopProcessGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode || !child.pid) return;
  const exited = new Promise((resolve) => child.once('exit', () => resolve(true)));
  process.kill(-child.pid, 'SIGTERM');
  // Next waits for open keep-alive connections before it exits: do not wait for it longer than 10 s.
  if (!(await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(false), 10_000))])))
    process.kill(-child.pid, 'SIGKILL');
}

export type Load = { rps: number; latencies: number[]; errors: number; statuses: Record<string, number> };

/** autocannon against one URL (or request list) for `seconds`, keeping every response time. */
export function load(options: autocannon.Options & { seconds: number }): Promise<Load> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    const instance = autocannon(
      { connections: 16, timeout: 20, ...options, duration: options.seconds },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          rps: result.requests.total / (result.duration || options.seconds),
          latencies,
          errors: result.errors + result.timeouts,
          statuses,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

/** The floor: GET /api/ping (one `select 1`) at 16 connections for `seconds`, after a 1 s warm-up. */
export async function measureFloor(app: App, seconds = 5): Promise<number> {
  await load({ url: `${app.baseUrl}/api/ping`, seconds: 1 });
  const { rps, errors } = await load({ url: `${app.baseUrl}/api/ping`, seconds });
  if (errors) throw new Error(`/api/ping failed ${errors} times while measuring the floor`);
  console.log(
    `floor: GET /api/ping ${Math.round(rps)} requests/s at 16 connections (targets scale by ${(rps / REFERENCE_FLOOR).toFixed(2)})`,
  );
  return rps;
}

/** The value at percentile `p` (0–100) of the samples (nearest rank). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export type Stats = { median: number; p95: number; max: number; count: number };

export function stats(samples: number[]): Stats {
  return {
    median: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: percentile(samples, 100),
    count: samples.length,
  };
}

export type Target = { at: 'most'; ms: number } | { at: 'least'; perSecond: number };

/** A target scaled to the measured floor: durations × 1600/floor, rates × floor/1600. */
export function scaleTarget(target: Target, floor: number): Target {
  return target.at === 'most'
    ? { at: 'most', ms: target.ms * (REFERENCE_FLOOR / floor) }
    : { at: 'least', perSecond: target.perSecond * (floor / REFERENCE_FLOOR) };
}

const verdicts: boolean[] = [];

/**
 * One verdict line. `median` and `p95` are durations in ms for an `at most` target; for an `at least` target they
 * are the rate of the median sample and of the slow (95th-percentile) one.
 */
export function verdict(
  label: string,
  measured: { median: number; p95: number },
  target: Target,
  floor: number,
): boolean {
  const scaled = scaleTarget(target, floor);
  const ok =
    scaled.at === 'most'
      ? measured.median <= scaled.ms && measured.p95 <= scaled.ms
      : measured.median >= scaled.perSecond && measured.p95 >= scaled.perSecond;
  const unit = scaled.at === 'most' ? 'ms' : '/s';
  const shown = (n: number) => (scaled.at === 'most' ? n.toFixed(1) : Math.round(n).toLocaleString('en'));
  const goal =
    scaled.at === 'most'
      ? `≤ ${scaled.ms.toFixed(1)} ms (${Math.round((target as { ms: number }).ms)} at floor ${REFERENCE_FLOOR})`
      : `≥ ${Math.round(scaled.perSecond).toLocaleString('en')}/s (${(target as { perSecond: number }).perSecond.toLocaleString('en')} at floor ${REFERENCE_FLOOR})`;
  console.log(
    `  ${label.padEnd(50)} median ${shown(measured.median).padStart(8)} ${unit}  p95 ${shown(measured.p95).padStart(8)} ${unit}  target ${goal}  ${ok ? 'ok' : 'MISSED'}`,
  );
  verdicts.push(ok);
  return ok;
}

/** Rates of the median and of the 95th-percentile-slow sample, from per-item durations (ms) and items per sample. */
export function ratesFrom(durationsMs: number[], itemsPerSample: number): { median: number; p95: number } {
  return {
    median: (itemsPerSample * 1000) / percentile(durationsMs, 50),
    p95: (itemsPerSample * 1000) / percentile(durationsMs, 95),
  };
}

/** The closing line: how many targets were met. */
export function summary(name: string, floor: number) {
  const met = verdicts.filter(Boolean).length;
  console.log(
    `\n${name}: ${met} of ${verdicts.length} targets met (median and p95), floor ${Math.round(floor)} requests/s, load average ${os.loadavg()[0].toFixed(2)}.`,
  );
}
