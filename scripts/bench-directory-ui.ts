// `npm run bench:directory-ui` — the directory page's Users tab with a 100,000-user directory, on real PostgreSQL.
//
//   DATABASE_URL=postgres://user:pass@127.0.0.1:5432/roster_bench_dirui npm run bench:directory-ui [-- --users 100000] [-- --runs 30] [-- --no-http]
//
// 1. Migrates the database and seeds one directory with --users users (set-based SQL; skipped when already there).
// 2. Times the server-side render path of /dashboard/directories/<id>: the lib calls the layout and the Users tab
//    make — first page, a deep page (keyset cursor near the end) and searches.
// 3. Unless --no-http: starts `next start` (needs `npm run build` first), measures the `/api/ping` floor (autocannon,
//    16 connections), and times full HTML responses of the same pages for a signed-in IT admin.
// Target (issue 12): under 200 ms at the median and at p95, scaled by 1,600 / floor req/s.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { and, eq, sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { closeDb, getDb } from '@/db/client';
import { directories, staffUsers, tenants } from '@/db/schema';
import { loadActiveStaff } from '@/lib/auth/accounts';
import { hashPassword } from '@/lib/crypto/password';
import { getDirectory, getOrganization } from '@/lib/directory-sync';
import { directoryUsersPage } from '@/lib/directory-sync/dashboard';
import { refreshDirectoryCounts, storedDirectoryCounts } from '@/lib/directory-sync/counts';
import { createDirectory } from '@/lib/directory-sync/directories';
import { createOrganization } from '@/lib/directory-sync/organizations';
import { activeRun, heldRun } from '@/lib/directory-sync/runs';
import { migrateDatabase } from '../db/embedded.mjs';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '30' },
    port: { type: 'string', default: process.env.BENCH_PORT ?? '3111' },
    'no-http': { type: 'boolean', default: false },
  },
});
const USERS = Number(args.users);
const RUNS = Number(args.runs);
const TARGET_MS = 200;
const FLOOR_REFERENCE = 1600;

type Stats = { median: number; p95: number; max: number };
const stats = (samples: number[]): Stats => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
};

async function time(runs: number, fn: () => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return stats(samples);
}

let target = TARGET_MS;
const rows: { what: string; s: Stats }[] = [];
function report(what: string, s: Stats) {
  rows.push({ what, s });
  const flag = s.median < target && s.p95 < target ? 'ok' : 'SLOW';
  console.log(
    `  ${what.padEnd(46)} median ${s.median.toFixed(1).padStart(7)} ms   p95 ${s.p95.toFixed(1).padStart(7)} ms   max ${s.max.toFixed(1).padStart(7)} ms  ${flag}`,
  );
}

const FIRST = [
  'Amelia',
  'Oliver',
  'Isla',
  'George',
  'Ava',
  'Noah',
  'Mia',
  'Leo',
  'Grace',
  'Arthur',
  'Wei',
  'Priya',
  'Sofia',
  'Jonas',
  'Fatima',
];
const LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Wright',
  'Clarke',
  'Young',
  'Chen',
  'Khan',
  'Novak',
];

async function seed() {
  const db = getDb();
  let [tenant] = await db.select().from(tenants).where(eq(tenants.name, 'Bench Directory UI'));
  if (!tenant) [tenant] = await db.insert(tenants).values({ name: 'Bench Directory UI' }).returning();
  let [directory] = await db
    .select()
    .from(directories)
    .where(and(eq(directories.tenantId, tenant.id), eq(directories.name, 'Bench HR')));
  if (!directory) {
    const organization = await createOrganization(db, tenant.id, { name: 'Bench Org', domains: [] });
    await createDirectory(db, tenant.id, {
      organizationId: organization.id,
      name: 'Bench HR',
      baseUrl: 'http://127.0.0.1:9',
    });
    [directory] = await db
      .select()
      .from(directories)
      .where(and(eq(directories.tenantId, tenant.id), eq(directories.name, 'Bench HR')));
  }
  const [{ n }] = (
    await db.execute<{ n: number }>(
      sql`select count(*)::int as n from directory_users where directory_id = ${directory.id}`,
    )
  ).rows;
  if (n < USERS) {
    console.log(`Seeding ${USERS.toLocaleString('en')} directory users (has ${n.toLocaleString('en')})…`);
    const started = performance.now();
    const first = sql.raw(`array[${FIRST.map((f) => `'${f}'`).join(',')}]`);
    const last = sql.raw(`array[${LAST.map((f) => `'${f}'`).join(',')}]`);
    await db.execute(sql`delete from directory_users where directory_id = ${directory.id}`);
    await db.execute(sql`delete from directory_groups where directory_id = ${directory.id}`);
    // Ids are time-ordered like ULIDs: 'directory_user_' + 26 characters, increasing with i.
    await db.execute(sql`
      insert into directory_groups (id, tenant_id, directory_id, idp_id, name, content_hash)
      select 'directory_group_01BENCH' || lpad(g::text, 19, '0'), ${tenant.id}, ${directory.id}, 'DEP' || g, 'Department ' || g, 'x'
      from generate_series(1, 20) g`);
    await db.execute(sql`
      insert into directory_users (id, tenant_id, directory_id, idp_id, first_name, last_name, name, email, username, job_title, state, content_hash)
      select 'directory_user_01BENCH' || lpad(i::text, 19, '0'), ${tenant.id}, ${directory.id}, 'P' || lpad(i::text, 6, '0'),
             f, l, f || ' ' || l, lower(f || '.' || l || i || '@bench.test'), lower(f || '.' || l || i), 'Engineer ' || (i % 40),
             case when i % 17 = 0 then 'inactive' else 'active' end, 'x'
      from (select i, (${first})[1 + i % ${FIRST.length}] f, (${last})[1 + (i / ${FIRST.length}) % ${LAST.length}] l from generate_series(1, ${USERS}) i) s`);
    await db.execute(sql`
      insert into directory_group_memberships (tenant_id, directory_id, user_id, group_id)
      select ${tenant.id}, ${directory.id}, u.id, 'directory_group_01BENCH' || lpad((1 + (row_number() over (order by u.id)) % 20)::text, 19, '0')
      from directory_users u where u.directory_id = ${directory.id}`);
    await refreshDirectoryCounts(db, tenant.id, directory.id, new Date());
    console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  await db.execute(sql`analyze directory_users`);
  await db.execute(sql`analyze directory_group_memberships`);
  const email = 'bench-it@roster-bench.test';
  let [staff] = await db.select().from(staffUsers).where(eq(staffUsers.email, email));
  if (!staff) {
    [staff] = await db
      .insert(staffUsers)
      .values({
        tenantId: tenant.id,
        email,
        name: 'Bench IT',
        role: 'it_admin',
        passwordHash: await hashPassword(randomBytes(24).toString('hex')),
      })
      .returning();
  }
  const [{ deep }] = (
    await db.execute<{ deep: string }>(
      sql`select id as deep from directory_users where directory_id = ${directory.id} order by id desc offset 30 limit 1`,
    )
  ).rows;
  return { tenantId: tenant.id, directoryId: directory.id, staff, deepCursor: deep };
}

async function waitForServer(url: string, child: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error('next start exited early');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('next start did not answer within 120 s');
}

function pingFloor(base: string): Promise<number> {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${base}/api/ping`, connections: 16, duration: 8 }, (error, result) =>
      error ? reject(error) : resolve((result.requests as unknown as { average: number }).average),
    );
  });
}

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error(
      'bench:directory-ui needs a real PostgreSQL server: set DATABASE_URL=postgres://user:password@127.0.0.1:5432/<database>',
    );
    process.exit(1);
  }
  await migrateDatabase(process.env.DATABASE_URL);
  const db = getDb();
  const child = { process: null as ChildProcess | null };
  try {
    const { tenantId, directoryId, staff, deepCursor } = await seed();
    const [{ version }] = (await db.execute<{ version: string }>(sql`select version()`)).rows;
    console.log(
      `\nMachine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`,
    );
    console.log(`Database: ${version.split(',')[0]}; one directory with ${USERS.toLocaleString('en')} users`);

    const port = Number(args.port);
    const base = `http://127.0.0.1:${port}`;
    const secret = randomBytes(32).toString('base64url');
    const http = !args['no-http'] && existsSync(path.resolve('.next/BUILD_ID'));
    if (http) {
      child.process = spawn(path.resolve('node_modules/.bin/next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
        env: {
          ...process.env,
          NEXTAUTH_SECRET: secret,
          NEXTAUTH_URL: base,
          ROSTER_JOBS: 'off',
          ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
          NEXT_TELEMETRY_DISABLED: '1',
          NODE_ENV: 'production',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      await waitForServer(`${base}/api/ping`, child.process);
      const floor = await pingFloor(base);
      target = Math.round(TARGET_MS * (FLOOR_REFERENCE / floor));
      console.log(
        `Floor: /api/ping ${Math.round(floor).toLocaleString('en')} req/s at 16 connections → target ${TARGET_MS} ms × ${FLOOR_REFERENCE}/${Math.round(floor)} = ${target} ms`,
      );
    } else {
      console.log(
        args['no-http']
          ? 'HTTP skipped (--no-http): no floor measured; unscaled target.'
          : 'HTTP skipped: no build (`npm run build` first); unscaled target.',
      );
    }

    const render = (query: { q?: string; after?: string }) => async () => {
      // What the directory page does on the server: staff, directory, organization, run state, counts, the Users tab.
      const session = await loadActiveStaff(db, staff.id);
      const directory = await getDirectory(db, session!.tenantId, directoryId);
      await Promise.all([
        getOrganization(db, tenantId, directory!.organizationId),
        activeRun(db, tenantId, directoryId),
        heldRun(db, tenantId, directoryId),
        storedDirectoryCounts(db, tenantId, directoryId),
        directoryUsersPage(db, tenantId, directoryId, query),
      ]);
    };
    const cases: [string, { q?: string; after?: string }, string][] = [
      ['Users tab: first page', {}, ''],
      ['Users tab: deep page (last but one)', { after: deepCursor }, `?after=${deepCursor}`],
      ['Users tab: search "smith" (common)', { q: 'smith' }, '?q=smith'],
      ['Users tab: search "fatima.novak9" (rare)', { q: 'fatima.novak9' }, '?q=fatima.novak9'],
      ['Users tab: search "zzqx" (no match)', { q: 'zzqx' }, '?q=zzqx'],
    ];
    console.log(`\nServer-side render path (the lib calls the page makes; ${RUNS} runs each):`);
    for (const [what, query] of cases) report(what, await time(RUNS, render(query)));

    if (http) {
      const token = await encode({
        secret,
        token: { sub: staff.id, name: staff.name, email: staff.email, role: staff.role, tenantId: staff.tenantId },
      });
      const headers = { cookie: `next-auth.session-token=${token}` };
      const get = async (suffix: string) => {
        const response = await fetch(`${base}/dashboard/directories/${directoryId}${suffix}`, {
          headers,
          redirect: 'manual',
        });
        const body = await response.text();
        if (response.status !== 200 || !body.includes('Bench HR'))
          throw new Error(`GET ${suffix || '/'} answered ${response.status}`);
      };
      console.log(`\nHTTP (next start, signed-in IT admin, full HTML response, ${RUNS} runs each):`);
      for (const [what, , suffix] of cases) report(`GET ${what}`, await time(RUNS, () => get(suffix)));
    }
    const slow = rows.filter((r) => r.s.median >= target || r.s.p95 >= target);
    console.log(
      slow.length
        ? `\n${slow.length} case(s) over ${target} ms (median or p95).`
        : `\nAll cases under ${target} ms at the median and p95.`,
    );
    process.exitCode = slow.length ? 1 : 0;
  } finally {
    child.process?.kill('SIGTERM');
    await closeDb();
  }
}

void main();
