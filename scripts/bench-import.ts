// `npm run bench:import` — a 50,000-row CSV through the import (upload → validate → import → re-import), on a real
// PostgreSQL server, while the same Node process keeps serving people-list queries (as the app serves requests).
//
//   DATABASE_URL=postgres://user:pass@127.0.0.1:5432/roster_bench npm run bench:import [-- --rows 50000]
//
// Prints each step's time, the longest event-loop stall, peak memory and the latency of the concurrent queries.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { closeDb, getBatchDb } from '@/db/client';
import { departments, people } from '@/db/schema';
import { createImport, getImport, runImport, startImport, validateImport } from '@/lib/hr/csv-import';
import { generatePeople, resolveDemoTenant } from '@/lib/hr/demo-data';
import { listPeople, parsePeopleQuery } from '@/lib/hr/people-list';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '50000' } } });
const ROWS = Number(args.rows);

const quote = (v: string | null) => (v === null ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function buildCsv(count: number): string {
  const lines = ['Person code,Given name,Family name,Preferred given name,Internal email,External email,Department,Job title,Employment ID,Start date,End date'];
  const departmentNames = ['Engineering', 'Sales', 'Marketing', 'Finance', 'Human Resources', 'Operations', 'Customer Success', 'Legal'];
  let i = 0;
  for (const p of generatePeople(count, 'Bench import')) {
    const e = p.employments.at(-1)!;
    lines.push(
      [`I${p.personCode.slice(1)}`, p.givenName, p.familyName, p.preferredGivenName, p.internalEmail, p.externalEmail, departmentNames[i++ % 8], p.jobTitle, `I${e.employmentId}`, e.startDate, e.endDate]
        .map(quote)
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** Samples memory and runs a people-list query every 100 ms, like other users' requests during the import. */
function startBackgroundLoad(tenantId: string) {
  let peakRss = process.memoryUsage().rss;
  const latencies: number[] = [];
  let running = true;
  const memory = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const queries = (async () => {
    while (running) {
      const started = performance.now();
      await listPeople(getBatchDb(), tenantId, parsePeopleQuery({ q: 'smith' }));
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return async () => {
    running = false;
    clearInterval(memory);
    await queries;
    const sorted = [...latencies].sort((a, b) => a - b);
    return { peakRss, queries: sorted.length, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, maxMs: sorted.at(-1) ?? 0 };
  };
}

async function step<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const result = await fn();
  delay.disable();
  console.log(`  ${label.padEnd(44)} ${((performance.now() - started) / 1000).toFixed(2).padStart(6)} s   longest event-loop stall ${(delay.max / 1e6).toFixed(0).padStart(4)} ms`);
  return result;
}

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error('bench:import needs a real PostgreSQL server: set DATABASE_URL=postgres://user:password@127.0.0.1:5432/<database>');
    process.exit(1);
  }
  const db = getBatchDb();
  try {
    const tenant = (await resolveDemoTenant(db, 'Bench import'))!;
    await db.delete(people).where(eq(people.tenantId, tenant.id));
    await db.delete(departments).where(eq(departments.tenantId, tenant.id));
    const csv = buildCsv(ROWS);
    console.log(`CSV: ${ROWS.toLocaleString('en')} rows, ${(Buffer.byteLength(csv) / 2 ** 20).toFixed(1)} MB. Baseline RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB.`);
    const stop = startBackgroundLoad(tenant.id);

    const first = await step('upload (store the file, read the header)', () => createImport(db, tenant.id, null, { name: 'bench.csv', content: csv }));
    const checked = await step('validate every row (preview)', () => validateImport(db, tenant.id, first.id));
    if (checked.status !== 'valid') throw new Error(`validation failed: ${JSON.stringify(checked.errors.slice(0, 3))}`);
    await startImport(db, tenant.id, first.id);
    await step('import (one transaction, 1,000-row batches)', () => runImport(db, tenant.id, first.id, { id: null, email: 'bench' }));
    const imported = await getImport(db, tenant.id, first.id);
    console.log(`    → ${imported.status}: ${imported.createdCount.toLocaleString('en')} created, ${imported.updatedCount.toLocaleString('en')} updated`);

    const second = await createImport(db, tenant.id, null, { name: 'bench-again.csv', content: csv });
    await step('re-import the same file: validate', () => validateImport(db, tenant.id, second.id));
    await startImport(db, tenant.id, second.id);
    await step('re-import the same file: import', () => runImport(db, tenant.id, second.id, { id: null, email: 'bench' }));
    const again = await getImport(db, tenant.id, second.id);
    const [{ n }] = (await db.execute<{ n: string }>(sql`select count(*) as n from people where tenant_id = ${tenant.id}`)).rows;
    console.log(`    → ${again.status}: ${again.createdCount} created, ${again.updatedCount} updated; people in the tenant: ${Number(n).toLocaleString('en')} (no duplicates)`);

    const load = await stop();
    console.log(`\nPeak RSS ${(load.peakRss / 2 ** 20).toFixed(0)} MB.`);
    console.log(`Concurrent people searches during all of it: ${load.queries}, median ${load.medianMs.toFixed(1)} ms, max ${load.maxMs.toFixed(1)} ms.`);
  } finally {
    await closeDb();
  }
}

void main();
