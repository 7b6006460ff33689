/**
 * The HR API change feed: OData delta links (`$deltatoken`) over the `hr_changes` log that triggers write in the
 * same transaction as every change of a person or department (migrations 0008/0009).
 *
 * Why transaction ids and not timestamps or sequence numbers: a row's timestamp or sequence number is taken when the
 * statement runs, but the row becomes visible only when its transaction commits, so a reader that moves its
 * position past a visible row can skip a row of a transaction that was still open (a CSV import) and commits later
 * with a smaller number. Here a token is a transaction-id horizon H: "every transaction whose id is below H has
 * ended and its changes were served". A read serves the rows with `from ≤ xid < upper`, where `upper` is the oldest
 * transaction still running when the read starts (`pg_snapshot_xmin(pg_current_snapshot())`): every transaction
 * below it has committed (its rows are visible) or rolled back (its rows never will be), and every transaction
 * still open has an id ≥ upper, so its rows are served by a later read. An open transaction holds the feed back,
 * it is never skipped. The rows are read in (xid, seq) order, in pages of `$top`; the last page's `@odata.deltaLink`
 * starts at `upper`.
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

export type DeltaEntitySet = 'People' | 'Departments';

/** Change rows are kept this long (pruned by the hourly cleanup job); a token must be used within DELTA_TOKEN_DAYS. */
export const CHANGE_LOG_RETENTION_DAYS = 30;
export const DELTA_TOKEN_DAYS = 28;

/**
 * A position in the feed: `from` is the horizon already served; a token inside a paged read also carries the
 * read's `upper` horizon and the last (xid, seq) served. `issuedAt` (Unix seconds) lets an old token expire.
 */
export type DeltaToken = {
  from: bigint;
  upper: bigint | null;
  after: { xid: bigint; seq: bigint } | null;
  issuedAt: number;
};

const TOKEN_VERSION = 'd1';

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
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) throw invalidToken();
  const match = /^d1\.(\d{1,19})\.(\d{1,19})?\.(\d{1,19})?\.(\d{1,19})?\.(\d{1,12})$/.exec(
    Buffer.from(text, 'base64url').toString('utf8'),
  );
  if (!match) throw invalidToken();
  const [, from, upper, afterXid, afterSeq, issuedAt] = match;
  if ((afterXid === undefined) !== (afterSeq === undefined) || (afterXid !== undefined && upper === undefined))
    throw invalidToken();
  const max = 2n ** 63n - 1n;
  const numbers = [from, upper, afterXid, afterSeq].filter((n) => n !== undefined).map(BigInt);
  if (numbers.some((n) => n > max)) throw invalidToken();
  const token: DeltaToken = {
    from: BigInt(from),
    upper: upper === undefined ? null : BigInt(upper),
    after: afterXid === undefined ? null : { xid: BigInt(afterXid), seq: BigInt(afterSeq!) },
    issuedAt: Number(issuedAt),
  };
  if (token.upper !== null && token.upper < token.from) throw invalidToken();
  if (now / 1000 - token.issuedAt > DELTA_TOKEN_DAYS * 86_400) {
    throw new ODataError(
      410,
      `This delta token is older than ${DELTA_TOKEN_DAYS} days and the changes it would need are no longer kept. Read the collection in full again (with Prefer: odata.track-changes) to get a new @odata.deltaLink.`,
      { code: 'DeltaTokenExpired', target: '$deltatoken' },
    );
  }
  return token;
}

/** The oldest transaction still running: every transaction with a smaller id has committed or rolled back. */
export async function changeHorizon(db: Executor): Promise<bigint> {
  const result = await db.execute<{ horizon: string }>(
    sql`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon`,
  );
  return BigInt(result.rows[0].horizon);
}

/** A token for a client that has just read the whole set, starting at the horizon taken before that read began. */
export function startToken(horizon: bigint, now = Date.now()): DeltaToken {
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
export function toRemovedEntry(
  entitySet: DeltaEntitySet,
  key: string,
  reason: 'deleted' | 'changed',
): RemovedEntry {
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
  const upper = token.upper ?? (await changeHorizon(db));
  const after = token.after ? sql`and (c.xid, c.seq) > (${String(token.after.xid)}::bigint, ${String(token.after.seq)}::bigint)` : sql``;
  const result = await db.execute<ChangeRow>(sql`
    select c.seq::text as seq, c.xid::text as xid, c.entity_id, c.code, c.kind, c.removed_reason
    from hr_changes c
    where c.tenant_id = ${tenantId} and c.entity_set = ${entitySet}
      and c.xid >= ${String(token.from)}::bigint and c.xid < ${String(upper)}::bigint ${after}
    order by c.xid, c.seq
    limit ${top + 1}`);
  const rows = result.rows.slice(0, top);
  const more = result.rows.length > top;
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
