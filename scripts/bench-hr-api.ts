// `npm run bench:hr-api`: reads 100,000 people in pages of 1,000 through the HR API on a real PostgreSQL server and
// prints people/s. First in-process through the real route handler (no HTTP), then over HTTP against `next start`.
//   BENCH_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/roster_bench_api npm run bench:hr-api
// Options (environment): BENCH_PEOPLE (100000)  BENCH_PAGE (1000)  BENCH_RUNS (3)  BENCH_PORT (3103)
//   BENCH_RESEED=1 to seed again even when the bench tenant already holds the right number of people
// Target: ≥ 20,000 people/s, judged on the page times (median and p95) and scaled by the floor (scripts/bench-kit.ts).
import { performance } from 'node:perf_hooks';
import { measureFloor, prepareBenchDatabase, ratesFrom, startApp, summary, verdict, type Target } from './bench-kit';

delete process.env.ROSTER_PUBLIC_URL;
delete process.env.NEXTAUTH_URL;

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const PAGE = Number(process.env.BENCH_PAGE ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3103);
const TENANT_NAME = 'HR API benchmark';
const SERVICE_PATH = '/cezanneondemand/v7/dataservice.svc';
const TARGET: Target = { at: 'least', perSecond: 20_000 };

type Page = { value: { PersonCode: string }[]; '@odata.nextLink'?: string; '@odata.count'?: number };

function rate(count: number, ms: number) {
  return Math.round(count / (ms / 1000));
}

async function main() {
  await prepareBenchDatabase('bench:hr-api');
  const { getBatchDb: getDb, closeDb } = await import('../db/client');
  const { count, eq, sql } = await import('drizzle-orm');
  const { tenants, people, authorisedApplications } = await import('../db/schema');
  const { seedTenantDefaults } = await import('../lib/tenants/bootstrap');
  const { createApplication } = await import('../lib/hr-api/applications');
  const { issueClientCredentialsToken } = await import('../lib/hr-api/oauth');
  const { GET } = await import('../app/cezanneondemand/v7/dataservice.svc/People/route');
  const { seedBenchPeople, seedDepartments } = await import('./bulk-people');
  const db = getDb();

  // --- seed (or reuse) the bench tenant -------------------------------------------------------------------------
  let [tenant] = await db.select().from(tenants).where(eq(tenants.name, TENANT_NAME)).limit(1);
  const existing = tenant
    ? (await db.select({ n: count() }).from(people).where(eq(people.tenantId, tenant.id)))[0].n
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
    console.log(
      `seeded ${PEOPLE} people (1 employment each, a user account for ~1/3) in ${(ms / 1000).toFixed(1)} s (${rate(PEOPLE, ms)} people/s)`,
    );
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
  const { access_token } = await issueClientCredentialsToken(db, {
    grantType: 'client_credentials',
    clientId: application.clientId,
    clientSecret,
  });
  const base = 'http://bench.local';
  async function readAllInProcess() {
    let url: string | undefined = `${base}${SERVICE_PATH}/People?$top=${PAGE}`;
    let count = 0;
    const pageMs: number[] = [];
    const seen = new Set<string>();
    const started = performance.now();
    while (url) {
      const pageStarted = performance.now();
      const response = await GET(new Request(url, { headers: { authorization: `Bearer ${access_token}` } }));
      if (response.status !== 200)
        throw new Error(`page ${pageMs.length}: ${response.status} ${await response.text()}`);
      const body = (await response.json()) as Page;
      pageMs.push(performance.now() - pageStarted);
      for (const person of body.value) seen.add(person.PersonCode);
      count += body.value.length;
      url = body['@odata.nextLink'];
    }
    const ms = performance.now() - started;
    if (count !== PEOPLE || seen.size !== PEOPLE)
      throw new Error(`read ${count} people (${seen.size} distinct), expected ${PEOPLE}`);
    return { ms, pageMs };
  }

  const results: { mode: string; pageMs: number[] }[] = [];
  async function measure(mode: string, run: () => Promise<{ ms: number; pageMs: number[] }>) {
    const pageMs: number[] = [];
    for (let i = 1; i <= RUNS; i += 1) {
      const result = await run();
      pageMs.push(...result.pageMs);
      console.log(
        `  ${mode} run ${i}: ${PEOPLE} people in ${result.pageMs.length} pages, ${(result.ms / 1000).toFixed(2)} s → ${rate(PEOPLE, result.ms)} people/s`,
      );
    }
    results.push({ mode, pageMs });
  }

  console.log(`\nin-process (route handler GET /People, $top=${PAGE}, following @odata.nextLink):`);
  await measure('in-process', readAllInProcess);
  await closeDb();

  // --- over HTTP against next start -----------------------------------------------------------------------------
  const app = await startApp({ port: PORT });
  let floor: number;
  try {
    floor = await measureFloor(app);
    const origin = app.baseUrl;
    const tokenResponse = await fetch(`${origin}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: application.clientId,
        client_secret: clientSecret,
      }),
    });
    const { access_token: httpToken } = (await tokenResponse.json()) as { access_token: string };
    // fetch asks for gzip like any client; Next compresses the ~470 KB pages. `identity` shows the cost of that.
    const readAllOverHttp = (encoding: 'gzip, deflate' | 'identity') => async () => {
      let url: string | undefined = `${origin}${SERVICE_PATH}/People?$top=${PAGE}`;
      let count = 0;
      const pageMs: number[] = [];
      const started = performance.now();
      while (url) {
        const pageStarted = performance.now();
        const response = await fetch(url, {
          headers: { authorization: `Bearer ${httpToken}`, 'accept-encoding': encoding },
        });
        if (response.status !== 200)
          throw new Error(`HTTP page ${pageMs.length}: ${response.status} ${await response.text()}`);
        const body = (await response.json()) as Page;
        pageMs.push(performance.now() - pageStarted);
        count += body.value.length;
        url = body['@odata.nextLink'];
      }
      const ms = performance.now() - started;
      if (count !== PEOPLE) throw new Error(`HTTP read ${count} people, expected ${PEOPLE}`);
      return { ms, pageMs };
    };
    await readAllOverHttp('gzip, deflate')(); // warm-up: fills caches and the server's connection pool
    console.log(`\nHTTP (next start on ${origin}, fetch with Accept-Encoding: gzip, $top=${PAGE}):`);
    await measure('HTTP gzip', readAllOverHttp('gzip, deflate'));
    console.log(`\nHTTP (same, Accept-Encoding: identity, no compression):`);
    await measure('HTTP plain', readAllOverHttp('identity'));
  } finally {
    await app.stop();
  }

  console.log(`\nTargets (people/s from the page times of ${PAGE} people: median page and 95th-percentile page):`);
  for (const r of results) verdict(`read all people, ${r.mode}`, ratesFrom(r.pageMs, PAGE), TARGET, floor);
  summary('bench:hr-api', floor);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
