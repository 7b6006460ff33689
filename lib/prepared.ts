/**
 * Prepared statements for hot read paths, built once per database client and query shape. A statement is named, so
 * each pooled connection parses and plans it once (PostgreSQL may then keep a generic plan), and drizzle builds the SQL
 * text once instead of on every request. Values go in through `sql.placeholder(name)`.
 *
 * The embedded database (PGlite) serves every connection from one session, where a second connection preparing the
 * same name fails: there the statements stay unnamed (the SQL text is still built once).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { Placeholder } from 'drizzle-orm';
import type { Database } from '@/db/client';

type Prepared<T> = { execute(values?: Record<string, unknown>): Promise<T> };

const statements = new WeakMap<Database, Map<string, unknown>>();

function cached<T>(db: Database, shape: string, make: (name: string) => T): T {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(shape) as T | undefined;
  if (statement === undefined) {
    const named = process.env.ROSTER_EMBEDDED_DB !== '1';
    statement = make(named ? `roster_${createHash('sha1').update(shape).digest('hex').slice(0, 24)}` : '');
    cache.set(shape, statement);
  }
  return statement;
}

/** The drizzle prepared statement for `shape` (any string that determines the SQL text), built the first time. */
export function preparedStatement<T>(db: Database, shape: string, build: (name: string) => Prepared<T>): Prepared<T> {
  return cached(db, shape, build);
}

/**
 * For the hottest reads: the statement's rows as arrays, in the order of the query's select list, straight from the
 * driver (drizzle's per-field row mapping costs more than the query on a page of 100 users). The caller maps them.
 */
export function preparedRows(
  db: Database,
  shape: string,
  build: () => { toSQL(): { sql: string; params: unknown[] } },
) {
  const statement = cached(db, shape, (name) => ({ name, ...build().toSQL() }));
  const pool = (db as Database & { $client: pg.Pool }).$client;
  return async (values: Record<string, unknown>): Promise<unknown[][]> => {
    const result = await pool.query({
      name: statement.name || undefined,
      text: statement.sql,
      values: statement.params.map((param) => (param instanceof Placeholder ? values[param.name] : param)),
      rowMode: 'array',
    });
    return result.rows;
  };
}
