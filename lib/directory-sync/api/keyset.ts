/**
 * WorkOS cursor pagination as keyset queries on the object id. Ids are `<prefix>_<ULID>` and a ULID starts with its
 * creation time, so id order is creation order (`created_at` order) and every page — the first or the thousandth —
 * is one index range scan of `limit + 1` rows.
 *
 * `order`: `asc` (oldest first), `desc` (newest first, the default) — `after` continues the list, `before` goes back;
 * `normal` lists newest first but reads the cursors in time: `before` = older records, `after` = newer ones.
 * `list_metadata.after` is the last id when more items follow (what `autoPagination()` follows), `before` the first id
 * when items precede (for `normal` the two swap, as the cursors do). Both are exact.
 */
import { and, asc, desc, gt, gte, lt, lte, sql, type Column, type SQL } from 'drizzle-orm';

export type Order = 'asc' | 'desc' | 'normal';
export type Direction = 'asc' | 'desc';
export type PageParams = { limit: number; order: Order; before?: string; after?: string };

/** A bound on the id: `>` / `<` strictly past a cursor, `>=` / `<=` up to and including it. */
export type Bound = { op: '>' | '<' | '>=' | '<='; id: string };
/**
 * What a resource's fetch function must run: rows in `direction` by id, within `bounds`, at most `limit`. `idsOnly`:
 * only `id` is needed (the probes that decide list_metadata).
 */
export type KeysetQuery = { direction: Direction; bounds: Bound[]; limit: number; idsOnly?: boolean };
export type Fetch<T> = (query: KeysetQuery) => Promise<T[]>;

export type ListMetadata = { before: string | null; after: string | null };
export type Page<T> = { data: T[]; listMetadata: ListMetadata };

const reverse = (direction: Direction): Direction => (direction === 'asc' ? 'desc' : 'asc');

/** Items past `id` when walking in `direction`. */
const past = (direction: Direction, id: string): Bound => ({ op: direction === 'asc' ? '>' : '<', id });
/** `id` and the items beyond it when walking in `direction`. */
const from = (direction: Direction, id: string): Bound => ({ op: direction === 'asc' ? '>=' : '<=', id });

const OPERATORS = { '>': gt, '<': lt, '>=': gte, '<=': lte } as const;

/** The SQL conditions and ordering for a keyset query on `column` (drizzle query builder). */
export function keysetSql(column: Column, query: KeysetQuery): { where: SQL | undefined; orderBy: SQL } {
  return {
    where: and(...query.bounds.map((bound) => OPERATORS[bound.op](column, bound.id))),
    orderBy: query.direction === 'asc' ? asc(column) : desc(column),
  };
}

/**
 * The same for a prepared statement: the cursor ids become placeholders `bound0`, `bound1` (in `values`), and `shape`
 * names everything that changes the SQL text (direction and operators).
 */
export function keysetPrepared(column: Column, query: KeysetQuery) {
  return {
    where: and(...query.bounds.map((bound, index) => OPERATORS[bound.op](column, sql.placeholder(`bound${index}`)))),
    orderBy: query.direction === 'asc' ? asc(column) : desc(column),
    values: Object.fromEntries(query.bounds.map((bound, index) => [`bound${index}`, bound.id])),
    shape: `${query.direction}${query.bounds.map((bound) => bound.op).join('')}`,
  };
}

/**
 * Up to `limit` rows past `cursor` in `direction`, read together with the cursor row itself: when the cursor is still
 * in the list, items lie on its other side, and no second query is needed to know it (`cursorSeen`).
 */
async function rowsPast<T extends { id: string }>(
  fetch: Fetch<T>,
  direction: Direction,
  cursor: string,
  bounds: Bound[],
  limit: number,
) {
  const rows = await fetch({ direction, bounds: [from(direction, cursor), ...bounds], limit: limit + 1 });
  return rows[0]?.id === cursor
    ? { rows: rows.slice(1), cursorSeen: true }
    : { rows: rows.slice(0, limit), cursorSeen: false };
}

/**
 * One page for `params`, via `fetch`. The list runs in `listDirection`; the "forward" cursor continues it and the
 * "backward" cursor returns to the page before. When both are given, the page starts after the forward cursor and
 * stops at the backward one. A page is one query; a second (an id probe) only when a cursor is no longer in the list
 * or both cursors are given.
 */
export async function keysetPage<T extends { id: string }>(params: PageParams, fetch: Fetch<T>): Promise<Page<T>> {
  const listDirection: Direction = params.order === 'asc' ? 'asc' : 'desc';
  const forward = params.order === 'normal' ? params.before : params.after;
  const backward = params.order === 'normal' ? params.after : params.before;
  const exists = async (bound: Bound, direction: Direction) =>
    (await fetch({ direction, bounds: [bound], limit: 1, idsOnly: true })).length > 0;

  let data: T[];
  let hasNext: boolean;
  let hasPrevious: boolean;
  if (forward) {
    const window = backward ? [past(reverse(listDirection), backward)] : [];
    const { rows, cursorSeen } = await rowsPast(fetch, listDirection, forward, window, params.limit + 1);
    data = rows.slice(0, params.limit);
    hasNext =
      rows.length > params.limit || (backward ? await exists(from(listDirection, backward), listDirection) : false);
    hasPrevious = cursorSeen || (await exists(from(reverse(listDirection), forward), reverse(listDirection)));
  } else if (backward) {
    const { rows, cursorSeen } = await rowsPast(fetch, reverse(listDirection), backward, [], params.limit + 1);
    data = rows.slice(0, params.limit).reverse();
    hasPrevious = rows.length > params.limit;
    hasNext = cursorSeen || (await exists(from(listDirection, backward), listDirection));
  } else {
    const rows = await fetch({ direction: listDirection, bounds: [], limit: params.limit + 1 });
    data = rows.slice(0, params.limit);
    hasNext = rows.length > params.limit;
    hasPrevious = false;
  }

  const first = data.length ? data[0].id : null;
  const last = data.length ? data[data.length - 1].id : null;
  const nextCursor = hasNext ? last : null;
  const previousCursor = hasPrevious ? first : null;
  return {
    data,
    listMetadata:
      params.order === 'normal'
        ? { before: nextCursor, after: previousCursor }
        : { before: previousCursor, after: nextCursor },
  };
}
