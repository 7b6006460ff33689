import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { departments, employments, people, roles, userAccounts } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { AccountRecord, DepartmentRecord, EmploymentRecord, PersonRecord } from './mappers';
import { timestampLiteral, type LastModifiedCondition, type ODataQuery, type PageCursor } from './odata';

export type Page<T> = { items: T[]; next: PageCursor | null; count: number | null };

const OPERATORS = { gt: '>', ge: '>=', lt: '<', le: '<=', eq: '=' } as const;

function micros(column: AnyPgColumn) {
  // numeric arithmetic (PostgreSQL ≥ 14), so the value is exact to the microsecond
  return sql<string>`(extract(epoch from ${column}) * 1000000)::bigint`;
}

function timestamp(value: number): SQL {
  return sql`${timestampLiteral(value)}::timestamptz`;
}

export function lastModifiedConditions(column: AnyPgColumn, filter: LastModifiedCondition[]): SQL[] {
  return filter.map(({ op, micros: value }) => sql`${column} ${sql.raw(OPERATORS[op])} ${timestamp(value)}`);
}

/** Keyset condition: strictly after the cursor in the (updated_at, id) order the API pages by. */
function afterCursor(updatedAt: AnyPgColumn, id: AnyPgColumn, cursor: PageCursor | null): SQL | undefined {
  return cursor ? sql`(${updatedAt}, ${id}) > (${timestamp(cursor.micros)}, ${cursor.id}::uuid)` : undefined;
}

const personColumns = {
  id: people.id,
  personCode: people.personCode,
  givenName: people.givenName,
  familyName: people.familyName,
  preferredGivenName: people.preferredGivenName,
  internalEmail: people.internalEmail,
  externalEmail: people.externalEmail,
  jobTitle: people.jobTitle,
  departmentCode: departments.code,
  activeEmployee: people.activeEmployee,
  modified: micros(people.updatedAt),
};

type PersonRow = { [K in keyof typeof personColumns]: unknown } & { id: string; modified: string };

function selectPeople(db: Executor) {
  return db
    .select(personColumns)
    .from(people)
    .leftJoin(departments, and(eq(departments.id, people.departmentId), eq(departments.tenantId, people.tenantId)));
}

/** Employments and the user account of a page of people: two queries for the whole page, not two per person. */
async function withDetails(db: Executor, tenantId: string, rows: PersonRow[]): Promise<PersonRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [employmentRows, accountRows] = await Promise.all([
    db
      .select({
        personId: employments.personId,
        employmentId: employments.employmentId,
        startDate: employments.startDate,
        endDate: employments.endDate,
        isPrimary: employments.isPrimary,
      })
      .from(employments)
      .where(and(eq(employments.tenantId, tenantId), inArray(employments.personId, ids)))
      .orderBy(asc(employments.startDate), asc(employments.employmentId)),
    db
      .select({ personId: userAccounts.personId, userName: userAccounts.userName, roleName: roles.originalName, active: userAccounts.active })
      .from(userAccounts)
      .leftJoin(roles, eq(roles.id, userAccounts.roleId))
      .where(and(eq(userAccounts.tenantId, tenantId), inArray(userAccounts.personId, ids))),
  ]);
  const employmentsByPerson = new Map<string, EmploymentRecord[]>();
  for (const { personId, ...employment } of employmentRows) {
    const list = employmentsByPerson.get(personId);
    if (list) list.push(employment);
    else employmentsByPerson.set(personId, [employment]);
  }
  const accountByPerson = new Map<string, AccountRecord>(accountRows.map(({ personId, ...account }) => [personId, account]));
  return rows.map((row) => ({
    ...(row as Omit<PersonRecord, 'modifiedMicros' | 'employments' | 'account'>),
    modifiedMicros: Number(row.modified),
    employments: employmentsByPerson.get(row.id) ?? [],
    account: accountByPerson.get(row.id) ?? null,
  }));
}

/**
 * One page of a tenant's people in the stable order (LastModified, id). Paging by `$skiptoken` is keyset paging:
 * it never skips or repeats a person, and a person changed while a client pages moves to the end (so the client
 * sees the new version). `$skip` is applied after the cursor.
 */
export async function listPeoplePage(db: Executor, tenantId: string, query: ODataQuery): Promise<Page<PersonRecord>> {
  const filter = [eq(people.tenantId, tenantId), ...lastModifiedConditions(people.updatedAt, query.filter)];
  const countPromise = query.count
    ? db.select({ n: sql<number>`count(*)::int` }).from(people).where(and(...filter)).then(([row]) => row.n)
    : Promise.resolve(null);
  const rows =
    query.top === 0
      ? []
      : await selectPeople(db)
          .where(and(...filter, afterCursor(people.updatedAt, people.id, query.cursor)))
          .orderBy(asc(people.updatedAt), asc(people.id))
          .limit(query.top + 1)
          .offset(query.skip);
  const pageRows = rows.slice(0, query.top) as PersonRow[];
  const items = await withDetails(db, tenantId, pageRows);
  const last = items.at(-1);
  const next = rows.length > query.top && last ? { micros: last.modifiedMicros, id: last.id } : null;
  return { items, next, count: await countPromise };
}

export async function findPersonByCode(db: Executor, tenantId: string, personCode: string): Promise<PersonRecord | null> {
  const rows = await selectPeople(db)
    .where(and(eq(people.tenantId, tenantId), eq(people.personCode, personCode)))
    .limit(1);
  const [person] = await withDetails(db, tenantId, rows as PersonRow[]);
  return person ?? null;
}

const departmentColumns = {
  id: departments.id,
  code: departments.code,
  name: departments.name,
  modified: micros(departments.updatedAt),
};

function toDepartmentRecord(row: { id: string; code: string; name: string; modified: string }): DepartmentRecord {
  return { id: row.id, code: row.code, name: row.name, modifiedMicros: Number(row.modified) };
}

export async function listDepartmentsPage(db: Executor, tenantId: string, query: ODataQuery): Promise<Page<DepartmentRecord>> {
  const filter = [eq(departments.tenantId, tenantId), ...lastModifiedConditions(departments.updatedAt, query.filter)];
  const count = query.count
    ? (await db.select({ n: sql<number>`count(*)::int` }).from(departments).where(and(...filter)))[0].n
    : null;
  const rows =
    query.top === 0
      ? []
      : await db
          .select(departmentColumns)
          .from(departments)
          .where(and(...filter, afterCursor(departments.updatedAt, departments.id, query.cursor)))
          .orderBy(asc(departments.updatedAt), asc(departments.id))
          .limit(query.top + 1)
          .offset(query.skip);
  const items = rows.slice(0, query.top).map(toDepartmentRecord);
  const last = items.at(-1);
  const next = rows.length > query.top && last ? { micros: last.modifiedMicros, id: last.id } : null;
  return { items, next, count };
}

export async function findDepartmentByCode(db: Executor, tenantId: string, code: string): Promise<DepartmentRecord | null> {
  const [row] = await db
    .select(departmentColumns)
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), sql`lower(${departments.code}) = lower(${code})`))
    .limit(1);
  return row ? toDepartmentRecord(row) : null;
}
