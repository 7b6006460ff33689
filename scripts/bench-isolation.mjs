#!/usr/bin/env node
// `npm run bench:isolation`: one tenant's SCIM token hammers Roster at full speed; does another tenant's SCIM and the
// staff UI stay within 2x of their idle latency?
//   BENCH_DATABASE_URL (or DATABASE_URL) = a local PostgreSQL database (migrated; two bench tenants are added and removed).
// Starts the production build with scripts/serve.mjs twice: first with the SCIM limit off (for comparison; this run
// measures the /api/ping floor), then with the SCIM limit at its default scaled to the floor (1200/min × floor/1600).
// For each, BENCH_ROUNDS (3) rounds of:
//   idle:   other tenants' SCIM filter GETs (round-robin over BENCH_OTHER_TENANTS, 8, so that each stays under the
//           scaled limit) and an HR Professional of the first of them loading /admin/people, one request at a time;
//   loaded: the same while a separate process hammers tenant A's SCIM with BENCH_HAMMER_CONNECTIONS (8) connections.
// Prints median and p95 of each and their ratio to idle (target: both at most 2x). Bounded: about 4-6 minutes.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import autocannon from 'autocannon';
import { encode } from 'next-auth/jwt';
import { assertLocalDatabase, migrateDatabase } from '../db/embedded.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3104);
const HAMMER_CONNECTIONS = Number(process.env.BENCH_HAMMER_CONNECTIONS ?? 8);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);
const PEOPLE = 2000;

// --- the hammer runs in its own process, so its load generation does not slow the measuring client ------------------
if (process.argv[2] === '--hammer') {
  const [url, token, seconds] = process.argv.slice(3);
  const statuses = {};
  const instance = autocannon(
    {
      url,
      connections: HAMMER_CONNECTIONS,
      duration: Number(seconds),
      headers: { authorization: `Bearer ${token}` },
      timeout: 20,
    },
    (error, result) => {
      if (error) throw error;
      process.stdout.write(JSON.stringify({ requests: result.requests.total, rps: result.requests.average, statuses }));
    },
  );
  instance.on('response', (_client, status) => (statuses[status] = (statuses[status] ?? 0) + 1));
  await new Promise(() => {});
}

const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error(
    'Set BENCH_DATABASE_URL (or DATABASE_URL) to a local PostgreSQL database, e.g.\n  DATABASE_URL=postgres://roster:roster@127.0.0.1:5432/roster_bench npm run bench:isolation',
  );
  process.exit(2);
}
assertLocalDatabase(url);
process.env.NEXT_TELEMETRY_DISABLED = '1';

async function seedTenant(pool, label) {
  const tenantId = randomUUID();
  const token = `scim_${randomBytes(32).toString('base64url')}`;
  const domain = `${label}-${tenantId.slice(0, 8)}.test`;
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('insert into tenants (id, name) values ($1, $2)', [tenantId, `Isolation bench ${label}`]);
    await client.query(
      `insert into roles (tenant_id, original_name, is_base) select $1, n, true from unnest(array['Employee','Manager']) n`,
      [tenantId],
    );
    await client.query(
      `insert into scim_settings (tenant_id, enabled, token_hash, token_last_four, token_created_at) values ($1, true, $2, $3, now())`,
      [tenantId, createHash('sha256').update(token).digest('hex'), token.slice(-4)],
    );
    await client.query(
      `insert into people (tenant_id, person_code, given_name, family_name, internal_email)
       select $1, 'P' || i, 'Given' || i, 'Family' || i, 'person' || i || '@' || $2 from generate_series(1, $3::int) i`,
      [tenantId, domain, PEOPLE],
    );
    await client.query(
      `insert into user_accounts (tenant_id, person_id, user_name, email, role_id)
       select p.tenant_id, p.id, 'user' || substr(p.person_code, 2) || '@' || $2, p.internal_email,
              (select id from roles where tenant_id = $1 and original_name = 'Employee')
       from people p where p.tenant_id = $1 and substr(p.person_code, 2)::int <= $3`,
      [tenantId, domain, PEOPLE / 2],
    );
    const staff = await client.query(
      `insert into staff_users (tenant_id, email, name, password_hash, role) values ($1, $2, 'Bench HR', 'x', 'hr_professional') returning id, email, name, role, session_version`,
      [tenantId, `hr@${domain}`],
    );
    await client.query('commit');
    return { tenantId, token, domain, staff: staff.rows[0] };
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

async function startServer(env) {
  const child = spawn(process.execPath, ['scripts/serve.mjs', '-p', String(PORT), '-H', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env },
  });
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error('the server exited');
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/ping`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not start');
}

async function stopServer(child) {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const stats = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95) };
};

/**
 * One request at a time, alternating the probes, each checked for the right answer; one pair every PACE_MS (a steady,
 * light load such as Okta's and a person's, under each other tenant's own limit). Raw times per probe.
 */
const PACE_MS = 250;
async function measure(probes, samples) {
  const times = /** @type {Record<string, number[]>} */ (
    Object.fromEntries(Object.keys(probes).map((name) => [name, []]))
  );
  for (let i = 0; i < samples; i++) {
    const pairStarted = performance.now();
    for (const [name, probe] of Object.entries(probes)) {
      const started = performance.now();
      await probe();
      times[name].push(performance.now() - started);
    }
    const rest = PACE_MS - (performance.now() - pairStarted);
    if (rest > 0) await new Promise((r) => setTimeout(r, rest));
  }
  return times;
}

const merge = (into, from) => {
  for (const [name, list] of Object.entries(from)) (into[name] ??= []).push(...list);
  return into;
};
const summarize = (times) => Object.fromEntries(Object.entries(times).map(([name, list]) => [name, stats(list)]));

function hammer(target, token, seconds) {
  const child = spawn(process.execPath, ['scripts/bench-isolation.mjs', '--hammer', target, token, String(seconds)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out));
      } catch (error) {
        reject(error);
      } finally {
        child.kill();
      }
    });
  });
}

async function pingFloor(base) {
  const result = await autocannon({ url: `${base}/api/ping`, connections: 16, duration: 5 });
  return result.requests.average;
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/**
 * Rounds of (idle samples, then the same under the hammer), so that drift in the machine's other load falls on both
 * sides; all samples of a side are pooled.
 */
async function runScenario(label, env, a, others, secret) {
  const base = `http://127.0.0.1:${PORT}`;
  const server = await startServer(env);
  try {
    const [b] = others;
    const session = await encode({
      secret,
      token: {
        sub: b.staff.id,
        name: b.staff.name,
        email: b.staff.email,
        role: b.staff.role,
        tenantId: b.tenantId,
        sessionVersion: b.staff.session_version,
      },
    });
    let turn = 0;
    const random = () => 1 + Math.floor(Math.random() * (PEOPLE / 2));
    const scimFilter = (tenant) =>
      `${base}/scim/v2/${tenant.tenantId}/Users?filter=${encodeURIComponent(`userName eq "user${random()}@${tenant.domain}"`)}`;
    const probes = {
      'other tenants SCIM GET /Users?filter=…': async () => {
        const tenant = others[turn++ % others.length];
        const response = await fetch(scimFilter(tenant), { headers: { authorization: `Bearer ${tenant.token}` } });
        const body = await response.json();
        if (response.status !== 200 || body.totalResults !== 1)
          throw new Error(`another tenant's SCIM answered ${response.status}: ${JSON.stringify(body)}`);
      },
      'staff GET /admin/people (2000 people)': async () => {
        const response = await fetch(`${base}/admin/people`, {
          headers: { cookie: `next-auth.session-token=${session}` },
          redirect: 'manual',
        });
        const body = await response.text();
        if (response.status !== 200 || !body.includes('aria-label="People"'))
          throw new Error(`/admin/people answered ${response.status}`);
      },
    };
    await measure(probes, 10); // warm-up: JIT, pools, plan cache
    const floor = await pingFloor(base);
    const idle = {};
    const loaded = {};
    const hammered = { requests: 0, seconds: 0, statuses: {} };
    for (let round = 0; round < ROUNDS; round++) {
      const startedIdle = performance.now();
      merge(idle, await measure(probes, SAMPLES));
      // The hammer runs a little longer than the loaded samples take (judged by the idle ones), so all are under load.
      const seconds = Math.ceil(((performance.now() - startedIdle) / 1000) * 2.5) + 3;
      const hammering = hammer(scimFilter(a), a.token, seconds);
      await new Promise((r) => setTimeout(r, 1500));
      merge(loaded, await measure(probes, SAMPLES));
      const result = await hammering;
      hammered.requests += result.requests;
      hammered.seconds += seconds;
      for (const [status, n] of Object.entries(result.statuses))
        hammered.statuses[status] = (hammered.statuses[status] ?? 0) + n;
    }
    return {
      label,
      floor,
      idle: summarize(idle),
      loaded: summarize(loaded),
      hammered: { ...hammered, rps: hammered.requests / hammered.seconds },
    };
  } finally {
    await stopServer(server);
  }
}

if (!existsSync('.next/BUILD_ID') || process.argv.includes('--build')) {
  console.log('[bench] building (next build)…');
  if (spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}
console.log(
  `[bench] ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0].toFixed(2)}; database ${url.replace(/:[^:@/]+@/, ':***@')}`,
);
await migrateDatabase(url);
const pool = new pg.Pool({ connectionString: url, max: 2 });
const a = await seedTenant(pool, 'a');
const OTHER_TENANTS = Number(process.env.BENCH_OTHER_TENANTS ?? 8);
const others = [];
for (let i = 0; i < OTHER_TENANTS; i++) others.push(await seedTenant(pool, `b${i}`));
await pool.query('analyze people; analyze user_accounts');
const secret = randomBytes(32).toString('base64url');
const common = {
  DATABASE_URL: url,
  NEXTAUTH_SECRET: secret,
  NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  ROSTER_JOBS: 'off',
  NODE_ENV: 'production',
};
const results = [];
try {
  results.push(
    await runScenario(
      'SCIM limit off (for comparison)',
      { ...common, ROSTER_LIMIT_SCIM_PER_MINUTE: '0' },
      a,
      others,
      secret,
    ),
  );
  // The default limit (1200/min) assumes the reference machine's floor (1600 req/s on /api/ping): scaled to this
  // one's, but never below twice each other tenant's own share of the paced probing, which must stay allowed.
  const scaled = Math.round((1200 * results[0].floor) / 1600);
  const least = Math.ceil((2 * 60_000) / PACE_MS / OTHER_TENANTS);
  const limit = Math.max(scaled, least);
  results.push(
    await runScenario(
      `SCIM limit ${limit}/min per tenant (default 1200 × floor/1600 = ${scaled}, at least ${least})`,
      { ...common, ROSTER_LIMIT_SCIM_PER_MINUTE: String(limit) },
      a,
      others,
      secret,
    ),
  );
} finally {
  const ids = [a, ...others].map((t) => t.tenantId);
  await pool.query('delete from tenants where id = any($1)', [ids]);
  await pool.query("delete from rate_limits where substr(key, position(':' in key) + 1) = any($1)", [ids]);
  await pool.end();
}

const ms = (n) => `${n.toFixed(1).padStart(7)} ms`;
console.log(
  `\nTenant isolation: tenant A's SCIM token hammers with ${HAMMER_CONNECTIONS} connections; ${ROUNDS} rounds of ${SAMPLES} sequential samples of each probe, idle and loaded.`,
);
for (const r of results) {
  const statuses = Object.entries(r.hammered.statuses)
    .map(([s, n]) => `${n}×${s}`)
    .join(', ');
  console.log(
    `\n${r.label}: /api/ping floor ${r.floor.toFixed(0)} req/s (reference 1600); hammer ${r.hammered.rps.toFixed(0)} req/s (${statuses})`,
  );
  console.log(
    '  probe                                   idle median / p95        loaded median / p95     ratio median / p95',
  );
  for (const name of Object.keys(r.idle)) {
    const i = r.idle[name];
    const l = r.loaded[name];
    const ratio = [l.median / i.median, l.p95 / i.p95];
    const ok = ratio.every((x) => x <= 2) ? 'OK' : 'over 2x';
    console.log(
      `  ${name.padEnd(38)} ${ms(i.median)} / ${ms(i.p95)}   ${ms(l.median)} / ${ms(l.p95)}   ${ratio[0].toFixed(2)}x / ${ratio[1].toFixed(2)}x  ${ok}`,
    );
  }
}
setTimeout(() => process.exit(0), 200);
