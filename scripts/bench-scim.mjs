#!/usr/bin/env node
// `npm run bench:scim`: SCIM throughput on real PostgreSQL against the production build (`next start`).
//   BENCH_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/roster_bench_scim npm run bench:scim
// Migrates the database, seeds a tenant with 10,000 user accounts (and people without accounts for the create
// phase), starts the built app, measures the /api/ping floor, then runs autocannon at 16 connections: filter GET by
// userName, POST create, and a plain list page (startIndex=1&count=100). Bounded: 3 phases × BENCH_ROUNDS (3) ×
// BENCH_SECONDS (10 s). Targets (scaled by the floor, see scripts/bench-kit.ts): filter ≥ 1,000 requests/s with
// p95 ≤ 25 ms, create ≥ 600/s, list ≥ 400/s; the rate of the median and of the slowest round, the latency at the
// median and p95 (create and list: p95 within twice the mean latency their rate allows at 16 connections).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  load,
  measureFloor,
  percentile,
  prepareBenchDatabase,
  startApp,
  stats,
  summary,
  verdict,
} from './bench-kit.ts';

const url = await prepareBenchDatabase('bench:scim');
const PORT = Number(process.env.BENCH_PORT ?? 3102);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const TARGETS = {
  filter: { perSecond: 1000, p95Ms: 25 },
  create: { perSecond: 600, p95Ms: (2 * 1000 * CONNECTIONS) / 600 },
  list: { perSecond: 400, p95Ms: (2 * 1000 * CONNECTIONS) / 400 },
};
const ACCOUNTS = 10_000;
const SPARE_PEOPLE = Number(process.env.BENCH_SPARE_PEOPLE ?? 40_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
process.env.NEXT_TELEMETRY_DISABLED = '1';
// Throughput is measured without the per-tenant SCIM limit (bench:isolation measures the limits).
process.env.ROSTER_LIMIT_SCIM_PER_MINUTE ??= '0';

async function seed(pool) {
  const tenantId = randomUUID();
  const token = `scim_${randomBytes(32).toString('base64url')}`;
  const hash = createHash('sha256').update(token).digest('hex');
  const domain = `bench-${tenantId.slice(0, 8)}.test`;
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`insert into tenants (id, name) values ($1, $2)`, [
      tenantId,
      `SCIM bench ${new Date().toISOString()}`,
    ]);
    await client.query(
      `insert into roles (tenant_id, original_name, is_base) select $1, n, true from unnest(array['Employee','Manager','HR Professional','Administrator']) n`,
      [tenantId],
    );
    await client.query(
      `insert into scim_settings (tenant_id, enabled, token_hash, token_last_four, token_created_at, match_method)
       values ($1, true, $2, $3, now(), 'internal_email')`,
      [tenantId, hash, token.slice(-4)],
    );
    await client.query(
      `insert into people (tenant_id, person_code, given_name, family_name, internal_email)
       select $1, 'P' || i, 'Given' || i, 'Family' || i, 'person' || i || '@' || $2 from generate_series(1, $3::int) i`,
      [tenantId, domain, ACCOUNTS + SPARE_PEOPLE],
    );
    await client.query(
      `insert into user_accounts (tenant_id, person_id, user_name, email, role_id, created_at, updated_at)
       select p.tenant_id, p.id, 'user' || substr(p.person_code, 2) || '@' || $2, p.internal_email,
              (select id from roles where tenant_id = $1 and original_name = 'Employee'),
              now() - interval '1 day' + (substr(p.person_code, 2)::int * interval '1 ms'), now()
       from people p where p.tenant_id = $1 and substr(p.person_code, 2)::int <= $3`,
      [tenantId, domain, ACCOUNTS],
    );
    await client.query('commit');
    await client.query('analyze people; analyze user_accounts; analyze employments; analyze roles');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
  return { tenantId, token, domain };
}

let phaseSeconds = SECONDS;

async function run(title, options) {
  const result = await load({ seconds: phaseSeconds, ...options });
  return {
    title,
    rps: result.rps,
    latencies: result.latencies,
    p95: percentile(result.latencies, 95),
    errors: result.errors,
    statuses: result.statuses,
  };
}

const pool = new pg.Pool({ connectionString: url, max: 2 });
console.log(`[bench] seeding ${ACCOUNTS} accounts and ${SPARE_PEOPLE} people without one…`);
const { tenantId, token, domain } = await seed(pool);
const app = await startApp({ port: PORT });
const base = app.baseUrl;
const results = [];
let floor = 0;
try {
  floor = await measureFloor(app);
  const scim = `${base}/scim/v2/${tenantId}`;
  const headers = {
    authorization: `Bearer ${token}`,
    accept: 'application/scim+json',
    'content-type': 'application/scim+json; charset=utf-8',
  };
  const random = () => 1 + Math.floor(Math.random() * ACCOUNTS);
  const filterPath = () =>
    `/scim/v2/${tenantId}/Users?filter=${encodeURIComponent(`userName eq "user${random()}@${domain}"`)}&startIndex=1&count=100`;

  const phases = {
    baseline: () => run('baseline: GET /api/ping (1 query)', { url: `${base}/api/ping` }),
    filter: () =>
      run('filter GET by userName', {
        url: scim,
        headers,
        requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: filterPath() }) }],
      }),
    create: () =>
      run('POST create', {
        url: scim,
        headers,
        requests: [
          {
            method: 'POST',
            setupRequest: (r) => {
              const i = ++next;
              return {
                ...r,
                path: `/scim/v2/${tenantId}/Users`,
                body: JSON.stringify({
                  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
                  userName: `new${i}@${domain}`,
                  name: { givenName: 'Okta', familyName: 'User' },
                  emails: [{ primary: true, type: 'work', value: `person${i}@${domain}` }],
                  externalId: `00u${i}`,
                  active: true,
                }),
              };
            },
          },
        ],
      }),
    list: () => run('list page (startIndex=1&count=100)', { url: `${scim}/Users?startIndex=1&count=100`, headers }),
    // Okta sends "Accept-Encoding: gzip,deflate": the same page, compressed by the app.
    listgzip: () =>
      run('list page, Accept-Encoding: gzip (as Okta)', {
        url: `${scim}/Users?startIndex=1&count=100`,
        headers: { ...headers, 'accept-encoding': 'gzip,deflate' },
      }),
  };
  let next = ACCOUNTS;
  // BENCH_PHASES picks and orders phases, e.g. "baseline,filter,filter"; the default is the three targets.
  const order = (process.env.BENCH_PHASES ?? `${process.env.BENCH_BASELINE ? 'baseline,' : ''}filter,create,list`)
    .split(',')
    .map((p) => p.trim());
  // The machine is shared (load generator, app and database on 2 cores): rounds are interleaved and the median is
  // reported, so one noisy moment does not decide a figure.
  // Warm-up (JIT, connection pool, plan cache): 2 s of each scenario, not measured.
  phaseSeconds = 2;
  for (const phase of order) await phases[phase]();
  phaseSeconds = SECONDS;
  for (let round = 1; round <= ROUNDS; round++) {
    for (const phase of order) {
      const result = await phases[phase]();
      console.log(
        `[bench] round ${round} ${result.title}: ${result.rps.toFixed(0)} req/s, p95 ${result.p95.toFixed(1)} ms`,
      );
      results.push({ ...result, phase });
    }
  }
  if (next > ACCOUNTS + SPARE_PEOPLE)
    console.warn('[bench] ran out of spare people: raise BENCH_SPARE_PEOPLE (later creates answered 400)');
} finally {
  await app.stop();
  await pool.query('delete from tenants where id = $1', [tenantId]).catch(() => {});
  await pool.end();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  `\nSCIM benchmark: ${CONNECTIONS} connections, ${ROUNDS} round(s) of ${SECONDS} s per scenario, ${ACCOUNTS} accounts in the tenant`,
);
for (const title of [...new Set(results.map((r) => r.title))]) {
  const runs = results.filter((r) => r.title === title);
  const statuses = [...new Set(runs.flatMap((r) => Object.keys(r.statuses)))];
  console.log(
    `  ${title}: ${runs.map((r) => r.rps.toFixed(0)).join(' / ')} requests/s; statuses ${statuses.join(',')}${runs.some((r) => r.errors) ? ' (errors!)' : ''}`,
  );
}
console.log('\nTargets:');
for (const [phase, target] of Object.entries(TARGETS)) {
  const runs = results.filter((r) => r.phase === phase);
  if (!runs.length) continue;
  const rates = runs.map((r) => r.rps);
  verdict(
    `${runs[0].title}: requests/s`,
    { median: median(rates), p95: percentile(rates, 5) },
    { at: 'least', perSecond: target.perSecond },
    floor,
  );
  verdict(
    `${runs[0].title}: latency`,
    stats(runs.flatMap((r) => r.latencies)),
    { at: 'most', ms: target.p95Ms },
    floor,
  );
}
summary('bench:scim', floor);
setTimeout(() => process.exit(0), 500);
