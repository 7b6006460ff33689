// `npm run bench:people` — how fast the people list renders with a large tenant, on a real PostgreSQL server.
//
//   BENCH_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/roster_bench_people npm run bench:people [-- --people 100000] [-- --runs 30]
//
// 1. Migrates the database, seeds the tenant "Bench 100k" up to --people people (skipped when already there), ANALYZEs.
// 2. Starts `next start` on it (building first if needed) and measures the /api/ping floor.
// 3. Times the server-side render path of /admin/people: the same lib calls the page makes (session, list, departments).
// 4. Signs in with a session cookie for an HR Professional of that tenant and times full HTTP responses.
// Target: 200 ms per page (median and p95), scaled by the floor (see scripts/bench-kit.ts).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { and, count, eq, sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { closeDb, getBatchDb as getDb } from '@/db/client';
import { people, staffUsers } from '@/db/schema';
import { loadActiveStaff } from '@/lib/auth/accounts';
import { hashPassword } from '@/lib/crypto/password';
import { resolveDemoTenant, seedDemoData } from '@/lib/hr/demo-data';
import { departmentOptions } from '@/lib/hr/departments';
import { listPeople, parsePeopleQuery } from '@/lib/hr/people-list';
import {
  measureFloor,
  prepareBenchDatabase,
  startApp,
  stats,
  summary,
  verdict,
  type App,
  type Target,
} from './bench-kit';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '30' },
    port: { type: 'string', default: process.env.BENCH_PORT ?? '3101' },
  },
});
const PEOPLE = Number(args.people);
const RUNS = Number(args.runs);
/** Every case: a page of /admin/people within 200 ms (median and p95), on the server and over HTTP. */
const TARGET: Target = { at: 'most', ms: 200 };

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function ensureBenchStaff(tenantId: string) {
  const email = 'bench-hr@roster-bench.test';
  const db = getDb();
  const [existing] = await db
    .select()
    .from(staffUsers)
    .where(and(eq(staffUsers.tenantId, tenantId), eq(staffUsers.email, email)));
  if (existing) return existing;
  const [created] = await db
    .insert(staffUsers)
    .values({
      tenantId,
      email,
      name: 'Bench HR',
      role: 'hr_professional',
      passwordHash: await hashPassword(randomBytes(24).toString('hex')),
    })
    .returning();
  return created;
}

async function benchHttp(
  app: App,
  secret: string,
  staff: { id: string; email: string; name: string; role: string; tenantId: string },
  floor: number,
) {
  const token = await encode({
    secret,
    token: { sub: staff.id, name: staff.name, email: staff.email, role: staff.role, tenantId: staff.tenantId },
  });
  const headers = { cookie: `next-auth.session-token=${token}` };
  const get = async (url: string) => {
    const response = await fetch(`${app.baseUrl}${url}`, { headers, redirect: 'manual' });
    const body = await response.text();
    if (response.status !== 200 || !body.includes('aria-label="People"'))
      throw new Error(`GET ${url} answered ${response.status} without the People table`);
  };
  console.log(`\nHTTP (next start, signed-in HR Professional, full HTML response, ${RUNS} runs each):`);
  for (const url of [
    '/admin/people',
    '/admin/people?q=smith',
    '/admin/people?q=amelia+clarke',
    '/admin/people?sort=updated&dir=desc&page=200',
  ]) {
    verdict(`GET ${url}`, stats(await time(RUNS, () => get(url))), TARGET, floor);
  }
}

async function main() {
  await prepareBenchDatabase('bench:people');
  const db = getDb();
  const secret = randomBytes(32).toString('base64url');
  let app: App | null = null;
  try {
    const tenant = (await resolveDemoTenant(db, 'Bench 100k'))!;
    const [{ n }] = await db.select({ n: count() }).from(people).where(eq(people.tenantId, tenant.id));
    if (n < PEOPLE) {
      console.log(
        `Seeding "${tenant.name}" up to ${PEOPLE.toLocaleString('en')} people (has ${n.toLocaleString('en')})…`,
      );
      const started = performance.now();
      await seedDemoData(db, tenant, { people: PEOPLE, accounts: 500 });
      console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    await db.execute(sql`analyze people`);
    await db.execute(sql`analyze employments`);
    const [{ total }] = await db.select({ total: count() }).from(people).where(eq(people.tenantId, tenant.id));
    console.log(`tenant "${tenant.name}" with ${total.toLocaleString('en')} people`);

    app = await startApp({ port: Number(args.port), env: { NEXTAUTH_SECRET: secret } });
    const floor = await measureFloor(app);

    const staff = await ensureBenchStaff(tenant.id);
    const render = (params: Record<string, string>) => async () => {
      // What /admin/people does on the server: load the signed-in staff member, then the page of people and the departments.
      const session = await loadActiveStaff(db, staff.id);
      const query = parsePeopleQuery(params);
      await Promise.all([listPeople(db, session!.tenantId, query), departmentOptions(db, session!.tenantId)]);
    };
    console.log(`\nServer-side render path of /admin/people (lib calls the page makes; ${RUNS} runs each):`);
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
    for (const [what, params] of cases) verdict(what, stats(await time(RUNS, render(params))), TARGET, floor);

    await benchHttp(app, secret, { ...staff, role: staff.role }, floor);
    summary('bench:people', floor);
  } finally {
    await app?.stop();
    await closeDb();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
