import { and, count, eq, like, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { containsPattern } from '@/lib/like';
import type { Executor } from '@/db/client';
import { people } from '@/db/schema';
import { isUuid } from '@/lib/ids';
import type { Person } from './people';

export const PEOPLE_SORTS = ['name', 'code', 'email', 'department', 'title', 'status', 'updated'] as const;
export type PeopleSort = (typeof PEOPLE_SORTS)[number];
export type SortDirection = 'asc' | 'desc';
export const PEOPLE_STATUSES = ['all', 'active', 'inactive'] as const;
export type PeopleStatus = (typeof PEOPLE_STATUSES)[number];

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;
/**
 * Searches and filters count matches up to this many; past it the page says "more than". Up to this many matches,
 * the page is sorted from the matches themselves; past it, matches are dense enough to walk the sort index.
 */
export const COUNT_CAP = 5000;
/** Deep offsets cost a walk over the skipped rows; beyond this the list asks for a search instead. */
export const MAX_OFFSET = 100_000;

export type PeopleQuery = {
  q: string;
  sort: PeopleSort;
  dir: SortDirection;
  page: number;
  pageSize: number;
  status: PeopleStatus;
  departmentId: string | null;
};

export type PeopleRow = Pick<
  Person,
  | 'id'
  | 'personCode'
  | 'givenName'
  | 'familyName'
  | 'preferredGivenName'
  | 'internalEmail'
  | 'externalEmail'
  | 'jobTitle'
  | 'activeEmployee'
  | 'updatedAt'
> & { departmentName: string | null; primaryEndDate: string | null };

export type PeoplePage = {
  rows: PeopleRow[];
  query: PeopleQuery;
  /** Matching people; when `capped`, at least this many. */
  total: number;
  capped: boolean;
  /** Pages of `total` (at least 1), never past the deepest offset the list serves. */
  pageCount: number;
  hasNext: boolean;
  hasPrevious: boolean;
};

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the list's URL parameters; anything unknown falls back to the default, never to an error. */
export function parsePeopleQuery(params: Record<string, string | string[] | undefined>): PeopleQuery {
  const sort = first(params.sort);
  const dir = first(params.dir);
  const status = first(params.status);
  const pageSize = Number(first(params.size));
  const page = Math.floor(Number(first(params.page)));
  const department = first(params.department);
  return {
    q: (first(params.q) ?? '').trim().slice(0, 200),
    sort: (PEOPLE_SORTS as readonly string[]).includes(sort ?? '') ? (sort as PeopleSort) : 'name',
    dir: dir === 'desc' ? 'desc' : 'asc',
    page: Number.isFinite(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    status: (PEOPLE_STATUSES as readonly string[]).includes(status ?? '') ? (status as PeopleStatus) : 'all',
    departmentId: department && isUuid(department) ? department : null,
  };
}

/** Splits a search into lower-case words (at most 5) for substring matching. */
export function searchTerms(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
}

/** The people table as the list's SQL names it (`people p`). */
const p = alias(people, 'p');

/**
 * The WHERE clause. Search words each match a substring of `search_text` (a lower-case generated column over code,
 * names, emails and job title), which the pg_trgm GIN index serves.
 */
function whereClause(tenantId: string, query: PeopleQuery): SQL {
  const parts: SQL[] = [eq(p.tenantId, tenantId)];
  for (const term of searchTerms(query.q)) parts.push(like(p.searchText, containsPattern(term)));
  if (query.status === 'active') parts.push(sql`${p.activeEmployee}`);
  if (query.status === 'inactive') parts.push(sql`not ${p.activeEmployee}`);
  if (query.departmentId) parts.push(eq(p.departmentId, query.departmentId));
  return and(...parts)!;
}

/** ORDER BY expressions match the indexes (tenant_id, <key>, id), so the first page is an index walk. */
function orderClause(sort: PeopleSort, dir: SortDirection): SQL {
  const d = dir === 'desc' ? sql`desc` : sql`asc`;
  switch (sort) {
    case 'code':
      return sql`${p.personCode} ${d}`;
    case 'email':
      return sql`lower(${p.internalEmail}) ${d}, ${p.id} ${d}`;
    case 'updated':
      return sql`${p.updatedAt} ${d}, ${p.id} ${d}`;
    // No index serves these three: the sort reads the tenant's matches (fine for a company's people, a few 100k).
    case 'department':
      return sql`lower((select dd.name from departments dd where dd.id = ${p.departmentId})) ${d} nulls last, lower(${p.familyName}) ${d}, ${p.id} ${d}`;
    case 'title':
      return sql`lower(${p.jobTitle}) ${d} nulls last, lower(${p.familyName}) ${d}, ${p.id} ${d}`;
    case 'status':
      // Ascending: active people first.
      return sql`${p.activeEmployee} ${dir === 'asc' ? sql`desc` : sql`asc`}, lower(${p.familyName}) ${d}, ${p.id} ${d}`;
    default:
      return sql`lower(${p.familyName}) ${d}, lower(${p.givenName}) ${d}, ${p.id} ${d}`;
  }
}

function isFiltered(query: PeopleQuery): boolean {
  return searchTerms(query.q).length > 0 || query.status !== 'all' || query.departmentId !== null;
}

/**
 * Counts matches. The whole tenant is counted exactly (an index-only scan); a search or filter counts at most
 * COUNT_CAP + 1 rows, so a broad search never pays for counting every match.
 */
export async function countPeople(
  db: Executor,
  tenantId: string,
  query: PeopleQuery,
): Promise<{ total: number; capped: boolean }> {
  if (!isFiltered(query)) {
    const [{ n }] = await db.select({ n: count() }).from(p).where(eq(p.tenantId, tenantId));
    return { total: n, capped: false };
  }
  const matches = db
    .select({ one: sql`1` })
    .from(p)
    .where(whereClause(tenantId, query))
    .limit(COUNT_CAP + 1)
    .as('m');
  const [{ n }] = await db.select({ n: count() }).from(matches);
  return n > COUNT_CAP ? { total: COUNT_CAP, capped: true } : { total: n, capped: false };
}

/** A row of the list query (raw SQL: its plan needs a materialized CTE); `people-list.test.ts` covers every field. */
type PeopleListRow = {
  id: string;
  person_code: string;
  given_name: string;
  family_name: string;
  preferred_given_name: string | null;
  internal_email: string | null;
  external_email: string | null;
  job_title: string | null;
  active_employee: boolean;
  updated_at: string;
  department_name: string | null;
  primary_end_date: string | null;
};

/**
 * One page of the people list: server-side search, filter, sort and offset pagination.
 *
 * The plan depends on how many people match, which the capped count tells first (a couple of milliseconds via the
 * trigram index). Few matches (up to COUNT_CAP): take them all and sort them, which is cheap. Many matches, or no
 * filter: walk the index of the sort order and stop after one page. Walking the index with a rare term would be
 * slow when the matches cluster at one end of the order (every "Smith" sorts under S), hence the split.
 */
export async function listPeople(db: Executor, tenantId: string, query: PeopleQuery): Promise<PeoplePage> {
  const offset = Math.min((query.page - 1) * query.pageSize, MAX_OFFSET);
  const filtered = isFiltered(query);
  const count = await countPeople(db, tenantId, query);
  const order = orderClause(query.sort, query.dir);
  const matches =
    filtered && !count.capped
      ? sql`with matches as materialized (select * from ${people} p where ${whereClause(tenantId, query)})
          select * from matches p order by ${order} limit ${query.pageSize + 1} offset ${offset}`
      : sql`select * from ${people} p where ${whereClause(tenantId, query)} order by ${order} limit ${query.pageSize + 1} offset ${offset}`;
  const result = await db.execute<PeopleListRow>(sql`
    select p.id, p.person_code, p.given_name, p.family_name, p.preferred_given_name, p.internal_email,
           p.external_email, p.job_title, p.active_employee, p.updated_at,
           d.name as department_name, e.end_date::text as primary_end_date
    from (${matches}) p
    left join departments d on d.id = p.department_id
    left join employments e on e.person_id = p.id and e.is_primary
    order by ${order}`);
  const rows = result.rows.slice(0, query.pageSize).map(toPeopleRow);
  return {
    rows,
    query,
    total: count.total,
    capped: count.capped,
    pageCount: Math.max(1, Math.ceil(Math.min(count.total, MAX_OFFSET + query.pageSize) / query.pageSize)),
    hasNext: result.rows.length > query.pageSize && offset + query.pageSize < MAX_OFFSET,
    hasPrevious: query.page > 1,
  };
}

function toPeopleRow(r: PeopleListRow): PeopleRow {
  return {
    id: r.id,
    personCode: r.person_code,
    givenName: r.given_name,
    familyName: r.family_name,
    preferredGivenName: r.preferred_given_name,
    internalEmail: r.internal_email,
    externalEmail: r.external_email,
    jobTitle: r.job_title,
    activeEmployee: r.active_employee,
    // drizzle's node-postgres driver leaves timestamps as text
    updatedAt: new Date(r.updated_at),
    departmentName: r.department_name,
    primaryEndDate: r.primary_end_date,
  };
}

export const PEOPLE_CSV_HEADER = [
  'Person code',
  'Given name',
  'Family name',
  'Preferred given name',
  'Internal email',
  'External email',
  'Department',
  'Job title',
  'Active',
  'Updated (UTC)',
];
const EXPORT_BATCH = 1000;

/** Every person of the list's filter (search, status, department) as CSV cells, by person code, in keyset batches. */
export async function* peopleCsvRows(db: Executor, tenantId: string, query: PeopleQuery): AsyncGenerator<unknown[]> {
  let after: string | null = null;
  for (;;) {
    const result: { rows: PeopleListRow[] } = await db.execute<PeopleListRow>(sql`
      select p.id, p.person_code, p.given_name, p.family_name, p.preferred_given_name, p.internal_email,
             p.external_email, p.job_title, p.active_employee, p.updated_at, d.name as department_name,
             null as primary_end_date
      from ${people} p left join departments d on d.id = p.department_id
      where ${whereClause(tenantId, query)} ${after === null ? sql`` : sql`and p.person_code > ${after}`}
      order by p.person_code limit ${EXPORT_BATCH}`);
    for (const r of result.rows) {
      yield [
        r.person_code,
        r.given_name,
        r.family_name,
        r.preferred_given_name,
        r.internal_email,
        r.external_email,
        r.department_name,
        r.job_title,
        r.active_employee ? 'yes' : 'no',
        new Date(r.updated_at).toISOString().replace('T', ' ').slice(0, 19),
      ];
    }
    if (result.rows.length < EXPORT_BATCH) return;
    after = result.rows[result.rows.length - 1].person_code;
  }
}
