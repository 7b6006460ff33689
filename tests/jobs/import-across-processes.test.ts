import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { count, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '@/db/schema';
import type { Database } from '@/db/client';
import { migrateDatabase } from '@/db/embedded.mjs';
import { createImport, getImport, validateImport } from '@/lib/hr/csv-import';
import { getImportView, startImport } from '@/lib/hr/import-queue';

/**
 * CSV imports across real processes, on a database of its own (so that no other test file's queued imports meet
 * these workers): worker processes (`scripts/worker.ts`, as `npm run worker` runs it) import, and this process,
 * like another app process, starts imports and reads their state from the database.
 *
 * Real PostgreSQL only: the embedded database is one session, so a status read waits for the import's transaction
 * to end and the kill-in-the-middle cases cannot be staged on it.
 */
const mainUrl = inject('databaseUrl');
const realPostgres = !inject('databaseEmbedded');
const ROWS = 12_000;

function csv(prefix: string) {
  const lines = [
    'Person code,Given name,Family name,Internal email,Department,Job title,Employment ID,Start date,End date',
  ];
  for (let i = 0; i < ROWS; i++)
    lines.push(
      `${prefix}${i},Given${i},Family${i},${prefix.toLowerCase()}${i}@processes.test,Dept ${i % 7},Title,${prefix}E${i},2020-01-01,`,
    );
  return lines.join('\n') + '\n';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!realPostgres)('CSV import across processes (worker processes, real PostgreSQL)', () => {
  const databaseName = `roster_processes_${process.pid}_${randomUUID().slice(0, 6)}`;
  const url = new URL(mainUrl);
  url.pathname = `/${databaseName}`;
  let admin: pg.Pool;
  let pool: pg.Pool;
  let db: Database;
  const workers: ChildProcess[] = [];

  /** A worker process for the import queue only, ready once it says so. */
  async function startWorker(): Promise<ChildProcess> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('scripts/worker.ts'), '--only', 'hr.import-people', '--polling-seconds', '0.5'],
      {
        env: { ...process.env, DATABASE_URL: url.toString(), ROSTER_EMBEDDED_DB: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    workers.push(child);
    let output = '';
    child.stderr!.on('data', (chunk) => (output += chunk));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk) => {
        output += chunk;
        if (output.includes('running: hr.import-people')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${output}`)));
    });
    return child;
  }

  const stopped = (child: ChildProcess) =>
    new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve()),
    );

  async function newTenant() {
    const [tenant] = await db
      .insert(schema.tenants)
      .values({ name: `Processes ${randomUUID().slice(0, 6)}` })
      .returning();
    return tenant.id;
  }

  async function validatedImport(tenantId: string, prefix: string) {
    const upload = await createImport(db, tenantId, null, { name: `${prefix}.csv`, content: csv(prefix) });
    expect((await validateImport(db, tenantId, upload.id)).status).toBe('valid');
    return upload.id;
  }

  const peopleIn = async (tenantId: string) =>
    (await db.select({ n: count() }).from(schema.people).where(eq(schema.people.tenantId, tenantId)))[0].n;

  /** Polls the import's state as a page would (settling it) until `done` says so. */
  async function watch(
    tenantId: string,
    importId: string,
    done: (record: Awaited<ReturnType<typeof getImport>>) => boolean,
    timeoutMs = 60_000,
  ) {
    const seen: { status: string; processed: number }[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { record } = await getImportView(db, tenantId, importId);
      seen.push({ status: record.status, processed: record.processedRows });
      if (done(record)) return { record, seen };
      if (Date.now() > deadline) throw new Error(`timed out; seen ${JSON.stringify(seen.slice(-5))}`);
      await sleep(100);
    }
  }

  beforeAll(async () => {
    admin = new pg.Pool({ connectionString: mainUrl, max: 1 });
    await admin.query(`create database ${databaseName}`);
    await migrateDatabase(url.toString());
    pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
    db = drizzle(pool, { schema });
  }, 60_000);

  afterAll(async () => {
    for (const child of workers) if (child.exitCode === null && !child.signalCode) child.kill('SIGKILL');
    await Promise.all(workers.map(stopped));
    await pool?.end();
    await admin?.query(`drop database if exists ${databaseName} with (force)`);
    await admin?.end();
  }, 60_000);

  it('an import run by a worker process is reported running here, with its progress, until it finishes; a second import is refused meanwhile', async () => {
    const worker = await startWorker();
    const tenantId = await newTenant();
    const first = await validatedImport(tenantId, 'A');
    const second = await validatedImport(tenantId, 'B');

    await startImport(db, tenantId, first, null);
    let refused: unknown = null;
    const { record, seen } = await watch(tenantId, first, (r) => {
      if (r.status === 'importing' && !refused)
        refused = startImport(db, tenantId, second, null).catch((error: Error) => error.message);
      return !['queued', 'importing'].includes(r.status);
    });

    expect(record).toMatchObject({ status: 'imported', createdCount: ROWS, processedRows: ROWS });
    expect(await refused).toBe('Another import is running. Wait for it to finish.');
    expect(seen.every((s) => ['queued', 'importing', 'imported'].includes(s.status))).toBe(true);
    expect(seen.some((s) => s.status === 'importing' && s.processed > 0 && s.processed < ROWS)).toBe(true); // progress from the other process
    expect(await peopleIn(tenantId)).toBe(ROWS);
    expect((await getImport(db, tenantId, second)).status).toBe('valid');
    worker.kill('SIGTERM');
    await stopped(worker);
  }, 120_000);

  it('a worker killed mid-import leaves nothing imported, the import is reported failed, and importing again works', async () => {
    const doomed = await startWorker();
    const tenantId = await newTenant();
    const importId = await validatedImport(tenantId, 'K');
    await startImport(db, tenantId, importId, null);
    await watch(tenantId, importId, (r) => r.status === 'importing' && r.processedRows >= 3000);

    doomed.kill('SIGKILL');
    await stopped(doomed);
    expect(await peopleIn(tenantId)).toBe(0);
    const { record, seen } = await watch(tenantId, importId, (r) => r.status !== 'importing');
    expect(record.status).toBe('failed');
    expect(record.failure).toMatch(
      /^The import stopped: the worker running it ended without finishing\. Nothing was imported/,
    );
    expect(seen.every((s) => s.status === 'importing' || s.status === 'failed')).toBe(true);
    expect(await peopleIn(tenantId)).toBe(0);

    const worker = await startWorker();
    await startImport(db, tenantId, importId, null);
    const again = await watch(tenantId, importId, (r) => !['queued', 'importing'].includes(r.status));
    expect(again.record).toMatchObject({ status: 'imported', createdCount: ROWS });
    expect(await peopleIn(tenantId)).toBe(ROWS);
    worker.kill('SIGTERM');
    await stopped(worker);
  }, 150_000);

  it('a worker stopped with SIGTERM mid-import rolls it back and the job is retried by another worker', async () => {
    const stopping = await startWorker();
    const tenantId = await newTenant();
    const importId = await validatedImport(tenantId, 'T');
    const queued = await startImport(db, tenantId, importId, null);
    await watch(tenantId, importId, (r) => r.status === 'importing' && r.processedRows >= 3000);

    stopping.kill('SIGTERM');
    await stopped(stopping);
    expect(await peopleIn(tenantId)).toBe(0);
    expect(await getImport(db, tenantId, importId)).toMatchObject({ status: 'queued', jobId: queued.jobId });

    await startWorker();
    const { record } = await watch(tenantId, importId, (r) => !['queued', 'importing'].includes(r.status));
    expect(record).toMatchObject({ status: 'imported', createdCount: ROWS, jobId: queued.jobId });
    const { rows } = await pool.query<{ retry_count: number; state: string }>(
      'select retry_count, state from pgboss.job where id = $1',
      [queued.jobId],
    );
    expect(rows[0]).toEqual({ retry_count: 1, state: 'completed' });
    expect(await peopleIn(tenantId)).toBe(ROWS);
  }, 150_000);
});
