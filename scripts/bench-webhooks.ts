// `npm run bench:webhooks`: webhook delivery throughput on a real PostgreSQL server. Writes BENCH_EVENTS (10,000)
// events to the outbox of a bench tenant with 3 endpoints, then lets the real pg-boss jobs (fan-out, then one
// delivery job per endpoint) deliver all 30,000 to local receivers (another process), and prints deliveries/s.
// In the same run it measures the /api/ping floor of `next start` (autocannon, 16 connections) and scales the target:
// 500 deliveries/s × floor / 1600.
//   BENCH_DATABASE_URL / DATABASE_URL   a local PostgreSQL database (migrated; gets a bench tenant)
//   BENCH_EVENTS (10000)  BENCH_DIRECTORIES (1: every event in one directory, the strictest ordering)
//   BENCH_ROUNDS (3)  BENCH_PORT (3108, for next start)  BENCH_FLOOR=0 to skip the floor
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { JobDefinition } from '../lib/jobs/define';

const ENDPOINTS = 3;
const TARGET = 500;
const FLOOR_REFERENCE = 1600;

// --- receiver process: answers 200, counts per endpoint path and per second, checks each directory's order --------
async function runReceiver() {
  const stats = new Map<string, { count: number; outOfOrder: number; last: Map<string, number> }>();
  const perSecond = new Map<string, Map<number, number>>(); // round prefix (/r1) → second → deliveries
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      const prefix = req.url ?? '/';
      const paths = [...stats].filter(([path]) => path.startsWith(`${prefix}/`));
      const counts = perSecond.get(prefix) ?? new Map<number, number>();
      const first = Math.min(...counts.keys());
      const last = Math.max(...counts.keys());
      const seconds = counts.size
        ? Array.from({ length: last - first + 1 }, (_, k) => [first + k, counts.get(first + k) ?? 0] as const)
        : [];
      const body = {
        count: paths.reduce((sum, [, s]) => sum + s.count, 0),
        outOfOrder: paths.reduce((sum, [, s]) => sum + s.outOfOrder, 0),
        // Whole seconds only: the first and the last second of the run are partial.
        fullSeconds: seconds.slice(1, -1).map(([, n]) => n),
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const s = stats.get(path) ?? { count: 0, outOfOrder: 0, last: new Map() };
      stats.set(path, s);
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { directory_id: string; n: number } };
      s.count += 1;
      if ((s.last.get(event.data.directory_id) ?? -1) > event.data.n) s.outOfOrder += 1;
      s.last.set(event.data.directory_id, event.data.n);
      const prefix = path.slice(0, path.indexOf('/', 1));
      const second = Math.floor(Date.now() / 1000);
      const counts = perSecond.get(prefix) ?? new Map<number, number>();
      perSecond.set(prefix, counts.set(second, (counts.get(second) ?? 0) + 1));
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
}

function startReceiverProcess(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', process.argv[1], '--receiver'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve({ child, port: Number(chunk.toString().trim()) }));
    child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  });
}

// --- the /api/ping floor -------------------------------------------------------------------------------------------
async function measureFloor(url: string, port: number): Promise<{ rps: number; p50: number; p95: number } | null> {
  if (process.env.BENCH_FLOOR === '0') return null;
  if (!existsSync('.next/BUILD_ID')) {
    console.log('[bench] building (next build) for the /api/ping floor…');
    if (spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit' }).status !== 0)
      throw new Error('next build failed');
  }
  const base = `http://127.0.0.1:${port}`;
  const server = spawn('node_modules/.bin/next', ['start', '-p', String(port), '-H', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
    env: {
      ...process.env,
      DATABASE_URL: url,
      NODE_ENV: 'production',
      ROSTER_JOBS: 'off', // this server must not deliver the bench's webhooks
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'bench-only-secret',
      ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? '419d2982462fe20c882aedc461321ed9f651ec9ce2e50ed12b47bf1afeb4a419',
      ROSTER_PUBLIC_URL: base,
    },
  });
  try {
    for (let i = 0; ; i += 1) {
      if (server.exitCode !== null) throw new Error('next start exited');
      try {
        if ((await fetch(`${base}/api/ping`)).ok) break;
      } catch {
        // not up yet
      }
      if (i > 240) throw new Error('next start did not answer');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const run = (seconds: number) =>
      new Promise<autocannon.Result>((resolve, reject) =>
        autocannon({ url: `${base}/api/ping`, connections: 16, duration: seconds }, (error, result) =>
          error ? reject(error) : resolve(result),
        ),
      );
    await run(2); // warm-up
    const result = await run(10);
    const r = result as unknown as { requests: { average: number }; latency: { p50: number; p97_5: number } };
    return { rps: r.requests.average, p50: r.latency.p50, p95: r.latency.p97_5 };
  } finally {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

// --- the delivery run ----------------------------------------------------------------------------------------------
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

async function main() {
  if (process.argv.includes('--receiver')) return runReceiver();
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) {
    console.error(
      'Set BENCH_DATABASE_URL (or DATABASE_URL) to a local PostgreSQL database, e.g.\n  BENCH_DATABASE_URL=postgres://roster:roster@127.0.0.1:5432/roster_bench npm run bench:webhooks',
    );
    process.exit(2);
  }
  process.env.DATABASE_URL = url;
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  // A fixed test-only key in the format ENCRYPTION_KEY requires (32 bytes, hex): bench data only.
  process.env.ENCRYPTION_KEY ??= '419d2982462fe20c882aedc461321ed9f651ec9ce2e50ed12b47bf1afeb4a419';
  process.env.ROSTER_EGRESS_ALLOW_PRIVATE = '1'; // the receivers listen on 127.0.0.1
  const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
  const DIRECTORIES = Math.max(1, Number(process.env.BENCH_DIRECTORIES ?? 1));
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
  const PORT = Number(process.env.BENCH_PORT ?? 3108);

  const { assertLocalDatabase, migrateDatabase } = await import('../db/embedded.mjs');
  assertLocalDatabase(url);
  await migrateDatabase(url);
  const { getDb, closeDb } = await import('../db/client');
  const { sql, eq, and, inArray } = await import('drizzle-orm');
  const { tenants, webhookDeliveries } = await import('../db/schema');
  const { lockOutbox } = await import('../lib/directory-sync/events');
  const { newId } = await import('../lib/directory-sync/ids');
  const { createEndpoint } = await import('../lib/directory-sync/webhooks/endpoints');
  const { sendFanOutJob } = await import('../lib/directory-sync/webhooks/jobs');
  const { egressPolicyFromEnv } = await import('../lib/net/egress');
  const { startWorkers } = await import('../lib/jobs/worker');
  const { webhookDeliveryJob, webhookFanOutJob } = await import('../lib/directory-sync/jobs');
  const db = getDb();

  console.log(
    `[bench] webhooks — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`,
  );
  const floor = await measureFloor(url, PORT);
  if (floor)
    console.log(
      `[bench] /api/ping floor: ${floor.rps.toFixed(0)} req/s (p50 ${floor.p50} ms, p97.5 ${floor.p95} ms, 16 connections)`,
    );
  const target = floor ? Math.round((TARGET * floor.rps) / FLOOR_REFERENCE) : TARGET;

  const receiver = await startReceiverProcess();
  const jobs = [webhookFanOutJob, webhookDeliveryJob] as JobDefinition<unknown>[];
  const workers = await startWorkers(jobs, {
    connectionString: url,
    pollingIntervalSeconds: 0.5,
    only: jobs.map((job) => job.name),
  });
  const boss = workers.boss;
  const results: { rate: number; seconds: number; fanOutMs: number; windows: number[]; cpuMsPerDelivery: number }[] =
    [];
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      const [tenant] = await db
        .insert(tenants)
        .values({ name: `Webhooks benchmark ${new Date().toISOString()}` })
        .returning();
      try {
        for (let e = 0; e < ENDPOINTS; e += 1) {
          await createEndpoint(
            db,
            tenant.id,
            null,
            { url: `http://127.0.0.1:${receiver.port}/r${round}/e${e}`, events: ['dsync.user.updated'] },
            egressPolicyFromEnv(),
          );
        }
        const directories = Array.from({ length: DIRECTORIES }, () => newId('directory'));
        const organizationId = newId('organization');
        await db.transaction(async (tx) => {
          await lockOutbox(tx, tenant.id);
          await tx.execute(sql`
            insert into directory_events (id, tenant_id, organization_id, directory_id, event, data, created_at)
            select 'event_' || roster_ulid(now()), ${tenant.id}::uuid, ${organizationId}, d.id, 'dsync.user.updated',
                   jsonb_build_object('object', 'directory_user', 'id', 'directory_user_' || i, 'directory_id', d.id, 'n', i,
                                      'first_name', 'Bench', 'last_name', 'User ' || i, 'email', 'user' || i || '@bench.test',
                                      'state', 'active', 'custom_attributes', jsonb_build_object('department_name', 'Engineering'),
                                      'previous_attributes', jsonb_build_object('last_name', 'Old ' || i)), now()
            from generate_series(1, ${EVENTS}::int) i
            join (select unnest(${sql.param(directories)}::text[]) as id, generate_subscripts(${sql.param(directories)}::text[], 1) - 1 as k) d
              on d.k = i % ${DIRECTORIES}
            order by i`);
        });
        const total = EVENTS * ENDPOINTS;
        const done = async () =>
          Number(
            (
              await db
                .select({ n: sql<number>`count(*)::int` })
                .from(webhookDeliveries)
                .where(and(eq(webhookDeliveries.tenantId, tenant.id), inArray(webhookDeliveries.status, ['succeeded'])))
            )[0].n,
          );
        const started = performance.now();
        const cpuBefore = process.cpuUsage();
        await sendFanOutJob(boss, tenant.id);
        let fanOutMs = 0;
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          const t = performance.now() - started;
          if (!fanOutMs) {
            const [{ n }] = await db
              .select({ n: sql<number>`count(*)::int` })
              .from(webhookDeliveries)
              .where(eq(webhookDeliveries.tenantId, tenant.id));
            if (Number(n) === total) fanOutMs = t;
          }
          const n = await done();
          if (n >= total) break;
          if (t > 10 * 60_000) throw new Error(`round ${round}: only ${n}/${total} delivered after 10 minutes`);
        }
        const seconds = (performance.now() - started) / 1000;
        const cpu = process.cpuUsage(cpuBefore);
        const cpuMsPerDelivery = (cpu.user + cpu.system) / 1000 / total;
        const rate = total / seconds;
        results.push({ rate, seconds, fanOutMs, windows: [], cpuMsPerDelivery });
        const stats = (await (await fetch(`http://127.0.0.1:${receiver.port}/r${round}`)).json()) as {
          count: number;
          outOfOrder: number;
          fullSeconds: number[];
        };
        const received = stats.count;
        const outOfOrder = stats.outOfOrder;
        results.at(-1)!.windows = stats.fullSeconds;
        console.log(
          `[bench] round ${round}: ${total} deliveries (${EVENTS} events × ${ENDPOINTS} endpoints, ${DIRECTORIES} director${DIRECTORIES === 1 ? 'y' : 'ies'}) in ${seconds.toFixed(2)} s → ${rate.toFixed(0)} deliveries/s; fan-out done at ${(fanOutMs / 1000).toFixed(2)} s; receiver got ${received} (${received - total} duplicates), ${outOfOrder} out of order; worker CPU ${cpuMsPerDelivery.toFixed(2)} ms per delivery`,
        );
      } finally {
        await db.delete(tenants).where(eq(tenants.id, tenant.id));
      }
    }
  } finally {
    await workers.stop({ timeoutSeconds: 1 }).catch(() => {});
    receiver.child.kill('SIGTERM');
    await closeDb();
  }

  const rates = results.map((r) => r.rate).sort((a, b) => a - b);
  const windows = results.flatMap((r) => r.windows).sort((a, b) => a - b);
  const median = percentile(rates, 50);
  const slowSeconds = percentile(windows, 5); // 95 % of the seconds delivered at least this many
  console.log(
    `\nWebhook delivery benchmark (${ROUNDS} rounds, pg-boss delivery jobs in this process, receivers in another, next start stopped during delivery)`,
  );
  console.log(
    `  floor /api/ping:          ${floor ? `${floor.rps.toFixed(0)} req/s` : 'not measured'} → target ${target} deliveries/s (${TARGET} × floor/${FLOOR_REFERENCE})`,
  );
  console.log(
    `  deliveries/s per round:   ${results.map((r) => r.rate.toFixed(0)).join(' / ')}  (median ${median.toFixed(0)})`,
  );
  console.log(
    `  deliveries per second at the receivers (${windows.length} whole seconds): median ${percentile(windows, 50)}, p95 (95 % of seconds at least) ${slowSeconds}`,
  );
  console.log(
    `  verdict: median ${median >= target ? 'OK' : 'BELOW TARGET'}, p95 ${slowSeconds >= target ? 'OK' : 'BELOW TARGET'}`,
  );
  setTimeout(() => process.exit(0), 200);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
