/**
 * The HR API change feed: OData delta links (`$deltatoken`) over the `hr_changes` log that triggers write in the
 * same transaction as every change of a person or department (migrations 0010/0011).
 *
 * Why snapshots and not timestamps or sequence numbers: a row's timestamp or sequence number is taken when the
 * statement runs, but the row becomes visible only when its transaction commits, so a reader that moves its position
 * past a visible row can skip a row of a transaction that was still open (a CSV import) and commits later with a
 * smaller number. Here a token holds a PostgreSQL snapshot (`pg_current_snapshot()`: which transactions had committed
 * when the client's last read ran), and a read serves exactly the rows of the transactions that its own snapshot sees
 * and the token's did not (`pg_visible_in_snapshot`). Visibility only grows (a transaction visible to a snapshot is
 * visible to every later one), so every committed change is served once, by the first read that can see it: a
 * transaction still open at a read is served by a later read, never skipped, and never holds other changes back.
 * The rows are read in (xid, seq) order, in pages of `$top`; the pages of one read share its snapshot (carried in
 * `@odata.nextLink`), and the last page's `@odata.deltaLink` carries it on.
 *
 * What a client gets is the entity's current state (not each intermediate version), once per key per page, in the
 * order of its last change; a deleted entity (or an old key after a key change) comes as an OData `@removed` entry.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { ODataError } from './errors';
import { badQueryOption } from './errors';
import {
  odataKey,
  toODataDepartment,
  toODataPerson,
  type DepartmentRecord,
  type ODataDepartment,
  type ODataPerson,
  type PersonRecord,
} from './mappers';
import { findDepartmentsByIds, findPeopleByIds } from './people';
import { isSnapshot, MAX_ID, type Snapshot } from './snapshot';

export type DeltaEntitySet = 'People' | 'Departments';

/** Change rows are kept this long (pruned by the hourly cleanup job); a token must be used within DELTA_TOKEN_DAYS. */
export const CHANGE_LOG_RETENTION_DAYS = 30;
export const DELTA_TOKEN_DAYS = 28;

/**
 * A position in the feed: `from` is the snapshot whose changes were served; a token inside a paged read also
 * carries the read's own snapshot (`upper`) and the last (xid, seq) served. `issuedAt` (Unix seconds) lets an old
 * token expire.
 */
export type DeltaToken = {
  from: Snapshot;
  upper: Snapshot | null;
  after: { xid: bigint; seq: bigint } | null;
  issuedAt: number;
};

const TOKEN_VERSION = 'd2';

export function encodeDeltaToken(token: DeltaToken): string {
  const parts = [
    TOKEN_VERSION,
    token.from,
    token.upper ?? '',
    token.after?.xid ?? '',
    token.after?.seq ?? '',
    token.issuedAt,
  ];
  return Buffer.from(parts.join('.'), 'utf8').toString('base64url');
}

const invalidToken = () =>
  badQueryOption('$deltatoken is not valid. Follow @odata.deltaLink or @odata.nextLink as given.', '$deltatoken');

/** Reads a token this service issued; anything else is a 400, an expired one a 410 (read the full set again). */
export function decodeDeltaToken(text: string, now = Date.now()): DeltaToken {
  if (!/^[A-Za-z0-9_-]{1,40000}$/.test(text)) throw invalidToken();
  const match = /^d2\.([\d:,]+)\.([\d:,]+)?\.(\d{1,19})?\.(\d{1,19})?\.(\d{1,12})$/.exec(
    Buffer.from(text, 'base64url').toString('utf8'),
  );
  if (!match) throw invalidToken();
  const [, from, upper, afterXid, afterSeq, issuedAt] = match;
  if ((afterXid === undefined) !== (afterSeq === undefined) || (afterXid !== undefined && upper === undefined))
    throw invalidToken();
  if (!isSnapshot(from) || (upper !== undefined && !isSnapshot(upper))) throw invalidToken();
  if ([afterXid, afterSeq].some((n) => n !== undefined && BigInt(n) > MAX_ID)) throw invalidToken();
  const token: DeltaToken = {
    from,
    upper: upper ?? null,
    after: afterXid === undefined ? null : { xid: BigInt(afterXid), seq: BigInt(afterSeq!) },
    issuedAt: Number(issuedAt),
  };
  if (now / 1000 - token.issuedAt > DELTA_TOKEN_DAYS * 86_400) {
    throw new ODataError(
      410,
      `This delta token is older than ${DELTA_TOKEN_DAYS} days and the changes it would need are no longer kept. Read the collection in full again (with Prefer: odata.track-changes) to get a new @odata.deltaLink.`,
      { code: 'DeltaTokenExpired', target: '$deltatoken' },
    );
  }
  return token;
}

/** Which transactions have committed, as of now (taken before a full read's first page). */
export async function currentSnapshot(db: Executor): Promise<Snapshot> {
  const result = await db.execute<{ snapshot: string }>(sql`select pg_current_snapshot()::text as snapshot`);
  return result.rows[0].snapshot;
}

/** A token for a client that has read the whole set; `horizon` is the snapshot taken before that read began. */
export function startToken(horizon: Snapshot, now = Date.now()): DeltaToken {
  return { from: horizon, upper: null, after: null, issuedAt: Math.floor(now / 1000) };
}

type ChangeRow = { seq: string; xid: string; entity_id: string; code: string; kind: string; removed_reason: string };

export type RemovedEntry = { '@removed': { reason: 'deleted' | 'changed' }; '@id': string } & Record<string, string>;
export type DeltaEntry<T> = T | RemovedEntry;

export type DeltaPage<T> = {
  entries: DeltaEntry<T>[];
  /** Where the next request starts: a continuation of this read (`more`) or the next delta link. */
  next: DeltaToken;
  more: boolean;
};

type EntitySetView<R, T> = {
  keyProperty: string;
  find: (db: Executor, tenantId: string, ids: string[]) => Promise<R[]>;
  toEntity: (record: R) => T;
  keyOf: (record: R) => string;
  idOf: (record: R) => string;
};

const PEOPLE: EntitySetView<PersonRecord, ODataPerson> = {
  keyProperty: 'PersonCode',
  find: findPeopleByIds,
  toEntity: toODataPerson,
  keyOf: (p) => p.personCode,
  idOf: (p) => p.id,
};

const DEPARTMENTS: EntitySetView<DepartmentRecord, ODataDepartment> = {
  keyProperty: 'DepartmentCode',
  find: findDepartmentsByIds,
  toEntity: toODataDepartment,
  keyOf: (d) => d.code,
  idOf: (d) => d.id,
};

/** The `@removed` entry for a key that is gone (OData JSON 4.01 §15.3 deleted entity). */
export function toRemovedEntry(entitySet: DeltaEntitySet, key: string, reason: 'deleted' | 'changed'): RemovedEntry {
  const keyProperty = entitySet === 'People' ? PEOPLE.keyProperty : DEPARTMENTS.keyProperty;
  return { '@removed': { reason }, '@id': `${entitySet}(${odataKey(key)})`, [keyProperty]: key } as RemovedEntry;
}

/** One page of changes after `token` for one entity set of a tenant. */
export async function readDeltaPage(
  db: Executor,
  tenantId: string,
  entitySet: 'People',
  token: DeltaToken,
  top: number,
  now?: number,
): Promise<DeltaPage<ODataPerson>>;
export async function readDeltaPage(
  db: Executor,
  tenantId: string,
  entitySet: 'Departments',
  token: DeltaToken,
  top: number,
  now?: number,
): Promise<DeltaPage<ODataDepartment>>;
export async function readDeltaPage(
  db: Executor,
  tenantId: string,
  entitySet: DeltaEntitySet,
  token: DeltaToken,
  top: number,
  now = Date.now(),
): Promise<DeltaPage<ODataPerson | ODataDepartment>> {
  const view = (entitySet === 'People' ? PEOPLE : DEPARTMENTS) as EntitySetView<unknown, ODataPerson | ODataDepartment>;
  const after = token.after
    ? sql`and (c.xid, c.seq) > (${String(token.after.xid)}::bigint, ${String(token.after.seq)}::bigint)`
    : sql``;
  // The read's snapshot: the token's (a later page of a read) or this statement's own (its first page). The xid
  // range only narrows the index scan: a transaction the old snapshot did not see has xid >= its xmin, one the new
  // snapshot sees has xid < its xmax.
  const result = await db.execute<{ [K in keyof ChangeRow]: ChangeRow[K] | null } & { snapshot: string }>(sql`
    with s as (
      select ${token.from}::pg_snapshot as old, coalesce(${token.upper}::pg_snapshot, pg_current_snapshot()) as new
    )
    select c.seq::text as seq, c.xid::text as xid, c.entity_id, c.code, c.kind, c.removed_reason,
           s.new::text as snapshot
    from s left join lateral (
      select * from hr_changes c
      where c.tenant_id = ${tenantId} and c.entity_set = ${entitySet}
        and c.xid >= pg_snapshot_xmin(s.old)::text::bigint and c.xid < pg_snapshot_xmax(s.new)::text::bigint
        and pg_visible_in_snapshot(c.xid::text::xid8, s.new)
        and not pg_visible_in_snapshot(c.xid::text::xid8, s.old) ${after}
      order by c.xid, c.seq
      limit ${top + 1}
    ) c on true`);
  const upper = token.upper ?? result.rows[0].snapshot;
  const found = result.rows.filter((r): r is ChangeRow & { snapshot: string } => r.seq !== null);
  const rows = found.slice(0, top);
  const more = found.length > top;
  const changedIds = [...new Set(rows.filter((r) => r.kind === 'changed').map((r) => r.entity_id))];
  const current = new Map((await view.find(db, tenantId, changedIds)).map((record) => [view.idOf(record), record]));

  // One entry per key, at the position of its last change (a key deleted then created again ends as the entity).
  const entries = new Map<string, DeltaEntry<ODataPerson | ODataDepartment>>();
  const put = (key: string, entry: DeltaEntry<ODataPerson | ODataDepartment>) => {
    const k = key.toLowerCase();
    entries.delete(k);
    entries.set(k, entry);
  };
  for (const row of rows) {
    if (row.kind === 'removed') {
      put(row.code, toRemovedEntry(entitySet, row.code, row.removed_reason === 'changed' ? 'changed' : 'deleted'));
      continue;
    }
    const record = current.get(row.entity_id);
    // Deleted since: its removal row follows (in this page or a later read), so nothing is lost by skipping it.
    if (record !== undefined) put(view.keyOf(record), view.toEntity(record));
  }
  const last = rows.at(-1);
  const issuedAt = Math.floor(now / 1000);
  const next: DeltaToken = more
    ? { from: token.from, upper, after: { xid: BigInt(last!.xid), seq: BigInt(last!.seq) }, issuedAt: token.issuedAt }
    : { from: upper, upper: null, after: null, issuedAt };
  return { entries: [...entries.values()], next, more };
}

/** Drops change rows older than the retention (a token old enough to need them is refused with 410 first). */
export async function deleteOldChanges(db: Executor, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - CHANGE_LOG_RETENTION_DAYS * 86_400_000);
  const result = await db.execute(sql`delete from hr_changes where created_at < ${cutoff.toISOString()}::timestamptz`);
  return result.rowCount ?? 0;
}
