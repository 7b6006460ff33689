import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema';

export type Database = NodePgDatabase<typeof schema>;
/** A transaction handle or the database itself: lib functions accept either. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

const cache = globalThis as unknown as { rosterPool?: pg.Pool; rosterDb?: Database };

function createPool(): pg.Pool {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error('DATABASE_URL is not set. Start Roster with `npm start` (it provides the embedded database).');
  }
  const embedded = process.env.ROSTER_EMBEDDED_DB === '1';
  const pool = new pg.Pool({ connectionString, max: embedded ? 4 : Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  pool.on('error', (error) => console.error('[roster] idle database client error', error));
  return pool;
}

/** The shared drizzle client. Created lazily so `next build` needs no database. */
export function getDb(): Database {
  if (!cache.rosterDb) {
    cache.rosterPool = createPool();
    cache.rosterDb = drizzle(cache.rosterPool, { schema });
  }
  return cache.rosterDb;
}

export async function closeDb(): Promise<void> {
  await cache.rosterPool?.end();
  cache.rosterPool = undefined;
  cache.rosterDb = undefined;
}

export { schema };
