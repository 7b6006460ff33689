// The embedded default database: PGlite (PostgreSQL in WASM) under a data directory, exposed on a local
// TCP port with pglite-socket so the app, drizzle and tests all use the same `pg` driver path.
// Plain ESM so the start wrapper and the test setup can load it without a TypeScript loader.
import { mkdirSync, existsSync, readFileSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SessionQueue } from './pglite-session-queue.mjs';

export function dataDir() {
  return path.resolve(process.env.ROSTER_DATA_DIR ?? '.data');
}

/**
 * Only one process may open a PGlite data directory (two would corrupt it): a lock file holds the owner's pid.
 * A lock left by a process that no longer runs is taken over.
 */
export function lockDataDir(dir) {
  const file = path.join(dir, 'pglite.lock');
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8'));
      if (owner && owner !== process.pid && isRunning(owner)) {
        throw new Error(
          `The embedded database in ${dir} is open in process ${owner} (npm start, npm run worker…). Stop it, or point ` +
            'DATABASE_URL at a PostgreSQL server to run several processes on one database.',
        );
      }
      rmSync(file, { force: true });
    }
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/** Starts PGlite on 127.0.0.1 (a free port) and returns its URL and a stop function. */
export async function startEmbeddedDatabase(dir = dataDir()) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(dir);
  const db = await PGlite.create(path.join(dir, 'pglite'), { extensions: { pg_trgm } }).catch((error) => {
    unlock();
    throw error;
  });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 100 });
  // pglite-socket's own queue lets concurrent connections' queries interleave (see pglite-session-queue.mjs).
  /** @type {any} */ (server).queryQueue = new SessionQueue(db);
  await server.start();
  // After start() the server reports the port the OS picked for port 0.
  const port = Number(server.getServerConn().split(':').pop());
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
      unlock();
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

/** Applies the committed drizzle migrations, then installs (or upgrades) the job queue's `pgboss` schema. */
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
  await installJobStore(url);
}

/** pg-boss creates or migrates its schema when it starts; this start does nothing else (no worker, no schedule). */
async function installJobStore(url) {
  const { default: PgBoss } = await import('pg-boss');
  const boss = new PgBoss({ connectionString: url, max: 1, supervise: false, schedule: false, migrate: true });
  boss.on('error', (error) => console.error('[roster] job store:', error));
  await boss.start();
  await boss.stop({ graceful: false });
}

/** The test suites must never touch a shared or production database. */
export function assertLocalDatabase(url) {
  const host = new URL(url).hostname;
  const local = ['localhost', '127.0.0.1', '::1', '[::1]', ''].includes(host) || host.startsWith('/');
  if (!local) {
    throw new Error(`Refusing to run tests against a non-local database (${host}). Point DATABASE_URL at localhost.`);
  }
}
