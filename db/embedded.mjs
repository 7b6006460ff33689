// The embedded default database: PGlite (PostgreSQL in WASM) under a data directory, exposed on a local
// TCP port with pglite-socket so the app, drizzle and tests all use the same `pg` driver path.
// Plain ESM so the start wrapper and the test setup can load it without a TypeScript loader.
import { mkdirSync, existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export function dataDir() {
  return path.resolve(process.env.ROSTER_DATA_DIR ?? '.data');
}

/** Starts PGlite on 127.0.0.1 (a free port) and returns its URL and a stop function. */
export async function startEmbeddedDatabase(dir = dataDir()) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(path.join(dir, 'pglite'), { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 100 });
  await server.start();
  // After start() the server reports the port the OS picked for port 0.
  const port = Number(server.getServerConn().split(':').pop());
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** Reads a secret kept in the data directory (mode 600), creating it on first use. */
export function persistentSecret(name, dir = dataDir()) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

/** Applies the committed drizzle migrations. */
export async function migrateDatabase(url) {
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrate(drizzle(pool), { migrationsFolder: path.resolve('db/migrations') });
  } finally {
    await pool.end();
  }
}

/** The test suites must never touch a shared or production database. */
export function assertLocalDatabase(url) {
  const host = new URL(url).hostname;
  const local = ['localhost', '127.0.0.1', '::1', '[::1]', ''].includes(host) || host.startsWith('/');
  if (!local) {
    throw new Error(`Refusing to run tests against a non-local database (${host}). Point DATABASE_URL at localhost.`);
  }
}
