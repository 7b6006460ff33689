// `npm run bench:import` — a 50,000-row CSV through the import as the app runs it (upload → validate → queue → the
// import job → re-import), on a real PostgreSQL server, while `next start` on the same database serves people
// searches to a signed-in HR Professional (as other users' requests during the import).
//
//   BENCH_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/roster_bench_import npm run bench:import [-- --rows 50000] [-- --rounds 3]
//
// This process plays the worker: it runs the queued job with the job's own handler. Each round imports into an empty
// company, then imports the same file again (no change). Targets (median and p95 of the rounds, scaled by the floor):
// validate ≥ 15,000 rows/s, import ≥ 4,000 rows/s, re-import ≥ 6,000 rows/s; searches during it all ≤ 200 ms.
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { and, count, eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { closeDb, getBatchDb as getDb } from '@/db/client';
import { departments, people, peopleImports, staffUsers } from '@/db/schema';
import { hashPassword } from '@/lib/crypto/password';
import { createImport, getImport, validateImport, type PeopleImport } from '@/lib/hr/csv-import';
import { generatePeople, resolveDemoTenant } from '@/lib/hr/demo-data';
import { startImport } from '@/lib/hr/import-queue';
import { importPeopleJob } from '@/lib/hr/jobs/import-people';
import { jobHandler } from '@/lib/jobs/worker';
import {
  measureFloor,
  percentile,
  prepareBenchDatabase,
  ratesFrom,
  startApp,
  stats,
  summary,
  verdict,
  type App,
} from './bench-kit';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '50000' },
    rounds: { type: 'string', default: '3' },
    port: { type: 'string', default: process.env.BENCH_PORT ?? '3104' },
  },
});
const ROWS = Number(args.rows);
const ROUNDS = Number(args.rounds);

const quote = (v: string | null) => (v === null ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function buildCsv(rows: number): string {
  const lines = [
    'Person code,Given name,Family name,Preferred given name,Internal email,External email,Department,Job title,Employment ID,Start date,End date',
  ];
  const departmentNames = [
    'Engineering',
    'Sales',
    'Marketing',
    'Finance',
    'Human Resources',
    'Operations',
    'Customer Success',
    'Legal',
  ];
  let i = 0;
  for (const p of generatePeople(rows, 'Bench import')) {
    const e = p.employments.at(-1)!;
    lines.push(
      [
        `I${p.personCode.slice(1)}`,
        p.givenName,
        p.familyName,
        p.preferredGivenName,
        p.internalEmail,
        p.externalEmail,
        departmentNames[i++ % 8],
        p.jobTitle,
        `I${e.employmentId}`,
        e.startDate,
        e.endDate,
      ]
        .map(quote)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** People searches over HTTP every 100 ms, and memory samples, while the import runs in this process. */
function startSearches(app: App, cookie: string) {
  let peakRss = process.memoryUsage().rss;
  const latencies: number[] = [];
  let running = true;
  const memory = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const searches = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${app.baseUrl}/admin/people?q=smith`, { headers: { cookie }, redirect: 'manual' });
      await response.text();
      if (response.status !== 200) throw new Error(`people search answered ${response.status}`);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return async () => {
    running = false;
    clearInterval(memory);
    await searches;
    return { peakRss, latencies };
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; stallMs: number; result: T }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const result = await fn();
  delay.disable();
  return { ms: performance.now() - started, stallMs: delay.max / 1e6, result };
}

/** Upload and validate, queue, then run the queued job as a worker would. */
async function importOnce(tenantId: string, csv: string, name: string) {
  const db = getDb();
  const upload = await createImport(db, tenantId, null, { name, content: csv });
  const validation = await timed(() => validateImport(db, tenantId, upload.id));
  if (validation.result.status !== 'valid')
    throw new Error(`validation failed: ${JSON.stringify(validation.result.errors.slice(0, 3))}`);
  const queued: PeopleImport = await startImport(db, tenantId, upload.id, null);
  const run = jobHandler(importPeopleJob);
  const data = { tenantId, importId: upload.id, actorId: null };
  const importing = await timed(() => run([{ id: queued.jobId!, name: importPeopleJob.name, data, retryCount: 0 }]));
  const record = await getImport(db, tenantId, upload.id);
  if (record.status !== 'imported') throw new Error(`import ended ${record.status}: ${record.failure ?? ''}`);
  return { validation, importing, record };
}

async function main() {
  await prepareBenchDatabase('bench:import');
  const db = getDb();
  const secret = randomBytes(32).toString('base64url');
  let app: App | null = null;
  try {
    const tenant = (await resolveDemoTenant(db, 'Bench import'))!;
    const [staff] = await db
      .insert(staffUsers)
      .values({
        tenantId: tenant.id,
        email: `bench-import-${Date.now()}@roster-bench.test`,
        name: 'Bench HR',
        role: 'hr_professional',
        passwordHash: await hashPassword(randomBytes(12).toString('hex')),
      })
      .returning();
    const csv = buildCsv(ROWS);
    console.log(
      `CSV: ${ROWS.toLocaleString('en')} rows, ${(Buffer.byteLength(csv) / 2 ** 20).toFixed(1)} MB; ${ROUNDS} rounds. Baseline RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB.`,
    );

    app = await startApp({ port: Number(args.port), env: { NEXTAUTH_SECRET: secret } });
    const floor = await measureFloor(app);
    const token = await encode({
      secret,
      token: { sub: staff.id, name: staff.name, email: staff.email, role: staff.role, tenantId: tenant.id },
    });
    const stop = startSearches(app, `next-auth.session-token=${token}`);

    const validate: number[] = [];
    const imports: number[] = [];
    const reimports: number[] = [];
    let longestStall = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      await db.delete(people).where(eq(people.tenantId, tenant.id));
      await db.delete(departments).where(eq(departments.tenantId, tenant.id));
      await db.delete(peopleImports).where(eq(peopleImports.tenantId, tenant.id));
      const first = await importOnce(tenant.id, csv, 'bench.csv');
      const again = await importOnce(tenant.id, csv, 'bench-again.csv');
      validate.push(first.validation.ms, again.validation.ms);
      imports.push(first.importing.ms);
      reimports.push(again.importing.ms);
      longestStall = Math.max(
        longestStall,
        first.validation.stallMs,
        first.importing.stallMs,
        again.validation.stallMs,
        again.importing.stallMs,
      );
      const [{ n }] = await db
        .select({ n: count() })
        .from(people)
        .where(and(eq(people.tenantId, tenant.id)));
      console.log(
        `  round ${round}: validate ${(first.validation.ms / 1000).toFixed(2)} s, import ${(first.importing.ms / 1000).toFixed(2)} s ` +
          `(${first.record.createdCount.toLocaleString('en')} created), re-import ${(again.importing.ms / 1000).toFixed(2)} s ` +
          `(${again.record.createdCount} created, ${again.record.updatedCount} updated); people ${n.toLocaleString('en')}`,
      );
    }
    const load = await stop();

    console.log(`\nTargets (${ROWS.toLocaleString('en')} rows; rates from the median and the slowest rounds):`);
    verdict('validate every row (preview)', ratesFrom(validate, ROWS), { at: 'least', perSecond: 15_000 }, floor);
    verdict(
      'import into an empty company (one transaction)',
      ratesFrom(imports, ROWS),
      { at: 'least', perSecond: 4_000 },
      floor,
    );
    verdict(
      're-import the same file (no change)',
      ratesFrom(reimports, ROWS),
      { at: 'least', perSecond: 6_000 },
      floor,
    );
    verdict(
      `people searches over HTTP meanwhile (${load.latencies.length})`,
      stats(load.latencies),
      { at: 'most', ms: 200 },
      floor,
    );
    console.log(
      `\nLongest event-loop stall of this (worker) process ${longestStall.toFixed(0)} ms; peak RSS ${(load.peakRss / 2 ** 20).toFixed(0)} MB; ` +
        `search max ${percentile(load.latencies, 100).toFixed(0)} ms.`,
    );
    summary('bench:import', floor);
  } finally {
    await app?.stop();
    await closeDb();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
