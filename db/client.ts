import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema';

export type Database = NodePgDatabase<typeof schema>;
/** A transaction handle or the database itself: lib functions accept either. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Three pools, because they need different time budgets:
 * - `requests` (getDb): pages, server actions, SCIM, HR API. Every statement is cut off after
 *   ROSTER_STATEMENT_TIMEOUT_MS (default 5 s), so one tenant's expensive filter cannot hold connections others need.
 * - `batch` (getBatchDb): background jobs (CSV import, leaver sweep) and scripts (seed, benchmarks, key rotation):
 *   ROSTER_BATCH_STATEMENT_TIMEOUT_MS (default 10 min).
 * - `limits` (getLimitsPool): the rate limiter's counters, 1 s; when it is slow the limiter falls back to memory.
 * The embedded database serves every connection from one session (a SET would leak to all), so it gets one pool and
 * no timeouts.
 */
type PoolKind = 'requests' | 'batch' | 'limits';
type Pools = Partial<Record<PoolKind, { pool: pg.Pool; db: Database }>>;
const cache = globalThis as unknown as { rosterPools?: Pools };
const pools = (): Pools => (cache.rosterPools ??= {});

const embedded = () => process.env.ROSTER_EMBEDDED_DB === '1';

function milliseconds(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}

export function statementTimeoutMs(kind: PoolKind): number {
  if (kind === 'requests') return milliseconds('ROSTER_STATEMENT_TIMEOUT_MS', 5000);
  if (kind === 'batch') return milliseconds('ROSTER_BATCH_STATEMENT_TIMEOUT_MS', 600_000);
  return 1000;
}

function createPool(kind: PoolKind): pg.Pool {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error('DATABASE_URL is not set. Start Roster with `npm start` (it provides the embedded database).');
  }
  const size = { requests: Number(process.env.DATABASE_POOL_SIZE ?? 10), batch: 4, limits: 4 }[kind];
  const timeout = statementTimeoutMs(kind);
  const pool = new pg.Pool({
    connectionString,
    // The limiter's named prepared statements must not meet a second client of the embedded database's one session.
    max: embedded() ? (kind === 'limits' ? 1 : 4) : size,
    application_name: `roster-${kind}`,
    ...(timeout > 0 && !embedded() ? { statement_timeout: timeout } : {}),
  });
  pool.on('error', (error) =>
    console.error(`[roster] idle database client error (${kind}): ${error.constructor.name}`),
  );
  return pool;
}

function entry(kind: PoolKind) {
  const all = pools();
  const effective: PoolKind = embedded() && kind === 'batch' ? 'requests' : kind;
  if (!all[effective]) {
    const pool = createPool(effective);
    all[effective] = { pool, db: drizzle(pool, { schema }) };
  }
  return all[effective]!;
}

/** The shared drizzle client for requests. Created lazily so `next build` needs no database. */
export function getDb(): Database {
  return entry('requests').db;
}

/** For background jobs and scripts: the longer statement budget. */
export function getBatchDb(): Database {
  return entry('batch').db;
}

/** The raw pool of the rate limiter's counters (rate-limiter-flexible's PostgreSQL store takes a `pg` pool). */
export function getLimitsPool(): pg.Pool {
  return entry('limits').pool;
}

export async function closeDb(): Promise<void> {
  const all = pools();
  cache.rosterPools = {};
  await Promise.all(Object.values(all).map((e) => e?.pool.end()));
}

export { schema };
