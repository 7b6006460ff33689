// `npm run bench:hr-api`: reads 100,000 people in pages of 1,000 through the HR API on a real PostgreSQL server and
// prints people/s. First in-process through the real route handler (no HTTP), then over HTTP against `next start`
// (when a production build exists). Options (environment):
//   BENCH_DATABASE_URL / DATABASE_URL   default postgres://roster_bench_api:roster_bench_api@127.0.0.1:5432/roster_bench_api
//   BENCH_PEOPLE (100000)  BENCH_PAGE (1000)  BENCH_RUNS (3)  BENCH_PORT (3103)  BENCH_HTTP=0 to skip HTTP
//   BENCH_RESEED=1 to seed again even when the bench tenant already holds the right number of people
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

const DEFAULT_URL = 'postgres://roster_bench_api:roster_bench_api@127.0.0.1:5432/roster_bench_api';
process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_URL;
process.env.NEXT_TELEMETRY_DISABLED = '1';
// Throughput benchmarks measure the API, not its rate limits (bench:isolation measures those).
process.env.ROSTER_LIMIT_HR_API_PER_MINUTE ??= '0';
process.env.ROSTER_LIMIT_HR_API_TENANT_PER_MINUTE ??= '0';
process.env.ROSTER_LIMIT_TOKENS_PER_MINUTE ??= '0';
delete process.env.ROSTER_PUBLIC_URL;
delete process.env.NEXTAUTH_URL;

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const PAGE = Number(process.env.BENCH_PAGE ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3103);
const TENANT_NAME = 'HR API benchmark';
const SERVICE_PATH = '/cezanneondemand/v7/dataservice.svc';
const TARGET = 20_000;

type Page = { value: { PersonCode: string }[]; '@odata.nextLink'?: string; '@odata.count'?: number };

function rate(count: number, ms: number) {
  return Math.round(count / (ms / 1000));
}

async function main() {
  const { assertLocalDatabase, migrateDatabase } = await import('../db/embedded.mjs');
  const { getBatchDb, closeDb } = await import('../db/client');
  const { eq, sql } = await import('drizzle-orm');
  const { tenants, authorisedApplications } = await import('../db/schema');
  const { seedTenantDefaults } = await import('../lib/hr/tenant-defaults');
  const { createApplication } = await import('../lib/hr-api/applications');
  const { issueClientCredentialsToken } = await import('../lib/hr-api/oauth');
  const { GET } = await import('../app/cezanneondemand/v7/dataservice.svc/People/route');
  const { seedBenchPeople, seedDepartments } = await import('./bulk-people');

  assertLocalDatabase(process.env.DATABASE_URL!);
  console.log(`HR API benchmark — ${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${os.loadavg()[0].toFixed(2)}`);
  const db = getBatchDb();
  const [{ version }] = (await db.execute(sql`select version()`)).rows as { version: string }[];
  console.log(`database: ${version.split(',')[0]} at ${new URL(process.env.DATABASE_URL!).host}`);
  await migrateDatabase(process.env.DATABASE_URL!);

  // --- seed (or reuse) the bench tenant -------------------------------------------------------------------------
  let [tenant] = await db.select().from(tenants).where(eq(tenants.name, TENANT_NAME)).limit(1);
  const existing = tenant
    ? Number(((await db.execute(sql`select count(*)::int as n from people where tenant_id = ${tenant.id}`)).rows[0] as { n: number }).n)
    : 0;
  if (!tenant || existing !== PEOPLE || process.env.BENCH_RESEED === '1') {
    if (tenant) await db.delete(tenants).where(eq(tenants.id, tenant.id));
    [tenant] = await db.insert(tenants).values({ name: TENANT_NAME }).returning();
    await seedTenantDefaults(db, tenant.id);
    await seedDepartments(db, tenant.id, 25);
    const started = performance.now();
    await seedBenchPeople(db, tenant.id, PEOPLE, {
      onProgress: (done) => process.stdout.write(`\rseeding people: ${done}/${PEOPLE}`),
    });
    const ms = performance.now() - started;
    process.stdout.write('\n');
    await db.execute(sql`analyze people; analyze employments; analyze user_accounts; analyze departments`);
    console.log(`seeded ${PEOPLE} people (1 employment each, a user account for ~1/3) in ${(ms / 1000).toFixed(1)} s (${rate(PEOPLE, ms)} people/s)`);
  } else {
    console.log(`reusing ${existing} seeded people (BENCH_RESEED=1 to seed again)`);
  }

  await db.delete(authorisedApplications).where(eq(authorisedApplications.tenantId, tenant.id)); // earlier runs' apps
  const { application, clientSecret } = await createApplication(db, tenant.id, null, {
    name: `bench ${Date.now()}`,
    description: null,
    scopes: ['api_read'],
  });

  // --- in-process: the real route handler, real Request/Response, JSON parsed as a client would ---------------
  const { access_token } = await issueClientCredentialsToken(db, { grantType: 'client_credentials', clientId: application.clientId, clientSecret });
  const base = 'http://bench.local';
  async function readAllInProcess() {
    let url: string | undefined = `${base}${SERVICE_PATH}/People?$top=${PAGE}`;
    let count = 0;
    let pages = 0;
    const seen = new Set<string>();
    const started = performance.now();
    while (url) {
      const response = await GET(new Request(url, { headers: { authorization: `Bearer ${access_token}` } }));
      if (response.status !== 200) throw new Error(`page ${pages}: ${response.status} ${await response.text()}`);
      const body = (await response.json()) as Page;
      for (const person of body.value) seen.add(person.PersonCode);
      count += body.value.length;
      pages += 1;
      url = body['@odata.nextLink'];
    }
    const ms = performance.now() - started;
    if (count !== PEOPLE || seen.size !== PEOPLE) throw new Error(`read ${count} people (${seen.size} distinct), expected ${PEOPLE}`);
    return { ms, pages };
  }

  const results: { mode: string; best: number; median: number }[] = [];
  async function measure(mode: string, run: () => Promise<{ ms: number; pages: number }>) {
    const rates: number[] = [];
    for (let i = 1; i <= RUNS; i += 1) {
      const { ms, pages } = await run();
      rates.push(rate(PEOPLE, ms));
      console.log(`  ${mode} run ${i}: ${PEOPLE} people in ${pages} pages, ${(ms / 1000).toFixed(2)} s → ${rate(PEOPLE, ms)} people/s`);
    }
    const sorted = [...rates].sort((a, b) => a - b);
    results.push({ mode, best: sorted.at(-1)!, median: sorted[Math.floor(sorted.length / 2)] });
  }

  console.log(`\nin-process (route handler GET /People, $top=${PAGE}, following @odata.nextLink):`);
  await measure('in-process', readAllInProcess);
  await closeDb();

  // --- over HTTP against next start -----------------------------------------------------------------------------
  if (process.env.BENCH_HTTP !== '0') {
    if (!existsSync('.next/BUILD_ID')) {
      console.log('\nHTTP: skipped (no production build; run `npx next build` first)');
    } else {
      const server = await startServer();
      try {
        const origin = `http://127.0.0.1:${PORT}`;
        const tokenResponse = await fetch(`${origin}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: application.clientId, client_secret: clientSecret }),
        });
        const { access_token: httpToken } = (await tokenResponse.json()) as { access_token: string };
        // fetch asks for gzip like any client; Next compresses the ~470 KB pages. `identity` shows the cost of that.
        const readAllOverHttp = (encoding: 'gzip, deflate' | 'identity') => async () => {
          let url: string | undefined = `${origin}${SERVICE_PATH}/People?$top=${PAGE}`;
          let count = 0;
          let pages = 0;
          const started = performance.now();
          while (url) {
            const response = await fetch(url, { headers: { authorization: `Bearer ${httpToken}`, 'accept-encoding': encoding } });
            if (response.status !== 200) throw new Error(`HTTP page ${pages}: ${response.status} ${await response.text()}`);
            const body = (await response.json()) as Page;
            count += body.value.length;
            pages += 1;
            url = body['@odata.nextLink'];
          }
          const ms = performance.now() - started;
          if (count !== PEOPLE) throw new Error(`HTTP read ${count} people, expected ${PEOPLE}`);
          return { ms, pages };
        };
        await readAllOverHttp('gzip, deflate')(); // warm-up: fills caches and the server's connection pool
        console.log(`\nHTTP (next start on ${origin}, fetch with Accept-Encoding: gzip, $top=${PAGE}):`);
        await measure('HTTP gzip', readAllOverHttp('gzip, deflate'));
        console.log(`\nHTTP (same, Accept-Encoding: identity, no compression):`);
        await measure('HTTP plain', readAllOverHttp('identity'));
      } finally {
        await stopServer(server);
      }
    }
  }

  console.log(`\nload average at the end: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (other work on this machine skews the figures)`);
  console.log('summary (people/s, target ≥ 20,000):');
  for (const r of results) {
    console.log(`  ${r.mode.padEnd(11)} best ${r.best}  median ${r.median}  ${r.median >= TARGET ? 'OK' : 'BELOW TARGET'}`);
  }
}

async function startServer(): Promise<ChildProcess> {
  const child = spawn('node_modules/.bin/next', ['start', '-p', String(PORT), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXTAUTH_SECRET: 'bench-only-secret',
      ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
      ROSTER_PUBLIC_URL: `http://127.0.0.1:${PORT}`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/ping`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stopServer(child);
  throw new Error(`next start did not answer on port ${PORT}`);
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
