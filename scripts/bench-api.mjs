#!/usr/bin/env node
// `npm run bench:api`: the WorkOS-compatible API on real PostgreSQL against the production build (`next start`).
//   BENCH_DATABASE_URL (or DATABASE_URL) = a local PostgreSQL database (it gets migrated and a bench tenant).
// Seeds one tenant with 100,000 directory users (25 groups, one membership each), starts the built app, then runs
// autocannon at 16 connections against: the /api/ping floor, GET /directory_users?limit=100 (first page, newest first),
// the same list's middle page (500) and deepest page (1,000, `after` = the last id of page 999), and the first page of
// one directory. Every scenario runs between two floor runs; rounds rotate the order; medians of the rounds are
// reported with latency median (p50) and p95.
// Targets: ≥ 500 req/s for the first page at the reference floor (rate × 1600 / floor measured around it, i.e. the
// target scaled to 500 × floor / 1600), and the deepest page as fast as the first (within 15 % + 2 ms at p50 and p95).
//   BENCH_USERS (100000)  BENCH_SECONDS (10)  BENCH_FLOOR_SECONDS (5)  BENCH_ROUNDS (3)  BENCH_PORT (3117)
//   BENCH_PHASES (first,middle,deepest,directory)
//   BENCH_KEEP=1 keeps the seeded tenant for the next run (BENCH_RESEED=1 seeds again)
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import autocannon from 'autocannon';
import { assertLocalDatabase, migrateDatabase } from '../db/embedded.mjs';

const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error(
    'Set BENCH_DATABASE_URL (or DATABASE_URL) to a local PostgreSQL database, e.g.\n' +
      '  BENCH_DATABASE_URL=postgres://roster:roster@127.0.0.1:5432/roster_bench npm run bench:api',
  );
  process.exit(2);
}
assertLocalDatabase(url);
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const PAGE = 100;
const GROUPS = 25;
const PORT = Number(process.env.BENCH_PORT ?? 3117);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const FLOOR_SECONDS = Number(process.env.BENCH_FLOOR_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 16;
const TARGET_RPS = 500;
const REFERENCE_FLOOR = 1600;
process.env.NEXT_TELEMETRY_DISABLED = '1';

const TENANT_NAME = 'WorkOS API benchmark';

/** A fresh API key for the bench tenant (earlier runs' keys are dropped). */
async function newKey(pool, tenantId) {
  const secret = `sk_${randomBytes(32).toString('base64url')}`;
  await pool.query('delete from api_keys where tenant_id = $1', [tenantId]);
  await pool.query(`insert into api_keys (tenant_id, name, key_hash, key_last_four) values ($1, 'bench', $2, $3)`, [
    tenantId,
    createHash('sha256').update(secret).digest('hex'),
    secret.slice(-4),
  ]);
  return secret;
}

/** The bench tenant of an earlier run with BENCH_KEEP=1, when it holds exactly USERS users. */
async function reuse(pool) {
  const { rows } = await pool.query(
    `select t.id as tenant_id, (select count(*)::int from directory_users u where u.tenant_id = t.id) as users,
            (select id from directories d where d.tenant_id = t.id limit 1) as directory_id
     from tenants t where t.name = $1`,
    [TENANT_NAME],
  );
  const kept = rows.find((row) => row.users === USERS);
  for (const row of rows) if (row !== kept) await pool.query('delete from tenants where id = $1', [row.tenant_id]);
  if (!kept || process.env.BENCH_RESEED === '1') {
    if (kept) await pool.query('delete from tenants where id = $1', [kept.tenant_id]);
    return null;
  }
  const ids = await pool.query(`select id from directory_users where tenant_id = $1 order by id desc`, [
    kept.tenant_id,
  ]);
  return { tenantId: kept.tenant_id, directoryId: kept.directory_id, newestFirst: ids.rows.map((r) => r.id) };
}

/** One tenant, organization, directory; USERS users with ULID ids one millisecond apart (creation order). */
async function seed(pool) {
  const tenantId = randomUUID();
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`insert into tenants (id, name) values ($1, $2)`, [tenantId, TENANT_NAME]);
    const start = Date.now() - USERS - 60_000;
    const ulid = (prefix, ms) =>
      `'${prefix}' || roster_ulid_encode(${ms}::bigint, floor(random() * 1099511627776)::bigint, floor(random() * 1099511627776)::bigint)`;
    const {
      rows: [org],
    } = await client.query(
      `insert into organizations (id, tenant_id, name) values (${ulid('org_', start)}, $1, 'Bench Co') returning id`,
      [tenantId],
    );
    await client.query(
      `insert into organization_domains (id, tenant_id, organization_id, domain) values (${ulid('org_domain_', start)}, $1, $2, $3)`,
      [tenantId, org.id, `bench-${tenantId.slice(0, 8)}.test`],
    );
    const {
      rows: [directory],
    } = await client.query(
      `insert into directories (id, tenant_id, organization_id, name, state, external_key, base_url)
       values (${ulid('directory_', start)}, $1, $2, 'Bench HR', 'linked', 'bench', 'http://127.0.0.1:1') returning id`,
      [tenantId, org.id],
    );
    await client.query(
      `insert into directory_groups (id, tenant_id, directory_id, idp_id, name, content_hash, created_at, updated_at)
       select ${ulid('directory_group_', `${start} + g`)}, $1, $2, 'dept-' || g, 'Department ' || g, 'h', now(), now()
       from generate_series(1, ${GROUPS}) g`,
      [tenantId, directory.id],
    );
    await client.query(
      `insert into directory_users (id, tenant_id, directory_id, idp_id, email, first_name, last_name, name, username, job_title, state,
                                    emails, custom_attributes, raw_attributes, content_hash, created_at, updated_at)
       select ${ulid('directory_user_', `${start} + i`)}, $1, $2, 'P' || i, 'person' || i || '@' || $3, 'Given' || i, 'Family' || i,
              'Given' || i || ' Family' || i, 'person' || i || '@' || $3, 'Engineer', case when i % 50 = 0 then 'inactive' else 'active' end,
              jsonb_build_array(jsonb_build_object('primary', true, 'type', 'work', 'value', 'person' || i || '@' || $3)),
              jsonb_build_object('department_name', 'Department ' || (i % ${GROUPS} + 1), 'job_title', 'Engineer',
                                 'employee_number', 'E-' || i, 'manager_email', 'boss@' || $3,
                                 'employment_start_date', '2021-06-27T12:00:00.000Z'),
              '{}'::jsonb, md5(i::text), to_timestamp((${start} + i) / 1000.0), to_timestamp((${start} + i) / 1000.0)
       from generate_series(1, ${USERS}) i`,
      [tenantId, directory.id, `bench-${tenantId.slice(0, 8)}.test`],
    );
    await client.query(
      `insert into directory_group_memberships (tenant_id, directory_id, user_id, group_id)
       select u.tenant_id, u.directory_id, u.id, g.id
       from directory_users u join directory_groups g on g.tenant_id = u.tenant_id and g.idp_id = 'dept-' || (substr(u.idp_id, 2)::int % ${GROUPS} + 1)
       where u.tenant_id = $1`,
      [tenantId],
    );
    await client.query('commit');
    await client.query(
      'analyze directory_users; analyze directory_groups; analyze directory_group_memberships; analyze directories; analyze api_keys',
    );
    const { rows } = await client.query(`select id from directory_users where tenant_id = $1 order by id desc`, [
      tenantId,
    ]);
    return { tenantId, directoryId: directory.id, newestFirst: rows.map((r) => r.id) };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
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

function run(title, options, seconds) {
  return new Promise((resolve, reject) => {
    const times = [];
    const statuses = new Map();
    const instance = autocannon(
      { connections: CONNECTIONS, duration: seconds, timeout: 20, ...options },
      (err, result) => {
        if (err) return reject(err);
        times.sort((a, b) => a - b);
        resolve({
          title,
          rps: result.requests.total / (result.duration || seconds),
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          errors: result.errors + result.timeouts,
          statuses: Object.fromEntries(statuses),
        });
      },
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const pool = new pg.Pool({ connectionString: url, max: 2 });
console.log(
  `[bench] ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load ${os.loadavg()[0].toFixed(2)}; database ${url.replace(/:[^:@/]+@/, ':***@')}`,
);
await migrateDatabase(url);
let started = performance.now();
let seeded = await reuse(pool);
if (seeded) console.log(`[bench] reusing the ${USERS} users kept by an earlier run (BENCH_RESEED=1 seeds again)`);
else {
  console.log(`[bench] seeding ${USERS} directory users (${GROUPS} groups, one membership each)…`);
  seeded = await seed(pool);
  console.log(`[bench] seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const { tenantId, directoryId, newestFirst } = seeded;
const secret = await newKey(pool, tenantId);
if (newestFirst.length !== USERS) throw new Error(`seeded ${newestFirst.length} users, expected ${USERS}`);

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
    ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? '419d2982462fe20c882aedc461321ed9f651ec9ce2e50ed12b47bf1afeb4a419',
    ROSTER_PUBLIC_URL: base,
    NODE_ENV: 'production',
  },
});

const pages = Math.ceil(USERS / PAGE);
/** `after` for page n (1-based) of the newest-first list: the last id of page n - 1. */
const afterForPage = (n) => newestFirst[(n - 1) * PAGE - 1];
const results = [];
try {
  await waitFor(`${base}/api/ping`, server);
  const headers = { authorization: `Bearer ${secret}` };

  // Correctness first: the deepest page is the oldest 100 users, and the walk agrees with the database.
  const deepest = await (
    await fetch(`${base}/directory_users?limit=${PAGE}&after=${afterForPage(pages)}`, { headers })
  ).json();
  if (
    deepest.data?.length !== USERS - (pages - 1) * PAGE ||
    deepest.data[0].id !== newestFirst[(pages - 1) * PAGE] ||
    deepest.list_metadata.after !== null
  ) {
    throw new Error(`the deepest page is wrong: ${JSON.stringify(deepest).slice(0, 300)}`);
  }
  const firstPage = await (await fetch(`${base}/directory_users?limit=${PAGE}`, { headers })).json();
  if (
    firstPage.data?.[0]?.id !== newestFirst[0] ||
    !Array.isArray(firstPage.data[0].groups) ||
    firstPage.data[0].groups.length !== 1
  ) {
    throw new Error(`the first page is wrong: ${JSON.stringify(firstPage).slice(0, 300)}`);
  }
  console.log(
    `[bench] checked: first page starts at the newest user, page ${pages} holds the oldest ${deepest.data.length} (${JSON.stringify(firstPage).length} bytes a page)`,
  );

  const phases = {
    floor: (s) => run('floor: GET /api/ping (1 query)', { url: `${base}/api/ping` }, s),
    first: (s) =>
      run(`GET /directory_users?limit=${PAGE} (page 1)`, { url: `${base}/directory_users?limit=${PAGE}`, headers }, s),
    middle: (s) =>
      run(
        `… page ${pages / 2} (after=…)`,
        { url: `${base}/directory_users?limit=${PAGE}&after=${afterForPage(pages / 2)}`, headers },
        s,
      ),
    deepest: (s) =>
      run(
        `… page ${pages} (deepest, after=…)`,
        { url: `${base}/directory_users?limit=${PAGE}&after=${afterForPage(pages)}`, headers },
        s,
      ),
    directory: (s) =>
      run(
        `GET /directory_users?directory=…&limit=${PAGE}`,
        { url: `${base}/directory_users?directory=${directoryId}&limit=${PAGE}`, headers },
        s,
      ),
  };
  // Each scenario runs between two floor measurements: its floor is their mean, so load that drifts on a shared machine
  // moves both sides of the ratio. Rounds rotate the order of the scenarios.
  const scenarios = (process.env.BENCH_PHASES ?? 'first,middle,deepest,directory').split(',').map((p) => p.trim());
  for (const phase of ['floor', ...scenarios]) await phases[phase](2); // warm-up: JIT, connection pool, plan cache
  for (let round = 1; round <= ROUNDS; round++) {
    const shift = (round - 1) % scenarios.length;
    let before = await phases.floor(FLOOR_SECONDS);
    for (const phase of [...scenarios.slice(shift), ...scenarios.slice(0, shift)]) {
      const result = { phase, ...(await phases[phase](SECONDS)) };
      const after = await phases.floor(FLOOR_SECONDS);
      result.floor = (before.rps + after.rps) / 2;
      result.scaled = (result.rps * REFERENCE_FLOOR) / result.floor;
      before = after;
      console.log(
        `[bench] round ${round} ${result.title}: ${result.rps.toFixed(0)} req/s (floor ${result.floor.toFixed(0)} → ${result.scaled.toFixed(0)} req/s at the reference floor), ` +
          `p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms`,
      );
      results.push(result);
    }
  }
} finally {
  server.kill('SIGTERM');
  if (process.env.BENCH_KEEP !== '1') {
    started = performance.now();
    await pool
      .query('delete from tenants where id = $1', [tenantId])
      .catch((error) => console.error('[bench] cleanup failed', error));
    console.log(`[bench] removed the bench tenant in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  await pool.end();
}

const summary = Object.fromEntries(
  [...new Set(results.map((r) => r.phase))].map((phase) => {
    const runs = results.filter((r) => r.phase === phase);
    return [
      phase,
      {
        title: runs[0].title,
        rps: median(runs.map((r) => r.rps)),
        floor: median(runs.map((r) => r.floor)),
        scaled: median(runs.map((r) => r.scaled)),
        p50: median(runs.map((r) => r.p50)),
        p95: median(runs.map((r) => r.p95)),
        rounds: runs.map((r) => r.scaled.toFixed(0)).join(' / '),
        statuses: [...new Set(runs.flatMap((r) => Object.keys(r.statuses)))].join(','),
        errors: runs.some((r) => r.errors),
      },
    ];
  }),
);

console.log(
  `\nWorkOS API benchmark: ${USERS} directory users, ${CONNECTIONS} connections, ${ROUNDS} round(s) of ${SECONDS} s per scenario, ` +
    `each between two ${FLOOR_SECONDS} s floor runs (GET /api/ping); medians of the rounds. next start + PostgreSQL + autocannon on ` +
    `this machine (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}). "scaled" = req/s × ${REFERENCE_FLOOR} / floor.`,
);
console.log(
  'scenario                                          req/s   floor   scaled   p50 ms   p95 ms   scaled per round',
);
for (const s of Object.values(summary)) {
  console.log(
    `${s.title.padEnd(48)} ${s.rps.toFixed(0).padStart(6)}  ${s.floor.toFixed(0).padStart(6)}  ${s.scaled.toFixed(0).padStart(7)}  ` +
      `${s.p50.toFixed(1).padStart(7)}  ${s.p95.toFixed(1).padStart(7)}   ${s.rounds}  statuses ${s.statuses}${s.errors ? ' (errors!)' : ''}`,
  );
}

const verdicts = [];
if (summary.first) {
  verdicts.push([
    `page 1: ${summary.first.scaled.toFixed(0)} req/s scaled ≥ ${TARGET_RPS} (${summary.first.rps.toFixed(0)} req/s at a floor of ${summary.first.floor.toFixed(0)}; ` +
      `target here ${((TARGET_RPS * summary.first.floor) / REFERENCE_FLOOR).toFixed(0)} req/s)`,
    summary.first.scaled >= TARGET_RPS && summary.first.statuses === '200',
  ]);
}
if (summary.first && summary.deepest) {
  const close = (deep, first) => deep <= first * 1.15 + 2;
  verdicts.push([
    `deepest page as fast as page 1: p50 ${summary.deepest.p50.toFixed(1)} vs ${summary.first.p50.toFixed(1)} ms, ` +
      `p95 ${summary.deepest.p95.toFixed(1)} vs ${summary.first.p95.toFixed(1)} ms, ` +
      `${summary.deepest.scaled.toFixed(0)} vs ${summary.first.scaled.toFixed(0)} req/s scaled`,
    close(summary.deepest.p50, summary.first.p50) &&
      close(summary.deepest.p95, summary.first.p95) &&
      summary.deepest.scaled >= summary.first.scaled / 1.15 &&
      summary.deepest.statuses === '200',
  ]);
}
for (const [text, ok] of verdicts) console.log(`${ok ? 'OK  ' : 'FAIL'} ${text}`);
setTimeout(() => process.exit(verdicts.every(([, ok]) => ok) ? 0 : 1), 300);
