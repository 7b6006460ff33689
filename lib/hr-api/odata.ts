import { isUuid } from '@/lib/ids';
import { z } from 'zod';
import { badQueryOption } from './errors';
import { isSnapshot } from './snapshot';

/** Largest page a client may ask for with `$top`, and the page size when it does not ask. */
export const MAX_TOP = 1000;
export const DEFAULT_TOP = 1000;
const MAX_SKIP = 10_000_000;

export type ComparisonOperator = 'gt' | 'ge' | 'lt' | 'le' | 'eq';
/**
 * A timestamp as microseconds since the Unix epoch: PostgreSQL's precision, so cursors and filters are exact. A
 * bigint, because microseconds outside 1685–2255 are beyond Number's safe integers (and `gt 0001-01-01` is a fair
 * "since the beginning").
 */
export type EpochMicros = bigint;
export type LastModifiedCondition = { op: ComparisonOperator; micros: EpochMicros };
/**
 * Keyset position after the last entity of a page: (LastModified, id) in the API's default order, (key, id) when
 * ordered by the entity's key. `horizon` rides along in a read that tracks changes (the change-feed position taken
 * before its first page, see delta.ts), so its last page can give the `@odata.deltaLink`.
 */
export type PageCursor = ({ micros: EpochMicros; id: string } | { code: string; id: string }) & { horizon?: string };

/** `$orderby`: LastModified (the default) or the entity's key (PersonCode, DepartmentCode), ascending or descending. */
export type OrderBy = { by: 'LastModified' | 'Key'; descending: boolean };

export type ODataQuery = {
  top: number;
  skip: number;
  count: boolean;
  filter: LastModifiedCondition[];
  select: string[] | null;
  cursor: PageCursor | null;
  orderBy: OrderBy;
  /** `$deltatoken` (the change feed, delta.ts); no other option but `$select` goes with it. */
  deltaToken: string | null;
};

const SUPPORTED_OPTIONS = [
  '$top',
  '$skip',
  '$count',
  '$filter',
  '$select',
  '$skiptoken',
  '$format',
  '$orderby',
  '$deltatoken',
] as const;

const integer = (name: string, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `${name} must be a whole number from 0 to ${max}.`)
    .transform(Number)
    .refine((n) => n <= max, `${name} must be a whole number from 0 to ${max}.`);

const queryOptionsSchema = z.object({
  $top: integer('$top', MAX_TOP).optional(),
  $skip: integer('$skip', MAX_SKIP).optional(),
  $count: z.enum(['true', 'false'], { error: '$count must be true or false.' }).optional(),
  $filter: z.string().max(500, '$filter is too long.').optional(),
  $select: z.string().max(1000, '$select is too long.').optional(),
  $skiptoken: z.string().max(40_000, '$skiptoken is not valid.').optional(),
  $format: z.enum(['json', 'application/json'], { error: 'Only $format=json is supported.' }).optional(),
  $orderby: z.string().max(100, '$orderby is too long.').optional(),
  $deltatoken: z.string().max(40_000, '$deltatoken is not valid.').optional(),
});

/**
 * Parses OData system query options for a collection. Unknown `$` options are refused (a client relying on
 * `$orderby` or `$expand` must learn they are not applied); options without `$` are custom and ignored.
 */
export function parseQueryOptions(
  params: URLSearchParams,
  selectable: readonly string[],
  keyProperty = 'PersonCode',
): ODataQuery {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!key.startsWith('$')) continue;
    if (!(SUPPORTED_OPTIONS as readonly string[]).includes(key)) {
      throw badQueryOption(
        `The query option ${key} is not supported. Supported: ${SUPPORTED_OPTIONS.join(', ')}.`,
        key,
      );
    }
    if (key in raw) throw badQueryOption(`The query option ${key} is given more than once.`, key);
    raw[key] = value;
  }
  const parsed = queryOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badQueryOption(issue.message, String(issue.path[0] ?? ''));
  }
  const options = parsed.data;
  if (options.$deltatoken !== undefined) {
    const extra = Object.keys(raw).find((key) => !['$deltatoken', '$select', '$format'].includes(key));
    if (extra)
      throw badQueryOption(
        `${extra} cannot be combined with $deltatoken: follow @odata.deltaLink and @odata.nextLink as given.`,
        extra,
      );
  }
  const orderBy = options.$orderby === undefined ? DEFAULT_ORDER : parseOrderBy(options.$orderby, keyProperty);
  const cursor = options.$skiptoken === undefined ? null : decodeSkipToken(options.$skiptoken);
  if (cursor && 'code' in cursor !== (orderBy.by === 'Key'))
    throw badQueryOption('$skiptoken does not belong to this $orderby. Follow @odata.nextLink as given.', '$skiptoken');
  return {
    top: options.$top ?? DEFAULT_TOP,
    skip: options.$skip ?? 0,
    count: options.$count === 'true',
    filter: options.$filter === undefined ? [] : parseLastModifiedFilter(options.$filter),
    select: options.$select === undefined ? null : parseSelect(options.$select, selectable),
    cursor,
    orderBy,
    deltaToken: options.$deltatoken ?? null,
  };
}

const DEFAULT_ORDER: OrderBy = { by: 'LastModified', descending: false };

/**
 * `$orderby=LastModified [asc|desc]` or `$orderby=<key> [asc|desc]` (PersonCode for People, DepartmentCode for
 * Departments); ties are broken by an internal id, so paging stays exact. Other properties are refused: only these
 * orders have an index, and a keyset cursor for each.
 */
export function parseOrderBy(expression: string, keyProperty: string): OrderBy {
  const match = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/i.exec(expression);
  if (!match || (match[1] !== 'LastModified' && match[1] !== keyProperty)) {
    throw badQueryOption(
      `$orderby supports LastModified or ${keyProperty}, each optionally followed by asc or desc (one property).`,
      '$orderby',
    );
  }
  return { by: match[1] === 'LastModified' ? 'LastModified' : 'Key', descending: match[2]?.toLowerCase() === 'desc' };
}

const FILTER_HELP =
  "Supported: LastModified gt|ge|lt|le|eq <datetime>, joined by 'and', e.g. LastModified gt 2026-01-01T00:00:00Z.";

/** `$filter` on the last-modified timestamp only: `LastModified gt 2026-01-01T00:00:00Z [and LastModified lt ...]`. */
export function parseLastModifiedFilter(expression: string): LastModifiedCondition[] {
  const trimmed = expression.trim();
  if (!trimmed) throw badQueryOption(`$filter is empty. ${FILTER_HELP}`, '$filter');
  return trimmed.split(/\s+and\s+/i).map((part) => {
    // Property names are case-sensitive in OData; operators are accepted in any case.
    const match = /^\(?\s*LastModified\s+([A-Za-z]{2})\s+(.+?)\s*\)?$/.exec(part.trim());
    if (!match || !['gt', 'ge', 'lt', 'le', 'eq'].includes(match[1].toLowerCase()))
      throw badQueryOption(`Unsupported $filter expression "${part.trim()}". ${FILTER_HELP}`, '$filter');
    const micros = parseDateTimeLiteral(match[2]);
    // An offset can carry a valid literal past 9999-12-31 or before 0001-01-01, which PostgreSQL would refuse.
    if (micros === null || micros < MIN_MICROS || micros > MAX_MICROS) {
      throw badQueryOption(
        `"${match[2]}" is not a valid date and time. Use ISO 8601, e.g. 2026-01-01T00:00:00Z.`,
        '$filter',
      );
    }
    return { op: match[1].toLowerCase() as ComparisonOperator, micros };
  });
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/i;

/**
 * An OData date-time literal → epoch microseconds, or null. Accepts the v4 form (`2026-01-01T00:00:00Z`), the v3
 * forms (`datetime'...'`, `datetimeoffset'...'`) and a bare date; no offset means UTC. Impossible dates
 * (2026-02-30) are refused here so they never reach the database.
 */
export function parseDateTimeLiteral(literal: string): EpochMicros | null {
  const unquoted = /^(?:datetime|datetimeoffset)'(.*)'$/i.exec(literal.trim())?.[1] ?? literal.trim();
  // An unencoded `+01:00` in a query string arrives as ` 01:00`.
  const unwrapped = unquoted.replace(/ (\d{2}:\d{2})$/, '+$1');
  const match = DATE_TIME.exec(unwrapped);
  if (!match) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (year < 1 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const ms = date.getTime();
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const [oh, om] = zone.slice(1).split(':').map(Number);
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return BigInt(ms - offsetMinutes * 60_000) * 1000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
}

/** Epoch microseconds → `2026-01-01T10:00:00.123456Z` (full precision, so `gt` on a returned value is exact). */
export function formatTimestamp(micros: EpochMicros): string {
  let ms = micros / 1000n;
  let extra = micros % 1000n;
  if (extra < 0n) {
    extra += 1000n;
    ms -= 1n;
  }
  return new Date(Number(ms)).toISOString().replace(/Z$/, `${String(extra).padStart(3, '0')}Z`);
}

function parseSelect(expression: string, selectable: readonly string[]): string[] {
  const names = expression.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!name) throw badQueryOption('$select has an empty property name.', '$select');
    if (name === '*') return [...selectable];
    if (!selectable.includes(name)) {
      throw badQueryOption(
        `$select names an unknown property "${name}". Properties: ${selectable.join(', ')}.`,
        '$select',
      );
    }
  }
  return [...new Set(names)];
}

/** Keeps only the selected properties (all when there is no `$select`). */
export function applySelect<T extends Record<string, unknown>>(entity: T, select: string[] | null): Partial<T> {
  if (!select) return entity;
  const out: Partial<T> = {};
  for (const name of select) out[name as keyof T] = entity[name as keyof T];
  return out;
}

/** Years 0001–9999: what the date-time literals accept and PostgreSQL and Date both represent. */
const MIN_MICROS = -62_135_596_800_000_000n; // 0001-01-01T00:00:00Z
const MAX_MICROS = 253_402_300_799_999_999n; // 9999-12-31T23:59:59.999999Z

export function encodeSkipToken(cursor: PageCursor): string {
  const position =
    'code' in cursor
      ? `k${Buffer.from(cursor.code, 'utf8').toString('base64url')}.${cursor.id}`
      : `${cursor.micros}.${cursor.id}`;
  const horizon = cursor.horizon === undefined ? '' : `.h${cursor.horizon}`;
  return Buffer.from(position + horizon, 'utf8').toString('base64url');
}

/** `$skiptoken` is opaque to clients; anything we did not issue is a 400, never a database error. */
export function decodeSkipToken(token: string): PageCursor {
  const invalid = () => badQueryOption('$skiptoken is not valid. Follow @odata.nextLink as given.', '$skiptoken');
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^(?:(-?\d{1,18})|k([A-Za-z0-9_-]{0,400}))\.([0-9a-fA-F-]{36})(?:\.h([\d:,]+))?$/.exec(text);
  if (!match || !isUuid(match[3])) throw invalid();
  if (match[4] !== undefined && !isSnapshot(match[4])) throw invalid();
  const horizon = match[4] === undefined ? {} : { horizon: match[4] };
  if (match[2] !== undefined) {
    const code = Buffer.from(match[2], 'base64url').toString('utf8');
    if (!code || code.includes('\uFFFD')) throw invalid();
    return { code, id: match[3], ...horizon };
  }
  const micros = BigInt(match[1]);
  if (micros < MIN_MICROS || micros > MAX_MICROS) throw invalid();
  return { micros, id: match[3], ...horizon };
}

/** A timestamptz literal PostgreSQL parses exactly (microseconds kept). Only built from validated numbers. */
export function timestampLiteral(micros: EpochMicros): string {
  return formatTimestamp(micros);
}

/**
 * The link to the next page: the same request with `$skiptoken` set after the last entity. `$skip` has been
 * applied already; `$count=true` stays, so every page of a counted read carries `@odata.count`.
 */
export function nextLinkFor(requestUrl: URL, base: string, cursor: PageCursor): string {
  const pairs: [string, string][] = [];
  for (const [key, value] of requestUrl.searchParams) {
    if (key === '$skip' || key === '$skiptoken') continue;
    pairs.push([key, value]);
  }
  pairs.push(['$skiptoken', encodeSkipToken(cursor)]);
  return `${base.replace(/\/+$/, '')}${requestUrl.pathname}?${queryString(pairs)}`;
}

/** Like URLSearchParams#toString but keeps `$` readable in option names (`$top`, not `%24top`). */
export function queryString(pairs: [string, string][]): string {
  const encode = (text: string) => encodeURIComponent(text).replace(/%24/g, '$').replace(/%20/g, '+');
  return pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&');
}

const ENTITY_OPTIONS = ['$select', '$format'] as const;

/** Query options for a single entity (`People('X')`): only `$select` and `$format` apply. */
export function parseEntityOptions(
  params: URLSearchParams,
  selectable: readonly string[],
): { select: string[] | null } {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!key.startsWith('$')) continue;
    if (!(ENTITY_OPTIONS as readonly string[]).includes(key)) {
      throw badQueryOption(
        `The query option ${key} does not apply to a single entity. Supported: ${ENTITY_OPTIONS.join(', ')}.`,
        key,
      );
    }
    if (key in raw) throw badQueryOption(`The query option ${key} is given more than once.`, key);
    raw[key] = value;
  }
  const parsed = queryOptionsSchema.pick({ $select: true, $format: true }).safeParse(raw);
  if (!parsed.success)
    throw badQueryOption(parsed.error.issues[0].message, String(parsed.error.issues[0].path[0] ?? ''));
  return { select: parsed.data.$select === undefined ? null : parseSelect(parsed.data.$select, selectable) };
}

/**
 * A path segment addressing one entity by key: `People('P001')`, `People(PersonCode='P001')`; quotes inside the
 * key are doubled (`'O''Brien'`). Returns null for anything else.
 */
export function parseEntitySegment(segment: string): { entitySet: string; key: string } | null {
  const match = /^([A-Za-z]+)\((?:[A-Za-z]+=)?'((?:[^']|'')*)'\)$/.exec(segment);
  if (!match) return null;
  return { entitySet: match[1], key: match[2].replace(/''/g, "'") };
}
