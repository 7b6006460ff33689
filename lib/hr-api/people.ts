import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { departments, people } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { DepartmentRecord, PersonRecord } from './mappers';
import { timestampLiteral, type LastModifiedCondition, type ODataQuery, type OrderBy, type PageCursor } from './odata';

export type Page<T> = { items: T[]; next: PageCursor | null; count: number | null };

const OPERATORS = { gt: '>', ge: '>=', lt: '<', le: '<=', eq: '=' } as const;

function micros(column: AnyPgColumn) {
  // numeric arithmetic (PostgreSQL ≥ 14), so the value is exact to the microsecond
  return sql<string>`(extract(epoch from ${column}) * 1000000)::bigint`;
}

function timestamp(value: bigint): SQL {
  return sql`${timestampLiteral(value)}::timestamptz`;
}

export function lastModifiedConditions(column: AnyPgColumn, filter: LastModifiedCondition[]): SQL[] {
  return filter.map(({ op, micros: value }) => sql`${column} ${sql.raw(OPERATORS[op])} ${timestamp(value)}`);
}

/** The page order: (updated_at, id) by default, (key, id) for `$orderby=<key>`; both descending for `desc`. */
type Order = { updatedAt: AnyPgColumn | SQL; key: AnyPgColumn | SQL; id: AnyPgColumn | SQL };

function orderColumns(columns: Order, orderBy: OrderBy): SQL {
  const first = orderBy.by === 'LastModified' ? columns.updatedAt : columns.key;
  const direction = sql.raw(orderBy.descending ? 'desc' : 'asc');
  return sql`${first} ${direction}, ${columns.id} ${direction}`;
}

/** Keyset condition: strictly after the cursor in the page order. */
function afterCursor(columns: Order, orderBy: OrderBy, cursor: PageCursor | null): SQL | undefined {
  if (!cursor) return undefined;
  const comparison = sql.raw(orderBy.descending ? '<' : '>');
  return 'code' in cursor
    ? sql`(${columns.key}, ${columns.id}) ${comparison} (${cursor.code}::text, ${cursor.id}::uuid)`
    : sql`(${columns.updatedAt}, ${columns.id}) ${comparison} (${timestamp(cursor.micros)}, ${cursor.id}::uuid)`;
}

const PEOPLE_ORDER: Order = { updatedAt: people.updatedAt, key: people.personCode, id: people.id };
const PAGE_ORDER: Order = { updatedAt: sql`page.updated_at`, key: sql`page.person_code`, id: sql`page.id` };
/** Departments' codes are unique ignoring case: ordered (and paged) by the lower-cased code. */
const DEPARTMENT_ORDER: Order = {
  updatedAt: departments.updatedAt,
  key: sql`lower(${departments.code})`,
  id: departments.id,
};

/** The cursor after the last entity of a page, in the page's order. */
function cursorAfter(last: { id: string; modifiedMicros: bigint }, code: string, orderBy: OrderBy): PageCursor {
  return orderBy.by === 'Key' ? { code, id: last.id } : { micros: last.modifiedMicros, id: last.id };
}

type PersonRow = {
  id: string;
  person_code: string;
  given_name: string;
  family_name: string;
  preferred_given_name: string | null;
  internal_email: string | null;
  external_email: string | null;
  job_title: string | null;
  department_code: string | null;
  active_employee: boolean;
  modified: string;
  employment_id: string | null;
  start_date: string | null;
  end_date: string | null;
  is_primary: boolean | null;
  user_name: string | null;
  role_name: string | null;
  account_active: boolean | null;
};

/**
 * People with their department code, employments and user account, in ONE query: the page of people is chosen
 * first (index scan on (tenant_id, updated_at, id)), then each row's details are joined by index. A person with
 * several employments comes back as several consecutive rows (cheaper to parse than JSON aggregates); dates are
 * read as text. Every join also matches the tenant. Raw SQL for that plan (lateral joins with an offset fence), read
 * as `PersonRow`; tests/hr-api/people-read.test.ts checks every field it maps.
 */
async function selectPeople(
  db: Executor,
  tenantId: string,
  where: SQL,
  pageClause: SQL,
  orderBy: OrderBy = { by: 'LastModified', descending: false },
): Promise<PersonRecord[]> {
  const result = await db.execute<PersonRow>(sql`
    with page as (
      select * from people
      where people.tenant_id = ${tenantId} and ${where}
      ${pageClause}
    )
    select page.id, page.person_code, page.given_name, page.family_name, page.preferred_given_name,
           page.internal_email, page.external_email, page.job_title, d.code as department_code, page.active_employee,
           (extract(epoch from page.updated_at) * 1000000)::bigint::text as modified,
           e.employment_id, e.start_date::text as start_date, e.end_date::text as end_date, e.is_primary,
           a.user_name, r.original_name as role_name, a.active as account_active
    from page
    left join departments d on d.id = page.department_id and d.tenant_id = page.tenant_id
    -- lateral + offset 0 (not pulled up into a join): one index lookup per person instead of hashing the whole
    -- employments table, which the planner otherwise prefers for a page of 1,000
    left join lateral (
      select em.employment_id, em.start_date, em.end_date, em.is_primary from employments em
      where em.person_id = page.id and em.tenant_id = page.tenant_id
      offset 0
    ) e on true
    left join lateral (
      select ua.user_name, ua.active, ua.role_id from user_accounts ua
      where ua.person_id = page.id and ua.tenant_id = page.tenant_id
      limit 1
    ) a on true
    left join roles r on r.id = a.role_id and r.tenant_id = page.tenant_id
    order by ${orderColumns(PAGE_ORDER, orderBy)}, e.start_date, e.employment_id`);
  const records: PersonRecord[] = [];
  let current: PersonRecord | undefined;
  for (const row of result.rows) {
    if (current?.id !== row.id) {
      current = toPersonRecord(row);
      records.push(current);
    }
    if (row.employment_id !== null) {
      current.employments.push({
        employmentId: row.employment_id,
        startDate: row.start_date as string,
        endDate: row.end_date,
        isPrimary: Boolean(row.is_primary),
      });
    }
  }
  return records;
}

function toPersonRecord(row: PersonRow): PersonRecord {
  return {
    id: row.id,
    personCode: row.person_code,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredGivenName: row.preferred_given_name,
    internalEmail: row.internal_email,
    externalEmail: row.external_email,
    jobTitle: row.job_title,
    departmentCode: row.department_code,
    activeEmployee: row.active_employee,
    modifiedMicros: BigInt(row.modified),
    employments: [],
    account:
      row.user_name === null
        ? null
        : { userName: row.user_name, roleName: row.role_name, active: Boolean(row.account_active) },
  };
}

/**
 * One page of a tenant's people in the stable order (LastModified, id). Paging by `$skiptoken` is keyset paging:
 * it never skips or repeats a person, and a person changed while a client pages moves to the end (so the client
 * sees the new version). `$skip` is applied after the cursor.
 */
export async function listPeoplePage(db: Executor, tenantId: string, query: ODataQuery): Promise<Page<PersonRecord>> {
  const filter = and(sql`true`, ...lastModifiedConditions(people.updatedAt, query.filter)) as SQL;
  const countPromise = query.count
    ? db
        .select({ n: sql<number>`count(*)::int` })
        .from(people)
        .where(and(eq(people.tenantId, tenantId), filter))
        .then(([row]) => row.n)
    : Promise.resolve(null);
  const rows =
    query.top === 0
      ? []
      : await selectPeople(
          db,
          tenantId,
          and(filter, afterCursor(PEOPLE_ORDER, query.orderBy, query.cursor)) as SQL,
          sql`order by ${orderColumns(PEOPLE_ORDER, query.orderBy)} limit ${query.top + 1} offset ${query.skip}`,
          query.orderBy,
        );
  const items = rows.slice(0, query.top);
  const last = items.at(-1);
  const next = rows.length > query.top && last ? cursorAfter(last, last.personCode, query.orderBy) : null;
  return { items, next, count: await countPromise };
}

export async function findPersonByCode(
  db: Executor,
  tenantId: string,
  personCode: string,
): Promise<PersonRecord | null> {
  const [person] = await selectPeople(db, tenantId, sql`people.person_code = ${personCode}`, sql`limit 1`);
  return person ?? null;
}

const departmentColumns = {
  id: departments.id,
  code: departments.code,
  name: departments.name,
  modified: micros(departments.updatedAt),
};

function toDepartmentRecord(row: { id: string; code: string; name: string; modified: string }): DepartmentRecord {
  return { id: row.id, code: row.code, name: row.name, modifiedMicros: BigInt(row.modified) };
}

export async function listDepartmentsPage(
  db: Executor,
  tenantId: string,
  query: ODataQuery,
): Promise<Page<DepartmentRecord>> {
  const filter = [eq(departments.tenantId, tenantId), ...lastModifiedConditions(departments.updatedAt, query.filter)];
  const count = query.count
    ? (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(departments)
          .where(and(...filter))
      )[0].n
    : null;
  const rows =
    query.top === 0
      ? []
      : await db
          .select(departmentColumns)
          .from(departments)
          .where(and(...filter, afterCursor(DEPARTMENT_ORDER, query.orderBy, query.cursor)))
          .orderBy(orderColumns(DEPARTMENT_ORDER, query.orderBy))
          .limit(query.top + 1)
          .offset(query.skip);
  const items = rows.slice(0, query.top).map(toDepartmentRecord);
  const last = items.at(-1);
  const next = rows.length > query.top && last ? cursorAfter(last, last.code.toLowerCase(), query.orderBy) : null;
  return { items, next, count };
}

export async function findDepartmentByCode(
  db: Executor,
  tenantId: string,
  code: string,
): Promise<DepartmentRecord | null> {
  const [row] = await db
    .select(departmentColumns)
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), sql`lower(${departments.code}) = lower(${code})`))
    .limit(1);
  return row ? toDepartmentRecord(row) : null;
}

/** The current state of the people with these ids (the ones that still exist), for the change feed. */
export async function findPeopleByIds(db: Executor, tenantId: string, ids: string[]): Promise<PersonRecord[]> {
  if (ids.length === 0) return [];
  return selectPeople(db, tenantId, sql`people.id = any(${`{${ids.join(',')}}`}::uuid[])`, sql``);
}

/** The current state of the departments with these ids (the ones that still exist), for the change feed. */
export async function findDepartmentsByIds(db: Executor, tenantId: string, ids: string[]): Promise<DepartmentRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(departmentColumns)
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), sql`${departments.id} = any(${`{${ids.join(',')}}`}::uuid[])`));
  return rows.map(toDepartmentRecord);
}

/** The number of people or departments of a tenant, with a `$filter` on LastModified (`GET /People/$count`). */
export async function countEntities(
  db: Executor,
  tenantId: string,
  entitySet: 'People' | 'Departments',
  filter: LastModifiedCondition[],
): Promise<number> {
  const table = entitySet === 'People' ? people : departments;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(and(eq(table.tenantId, tenantId), ...lastModifiedConditions(table.updatedAt, filter)));
  return row.n;
}
