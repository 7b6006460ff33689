// `npm run bench:people` — how fast the people list renders with a large tenant, on a real PostgreSQL server.
//
//   DATABASE_URL=postgres://user:pass@127.0.0.1:5432/roster_bench npm run bench:people [-- --people 100000] [-- --runs 30] [-- --no-http]
//
// 1. Seeds the tenant "Bench 100k" up to --people people (demo generator; skipped when already there) and ANALYZEs.
// 2. Times the server-side render path of /admin/people: the same lib calls the page makes (session, list, departments).
// 3. Unless --no-http: starts `next start` (needs `npm run build` first), signs in with a session cookie for an HR
//    Professional of that tenant, and times full HTTP responses of the first page and of a search.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { closeDb, getBatchDb } from '@/db/client';
import { staffUsers } from '@/db/schema';
import { loadActiveStaff } from '@/lib/auth/accounts';
import { hashPassword } from '@/lib/crypto/password';
import { resolveDemoTenant, seedDemoData } from '@/lib/hr/demo-data';
import { departmentOptions } from '@/lib/hr/departments';
import { listPeople, parsePeopleQuery } from '@/lib/hr/people-list';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '30' },
    port: { type: 'string', default: process.env.BENCH_PORT ?? '3101' },
    'no-http': { type: 'boolean', default: false },
  },
});
const PEOPLE = Number(args.people);
const RUNS = Number(args.runs);
const TARGET_MS = 200;

type Stats = { median: number; p95: number; max: number };

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

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

const rows: { what: string; s: Stats; note?: string }[] = [];
function report(what: string, s: Stats, note?: string) {
  rows.push({ what, s, note });
  const flag = s.median < TARGET_MS ? 'ok' : 'SLOW';
  console.log(`  ${what.padEnd(52)} median ${s.median.toFixed(1).padStart(7)} ms   p95 ${s.p95.toFixed(1).padStart(7)} ms   max ${s.max.toFixed(1).padStart(7)} ms  ${flag}${note ? `  (${note})` : ''}`);
}

async function ensureBenchStaff(tenantId: string) {
  const email = 'bench-hr@roster-bench.test';
  const db = getBatchDb();
  const [existing] = await db.select().from(staffUsers).where(and(eq(staffUsers.tenantId, tenantId), eq(staffUsers.email, email)));
  if (existing) return existing;
  const [created] = await db
    .insert(staffUsers)
    .values({ tenantId, email, name: 'Bench HR', role: 'hr_professional', passwordHash: await hashPassword(randomBytes(24).toString('hex')) })
    .returning();
  return created;
}

async function waitForServer(url: string, child: ChildProcess) {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error('next start exited early');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('next start did not answer within 60 s');
}

async function benchHttp(staff: { id: string; email: string; name: string; role: string; tenantId: string }) {
  if (!existsSync(path.resolve('.next/BUILD_ID'))) {
    console.log('\nHTTP: skipped (no build). Run `npm run build` first, then this benchmark again.');
    return;
  }
  const port = Number(args.port);
  const base = `http://127.0.0.1:${port}`;
  const secret = randomBytes(32).toString('base64url');
  const child = spawn(path.resolve('node_modules/.bin/next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: base, ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? randomBytes(32).toString('base64url'), NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForServer(`${base}/api/ping`, child);
    const token = await encode({ secret, token: { sub: staff.id, name: staff.name, email: staff.email, role: staff.role, tenantId: staff.tenantId } });
    const headers = { cookie: `next-auth.session-token=${token}` };
    const get = async (url: string) => {
      const response = await fetch(`${base}${url}`, { headers, redirect: 'manual' });
      const body = await response.text();
      if (response.status !== 200 || !body.includes('aria-label="People"')) throw new Error(`GET ${url} answered ${response.status} without the People table`);
      return body;
    };
    console.log(`\nHTTP (next start on :${port}, signed-in HR Professional, full HTML response, ${RUNS} runs each):`);
    report('GET /admin/people (first page)', await time(RUNS, () => get('/admin/people')));
    report('GET /admin/people?q=smith (search)', await time(RUNS, () => get('/admin/people?q=smith')));
    report('GET /admin/people?q=amelia+clarke (two words)', await time(RUNS, () => get('/admin/people?q=amelia+clarke')));
    report('GET /admin/people?sort=updated&dir=desc&page=200', await time(RUNS, () => get('/admin/people?sort=updated&dir=desc&page=200')));
  } finally {
    child.kill('SIGTERM');
  }
}

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error('bench:people needs a real PostgreSQL server: set DATABASE_URL=postgres://user:password@127.0.0.1:5432/<database>');
    process.exit(1);
  }
  const db = getBatchDb();
  try {
    const tenant = (await resolveDemoTenant(db, 'Bench 100k'))!;
    const [{ n }] = (await db.execute<{ n: string }>(sql`select count(*) as n from people where tenant_id = ${tenant.id}`)).rows;
    if (Number(n) < PEOPLE) {
      console.log(`Seeding "${tenant.name}" up to ${PEOPLE.toLocaleString('en')} people (has ${Number(n).toLocaleString('en')})…`);
      const started = performance.now();
      await seedDemoData(db, tenant, { people: PEOPLE, accounts: 500 });
      console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    await db.execute(sql`analyze people`);
    await db.execute(sql`analyze employments`);
    const [{ total }] = (await db.execute<{ total: string }>(sql`select count(*) as total from people where tenant_id = ${tenant.id}`)).rows;
    const [{ version }] = (await db.execute<{ version: string }>(sql`select version()`)).rows;
    console.log(`\nMachine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`);
    console.log(`Database: ${version.split(',')[0]}; tenant "${tenant.name}" with ${Number(total).toLocaleString('en')} people`);

    const staff = await ensureBenchStaff(tenant.id);
    const render = (params: Record<string, string>) => async () => {
      // What /admin/people does on the server: load the signed-in staff member, then the page of people and the departments.
      const session = await loadActiveStaff(db, staff.id);
      const query = parsePeopleQuery(params);
      await Promise.all([listPeople(db, session!.tenantId, query), departmentOptions(db, session!.tenantId)]);
    };
    console.log(`\nServer-side render path of /admin/people (lib calls the page makes; ${RUNS} runs each, target < ${TARGET_MS} ms):`);
    const cases: [string, Record<string, string>][] = [
      ['first page (name order, exact count)', {}],
      ['search "smith" (~1,000 matches, all under S)', { q: 'smith' }],
      ['search "young" (matches at the end of the order)', { q: 'young' }],
      ['search "wei" (~2,000 matches)', { q: 'wei' }],
      ['search "engineer" (>5,000 matches: index walk)', { q: 'engineer' }],
      ['search 1 letter "a" (nearly everyone)', { q: 'a' }],
      ['search "amelia clarke" (two words)', { q: 'amelia clarke' }],
      ['search part of an email "ella.allen@"', { q: 'ella.allen@' }],
      ['search a person code "p054321"', { q: 'p054321' }],
      ['search with no match "zzqx"', { q: 'zzqx' }],
      ['search 2 letters "li"', { q: 'li' }],
      ['filter: inactive (leavers)', { status: 'inactive' }],
      ['search "smith" + inactive, sorted by update', { q: 'smith', status: 'inactive', sort: 'updated', dir: 'desc' }],
      ['sort by person code, descending', { sort: 'code', dir: 'desc' }],
      ['sort by last update, newest first', { sort: 'updated', dir: 'desc' }],
      ['page 2', { page: '2' }],
      ['page 1,000 (offset 49,950)', { page: '1000' }],
    ];
    for (const [what, params] of cases) report(what, await time(RUNS, render(params)));

    if (!args['no-http']) await benchHttp({ ...staff, role: staff.role });
    const slow = rows.filter((r) => r.s.median >= TARGET_MS);
    console.log(slow.length ? `\n${slow.length} case(s) over ${TARGET_MS} ms.` : `\nAll cases under ${TARGET_MS} ms (median).`);
  } finally {
    await closeDb();
  }
}

void main();
