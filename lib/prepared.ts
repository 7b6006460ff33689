/**
 * Prepared statements for hot read paths, built once per database client and query shape. A statement is named, so
 * each pooled connection parses and plans it once (PostgreSQL may then keep a generic plan), and drizzle builds the SQL
 * text once instead of on every request. Values go in through `sql.placeholder(name)`.
 *
 * The embedded database (PGlite) serves every connection from one session, where a second connection preparing the
 * same name fails: there the statements stay unnamed (drizzle still builds the SQL once).
 */
import { createHash } from 'node:crypto';
import type { Database } from '@/db/client';

type Prepared<T> = { execute(values?: Record<string, unknown>): Promise<T> };

const statements = new WeakMap<Database, Map<string, Prepared<unknown>>>();

/** The statement for `shape` (any string that determines the SQL text), building it with `build` the first time. */
export function preparedStatement<T>(db: Database, shape: string, build: (name: string) => Prepared<T>): Prepared<T> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(shape) as Prepared<T> | undefined;
  if (!statement) {
    const named = process.env.ROSTER_EMBEDDED_DB !== '1';
    statement = build(named ? `roster_${createHash('sha1').update(shape).digest('hex').slice(0, 24)}` : '');
    cache.set(shape, statement as Prepared<unknown>);
  }
  return statement;
}
