#!/usr/bin/env node
// `npm run bench:scim`: SCIM throughput on real PostgreSQL against the production build (`next start`).
//   BENCH_DATABASE_URL (or DATABASE_URL) = a local PostgreSQL database (it gets migrated and a bench tenant).
// Seeds a tenant with 10,000 user accounts (and people without accounts for the create phase), starts the built
// app, then runs autocannon at 16 connections: filter GET by userName, POST create, and a plain list page
// (startIndex=1&count=100). Prints requests/s and latency percentiles. Bounded: 3 phases × BENCH_SECONDS (10 s).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import autocannon from 'autocannon';
import { assertLocalDatabase, migrateDatabase } from '../db/embedded.mjs';

const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error('Set BENCH_DATABASE_URL (or DATABASE_URL) to a local PostgreSQL database, e.g.\n' +
    '  BENCH_DATABASE_URL=postgres://roster_bench:secret@127.0.0.1:5432/roster_bench npm run bench:scim');
  process.exit(2);
}
assertLocalDatabase(url);
const PORT = Number(process.env.BENCH_PORT ?? 3102);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
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
    await client.query(`insert into tenants (id, name) values ($1, $2)`, [tenantId, `SCIM bench ${new Date().toISOString()}`]);
    await client.query(`insert into roles (tenant_id, original_name, is_base) select $1, n, true from unnest(array['Employee','Manager','HR Professional','Administrator']) n`, [tenantId]);
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

async function waitFor(urlToPing, child) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error('next start exited');
    try {
      if ((await fetch(urlToPing)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the app did not start');
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

let phaseSeconds = SECONDS;

function run(title, options) {
  return new Promise((resolve, reject) => {
    const times = [];
    const statuses = new Map();
    const instance = autocannon({ connections: CONNECTIONS, duration: phaseSeconds, timeout: 20, ...options }, (err, result) => {
      if (err) return reject(err);
      times.sort((a, b) => a - b);
      resolve({
        title,
        requests: result.requests.total,
        rps: result.requests.total / (result.duration || phaseSeconds),
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
        errors: result.errors + result.timeouts,
        statuses: Object.fromEntries(statuses),
      });
    });
    instance.on('response', (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  });
}

const pool = new pg.Pool({ connectionString: url, max: 2 });
console.log(`[bench] ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; database ${url.replace(/:[^:@/]+@/, ':***@')}`);
await migrateDatabase(url);
console.log(`[bench] seeding ${ACCOUNTS} accounts and ${SPARE_PEOPLE} people without one…`);
const { tenantId, token, domain } = await seed(pool);

if (!existsSync('.next/BUILD_ID') || process.argv.includes('--build')) {
  console.log('[bench] building (next build)…');
  if (spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}
const base = `http://127.0.0.1:${PORT}`;
const server = spawn('node_modules/.bin/next', ['start', '-p', String(PORT), '-H', '127.0.0.1'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    DATABASE_URL: url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'bench-only-secret',
    ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
    ROSTER_PUBLIC_URL: base,
    NODE_ENV: 'production',
  },
});
const results = [];
try {
  await waitFor(`${base}/api/ping`, server);
  const scim = `${base}/scim/v2/${tenantId}`;
  const headers = { authorization: `Bearer ${token}`, accept: 'application/scim+json', 'content-type': 'application/scim+json; charset=utf-8' };
  const random = () => 1 + Math.floor(Math.random() * ACCOUNTS);
  const filterPath = () => `/scim/v2/${tenantId}/Users?filter=${encodeURIComponent(`userName eq "user${random()}@${domain}"`)}&startIndex=1&count=100`;


  const phases = {
    baseline: () => run('baseline: GET /api/ping (1 query)', { url: `${base}/api/ping` }),
    filter: () => run('filter GET by userName', { url: scim, headers, requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: filterPath() }) }] }),
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
      run('list page, Accept-Encoding: gzip (as Okta)', { url: `${scim}/Users?startIndex=1&count=100`, headers: { ...headers, 'accept-encoding': 'gzip,deflate' } }),
  };
  let next = ACCOUNTS;
  // BENCH_PHASES picks and orders phases, e.g. "baseline,filter,filter"; the default is the three targets.
  const order = (process.env.BENCH_PHASES ?? `${process.env.BENCH_BASELINE ? 'baseline,' : ''}filter,create,list`).split(',').map((p) => p.trim());
  // The machine is shared (load generator, app and database on 2 cores): rounds are interleaved and the median is
  // reported, so one noisy moment does not decide a figure.
  // Warm-up (JIT, connection pool, plan cache): 2 s of each scenario, not measured.
  phaseSeconds = 2;
  for (const phase of order) await phases[phase]();
  phaseSeconds = SECONDS;
  for (let round = 1; round <= ROUNDS; round++) {
    for (const phase of order) {
      const result = await phases[phase]();
      console.log(`[bench] round ${round} ${result.title}: ${result.rps.toFixed(0)} req/s, p95 ${result.p95.toFixed(1)} ms`);
      results.push(result);
    }
  }
  if (next > ACCOUNTS + SPARE_PEOPLE) console.warn('[bench] ran out of spare people: raise BENCH_SPARE_PEOPLE (later creates answered 400)');
} finally {
  server.kill('SIGTERM');
  await pool.query('delete from tenants where id = $1', [tenantId]).catch(() => {});
  await pool.end();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  `\nSCIM benchmark: ${CONNECTIONS} connections, ${ROUNDS} round(s) of ${SECONDS} s per scenario (median shown), ` +
    `${ACCOUNTS} accounts in the tenant, next start + PostgreSQL + autocannon on this machine (${os.cpus().length} cores)`,
);
console.log('scenario                                     req/s   p50 ms   p95 ms   p99 ms   rounds (req/s)');
for (const title of [...new Set(results.map((r) => r.title))]) {
  const runs = results.filter((r) => r.title === title);
  const statuses = runs.flatMap((r) => Object.keys(r.statuses)).filter((s, i, all) => all.indexOf(s) === i);
  console.log(
    `${title.padEnd(44)} ${median(runs.map((r) => r.rps)).toFixed(0).padStart(6)}  ${median(runs.map((r) => r.p50)).toFixed(1).padStart(7)}  ` +
      `${median(runs.map((r) => r.p95)).toFixed(1).padStart(7)}  ${median(runs.map((r) => r.p99)).toFixed(1).padStart(7)}   ` +
      `${runs.map((r) => r.rps.toFixed(0)).join(' / ')}  statuses ${statuses.join(',')}${runs.some((r) => r.errors) ? ' (errors!)' : ''}`,
  );
}
setTimeout(() => process.exit(0), 500);
