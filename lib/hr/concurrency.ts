import type { Executor } from '@/db/client';

/**
 * Runs independent queries side by side on the pool, but one after another inside a transaction (a transaction is
 * one connection, and pg refuses overlapping queries on one connection).
 */
export async function allQueries<T extends readonly unknown[]>(
  db: Executor,
  thunks: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if ('rollback' in db) {
    const results: unknown[] = [];
    for (const thunk of thunks) results.push(await thunk());
    return results as unknown as T;
  }
  return Promise.all(thunks.map((thunk) => thunk())) as unknown as Promise<T>;
}
