// `npm run bench:sync`: Directory Sync on real PostgreSQL against this app's own HR API over HTTP (`next start`).
// For each size (10,000 and 100,000 people): initial sync, unchanged re-sync, re-sync with 1% changed; each run in a
// separate worker process whose peak RSS is measured. The /api/ping floor (autocannon, 16 connections) is measured
// in the same run and scales the targets: durations × 1600 / floor.
//   BENCH_DATABASE_URL  default postgres://roster:roster@127.0.0.1:5432/roster_bench_sync (created when missing)
//   BENCH_SIZES (10000,100000)  BENCH_RUNS (3)  BENCH_PORT (3104)  BENCH_RESEED=1 to seed again
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';

const DEFAULT_URL = 'postgres://roster:roster@127.0.0.1:5432/roster_bench_sync';
const URL_ = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3104);
const BASE = `http://127.0.0.1:${PORT}`;
const REFERENCE_FLOOR = 1600;
// Targets (seconds), at both sizes; the summary also shows the cost per 1,000 people, to show it grows linearly.
const TARGETS = { initial: 60, unchanged: 15, changed: 20 };
const RSS_TARGET_MB = 512;

process.env.DATABASE_URL = URL_;
process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.ROSTER_PUBLIC_URL = BASE; // the directory's base URL is this instance's own: egress allows it
// A fixed test-only key in the format ENCRYPTION_KEY requires (32 bytes, hex): bench data only.
process.env.ENCRYPTION_KEY ??= '419d2982462fe20c882aedc461321ed9f651ec9ce2e50ed12b47bf1afeb4a419';

async function ensureDatabase() {
  const url = new URL(URL_);
  const name = url.pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(URL_), { pathname: '/postgres' }).toString() });
  await admin.connect();
  const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (!rowCount) await admin.query(`create database "${name.replace(/"/g, '')}"`);
  await admin.end();
}

function floorPing(): Promise<number> {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${BASE}/api/ping`, connections: 16, duration: 5 }, (error, result) =>
      error ? reject(error) : resolve((result.requests as unknown as { average: number }).average),
    );
  });
}

async function startServer(): Promise<ChildProcess> {
  const child = spawn('node_modules/.bin/next', ['start', '-p', String(PORT), '-H', '127.0.0.1'], {
    env: { ...process.env, NODE_ENV: 'production', NEXTAUTH_SECRET: 'bench-only-secret', ROSTER_JOBS: 'off' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  for (let i = 0; i < 120; i += 1) {
    if (child.exitCode !== null) throw new Error('next start exited');
    try {
      if ((await fetch(`${BASE}/api/ping`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`next start did not answer on ${BASE}`);
}

function stopServer(child: ChildProcess) {
  if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
}

type WorkerResult = { outcome: { outcome: string; counts?: Record<string, number> }; ms: number; peakRssMb: number };

function runWorker(job: object): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-sync-worker.ts', JSON.stringify(job)], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`worker exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) as string));
    });
  });
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

async function main() {
  await ensureDatabase();
  const { assertLocalDatabase, migrateDatabase } = await import('../db/embedded.mjs');
  assertLocalDatabase(URL_);
  await migrateDatabase(URL_);
  const { getBatchDb: getDb, closeDb } = await import('../db/client');
  const { eq, sql } = await import('drizzle-orm');
  const { tenants, authorisedApplications } = await import('../db/schema');
  const { seedTenantDefaults } = await import('../lib/tenants/bootstrap');
  const { createApplication } = await import('../lib/hr-api/applications');
  const { seedBenchPeople, seedDepartments } = await import('./bulk-people');
  const { createOrganization } = await import('../lib/directory-sync/organizations');
  const { createDirectory, requestSyncNow, updateDirectoryCredentials } =
    await import('../lib/directory-sync/directories');
  const db = getDb();
  const [{ version }] = (await db.execute(sql`select version()`)).rows as { version: string }[];
  console.log(
    `Directory Sync benchmark — ${os.cpus().length} cores, Node ${process.version}, ${version.split(',')[0]}, load ${os.loadavg()[0].toFixed(2)}`,
  );

  if (!existsSync('.next/BUILD_ID')) {
    console.log('building (next build)…');
    if (spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
  }

  // Seed (or reuse) one HR tenant per size.
  const tenantsBySize = new Map<number, { tenantId: string; clientId: string; clientSecret: string }>();
  for (const size of SIZES) {
    const name = `Directory Sync benchmark ${size}`;
    let [tenant] = await db.select().from(tenants).where(eq(tenants.name, name)).limit(1);
    const count = tenant
      ? Number(
          (
            (await db.execute(sql`select count(*)::int as n from people where tenant_id = ${tenant.id}`)).rows[0] as {
              n: number;
            }
          ).n,
        )
      : 0;
    if (!tenant || count !== size || process.env.BENCH_RESEED === '1') {
      if (tenant) await db.delete(tenants).where(eq(tenants.id, tenant.id));
      [tenant] = await db.insert(tenants).values({ name }).returning();
      await seedTenantDefaults(db, tenant.id);
      await seedDepartments(db, tenant.id, 25);
      await seedBenchPeople(db, tenant.id, size, {
        onProgress: (done) => process.stdout.write(`\rseeding ${size} people: ${done}`),
      });
      process.stdout.write('\n');
      await db.execute(sql`analyze`);
    }
    await db.delete(authorisedApplications).where(eq(authorisedApplications.tenantId, tenant.id));
    const { application, clientSecret } = await createApplication(db, tenant.id, null, {
      name: `bench ${Date.now()}`,
      description: null,
      scopes: ['api_read'],
    });
    tenantsBySize.set(size, { tenantId: tenant.id, clientId: application.clientId, clientSecret });
  }

  const server = await startServer();
  const sender = {
    sent: [] as { data: object }[],
    send: async (_name: string, data: object) => (sender.sent.push({ data }), 'bench'),
  };
  const deps = { db, sender };
  type Row = { size: number; scenario: keyof typeof TARGETS; seconds: number[]; rss: number[]; counts: string };
  const rows: Row[] = [];
  let floor = 0;
  try {
    await floorPing(); // warm-up
    floor = await floorPing();
    console.log(
      `/api/ping floor: ${floor.toFixed(0)} req/s (16 connections) → durations scale × ${(REFERENCE_FLOOR / floor).toFixed(2)}`,
    );

    for (const size of SIZES) {
      const { tenantId, clientId, clientSecret } = tenantsBySize.get(size)!;
      const record = (scenario: Row['scenario']) => {
        let row = rows.find((r) => r.size === size && r.scenario === scenario);
        if (!row) rows.push((row = { size, scenario, seconds: [], rss: [], counts: '' }));
        return row;
      };
      for (let run = 1; run <= RUNS; run += 1) {
        const organization = await createOrganization(db, tenantId, { name: `Bench org ${Date.now()}` });
        const directory = await createDirectory(db, tenantId, {
          organizationId: organization.id,
          name: 'Bench',
          baseUrl: BASE,
        });
        const linked = await updateDirectoryCredentials(deps, tenantId, directory.id, { clientId, clientSecret });
        if (linked.state !== 'linked') throw new Error(`not linked: ${linked.error}`);
        const measure = async (scenario: Row['scenario']) => {
          const result = await runWorker(sender.sent.at(-1)!.data);
          if (result.outcome.outcome !== 'succeeded') throw new Error(`${scenario}: ${JSON.stringify(result.outcome)}`);
          const row = record(scenario);
          row.seconds.push(result.ms / 1000);
          row.rss.push(result.peakRssMb);
          const c = result.outcome.counts ?? {};
          row.counts = `created ${c.usersCreated}, updated ${c.usersUpdated}, events ${c.eventsEmitted}`;
          console.log(
            `  ${size} run ${run} ${scenario.padEnd(9)} ${(result.ms / 1000).toFixed(2)} s, worker peak RSS ${result.peakRssMb.toFixed(0)} MB (${row.counts})`,
          );
        };
        await measure('initial');
        await requestSyncNow(deps, tenantId, directory.id);
        await measure('unchanged');
        await db.execute(sql`
          update people set job_title = 'Changed ' || ${String(Date.now())}::text || ' ' || person_code, updated_at = now()
          where tenant_id = ${tenantId} and id in (select id from people where tenant_id = ${tenantId} order by id limit ${Math.round(size / 100)})`);
        await requestSyncNow(deps, tenantId, directory.id);
        await measure('changed');
      }
    }
  } finally {
    stopServer(server);
    await closeDb();
  }

  const scale = REFERENCE_FLOOR / floor;
  console.log(
    `\nsummary (floor ${floor.toFixed(0)} req/s; targets × ${scale.toFixed(2)}; ${RUNS} run(s) each; median / p95)`,
  );
  for (const row of rows) {
    const target = TARGETS[row.scenario] * scale;
    const median = quantile(row.seconds, 0.5);
    const p95 = quantile(row.seconds, 0.95);
    const rss = Math.max(...row.rss);
    const ok = median <= target && p95 <= target && rss <= RSS_TARGET_MB;
    console.log(
      `  ${String(row.size).padStart(6)} ${row.scenario.padEnd(9)} median ${median.toFixed(2)} s  p95 ${p95.toFixed(2)} s  target ${target.toFixed(1)} s  peak RSS ${rss.toFixed(0)} MB  ${((median / row.size) * 1000).toFixed(3)} s/1k people  ${ok ? 'OK' : 'MISSED'}`,
    );
  }
  setTimeout(() => process.exit(0), 200);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
