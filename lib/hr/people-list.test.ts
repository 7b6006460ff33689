import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { people } from '@/db/schema';
import { createTenant } from '@/tests/support/factories';
import { insertDepartment, insertEmployment, insertPerson } from '@/tests/support/hr-factories';
import { COUNT_CAP, listPeople, parsePeopleQuery, searchTerms } from './people-list';

describe('people list query parameters', () => {
  it('falls back to defaults for unknown or hostile values', () => {
    expect(parsePeopleQuery({})).toEqual({
      q: '',
      sort: 'name',
      dir: 'asc',
      page: 1,
      pageSize: 50,
      status: 'all',
      departmentId: null,
    });
    expect(
      parsePeopleQuery({
        sort: 'password',
        dir: 'sideways',
        page: '-3',
        size: '100000',
        status: 'x',
        department: "1' or 1=1",
      }),
    ).toMatchObject({
      sort: 'name',
      dir: 'asc',
      page: 1,
      pageSize: 50,
      status: 'all',
      departmentId: null,
    });
    expect(
      parsePeopleQuery({ q: '  Ada  ', sort: 'code', dir: 'desc', page: '3', size: '25', status: 'inactive' }),
    ).toMatchObject({ q: 'Ada', sort: 'code', dir: 'desc', page: 3, pageSize: 25, status: 'inactive' });
  });

  it('splits a search into at most five lower-case words', () => {
    expect(searchTerms('  Ada   LOVELACE ')).toEqual(['ada', 'lovelace']);
    expect(searchTerms('a b c d e f g')).toHaveLength(5);
  });
});

describe('people list: server-side search, sort, filter and pagination', () => {
  let tenantId: string;
  let otherTenantId: string;
  let engineeringId: string;

  beforeAll(async () => {
    const tenant = await createTenant();
    const other = await createTenant();
    tenantId = tenant.id;
    otherTenantId = other.id;
    const engineering = await insertDepartment(tenantId, 'Engineering');
    engineeringId = engineering.id;
    const rows = [
      {
        personCode: 'C003',
        givenName: 'Ada',
        familyName: 'Lovelace',
        internalEmail: 'ada@corp.test',
        jobTitle: 'Analyst',
        departmentId: engineering.id,
      },
      {
        personCode: 'C001',
        givenName: 'Grace',
        familyName: 'Hopper',
        internalEmail: 'grace@corp.test',
        jobTitle: 'Admiral',
      },
      {
        personCode: 'C002',
        givenName: 'Alan',
        familyName: 'Turing',
        internalEmail: 'alan@corp.test',
        activeEmployee: false,
        departmentId: engineering.id,
      },
      {
        personCode: 'C004',
        givenName: 'Katherine',
        familyName: 'Johnson',
        internalEmail: null,
        externalEmail: 'kj@home.test',
        preferredGivenName: 'Kathy',
      },
      { personCode: 'C005', givenName: 'Edsger', familyName: 'Dijkstra', internalEmail: 'edsger_100%@corp.test' },
    ];
    for (const row of rows) await insertPerson(tenantId, row);
    const ada = (await listPeople(getDb(), tenantId, parsePeopleQuery({ q: 'C003' }))).rows[0];
    await insertEmployment(tenantId, ada.id, { employmentId: 'E-ADA', endDate: '2020-12-31', isPrimary: true });
    await insertPerson(otherTenantId, {
      personCode: 'C006',
      givenName: 'Ada',
      familyName: 'Other-Tenant',
      internalEmail: 'ada@other.test',
    });
  });

  const list = (params: Record<string, string> = {}) => listPeople(getDb(), tenantId, parsePeopleQuery(params));

  it('sorts by family name then given name by default, both directions', async () => {
    expect((await list()).rows.map((r) => r.familyName)).toEqual([
      'Dijkstra',
      'Hopper',
      'Johnson',
      'Lovelace',
      'Turing',
    ]);
    expect((await list({ dir: 'desc' })).rows.map((r) => r.familyName)).toEqual([
      'Turing',
      'Lovelace',
      'Johnson',
      'Hopper',
      'Dijkstra',
    ]);
  });

  it('sorts by person code, email and last update', async () => {
    expect((await list({ sort: 'code' })).rows.map((r) => r.personCode)).toEqual([
      'C001',
      'C002',
      'C003',
      'C004',
      'C005',
    ]);
    expect((await list({ sort: 'code', dir: 'desc' })).rows.map((r) => r.personCode)[0]).toBe('C005');
    expect((await list({ sort: 'email' })).rows.map((r) => r.internalEmail)).toEqual([
      'ada@corp.test',
      'alan@corp.test',
      'edsger_100%@corp.test',
      'grace@corp.test',
      null,
    ]);
    expect((await list({ sort: 'updated', dir: 'desc' })).rows).toHaveLength(5);
  });

  it('search matches any part of code, names, preferred name, emails and job title, case-insensitively, and all words must match', async () => {
    const codes = async (q: string) => (await list({ q })).rows.map((r) => r.personCode).sort();
    expect(await codes('LOVE')).toEqual(['C003']);
    expect(await codes('c00')).toEqual(['C001', 'C002', 'C003', 'C004', 'C005']);
    expect(await codes('kathy')).toEqual(['C004']);
    expect(await codes('home.test')).toEqual(['C004']);
    expect(await codes('admiral')).toEqual(['C001']);
    expect(await codes('ada analyst')).toEqual(['C003']);
    expect(await codes('ada admiral')).toEqual([]);
  });

  it('a search with few matches is sorted and paged like the whole list', async () => {
    expect((await list({ q: 'c00', sort: 'code', dir: 'desc' })).rows.map((r) => r.personCode)).toEqual([
      'C005',
      'C004',
      'C003',
      'C002',
      'C001',
    ]);
    expect((await list({ q: 'corp.test' })).rows.map((r) => r.familyName)).toEqual([
      'Dijkstra',
      'Hopper',
      'Lovelace',
      'Turing',
    ]);
    const paged = await list({ q: 'c00', sort: 'code', size: '25', page: '2' });
    expect(paged).toMatchObject({ rows: [], total: 5, hasPrevious: true, hasNext: false });
  });

  it('treats % and _ in a search literally', async () => {
    expect((await list({ q: '100%' })).rows.map((r) => r.personCode)).toEqual(['C005']);
    expect((await list({ q: '_' })).rows.map((r) => r.personCode)).toEqual(['C005']);
  });

  it("never shows another tenant's people", async () => {
    const result = await list({ q: 'ada' });
    expect(result.rows.map((r) => r.familyName)).toEqual(['Lovelace']);
    expect((await listPeople(getDb(), otherTenantId, parsePeopleQuery({}))).rows.map((r) => r.familyName)).toEqual([
      'Other-Tenant',
    ]);
  });

  it('filters by status and department, and shows department name and primary end date', async () => {
    expect((await list({ status: 'inactive' })).rows.map((r) => r.personCode)).toEqual(['C002']);
    expect((await list({ status: 'active' })).total).toBe(4);
    const inEngineering = await list({ department: engineeringId });
    expect(inEngineering.rows.map((r) => r.personCode).sort()).toEqual(['C002', 'C003']);
    const ada = inEngineering.rows.find((r) => r.personCode === 'C003')!;
    expect(ada.departmentName).toBe('Engineering');
    expect(ada.primaryEndDate).toBe('2020-12-31');
  });

  it('every field of a row comes from the raw list query with its type (the query is SQL text, checked here)', async () => {
    const row = (await list({ department: engineeringId })).rows.find((r) => r.personCode === 'C003')!;
    const [stored] = await getDb().select().from(people).where(eq(people.id, row.id));
    expect(row).toEqual({
      id: stored.id,
      personCode: stored.personCode,
      givenName: stored.givenName,
      familyName: stored.familyName,
      preferredGivenName: stored.preferredGivenName,
      internalEmail: stored.internalEmail,
      externalEmail: stored.externalEmail,
      jobTitle: stored.jobTitle,
      activeEmployee: stored.activeEmployee,
      updatedAt: stored.updatedAt,
      departmentName: 'Engineering',
      primaryEndDate: '2020-12-31',
    });
  });

  it('paginates on the server: page size, has next/previous and exact total', async () => {
    const page1 = await list({ size: '25' });
    expect(page1).toMatchObject({ total: 5, capped: false, hasNext: false, hasPrevious: false });
    const tenant = await createTenant();
    for (let i = 0; i < 30; i++)
      await insertPerson(tenant.id, {
        personCode: `B${String(i).padStart(3, '0')}`,
        familyName: `F${String(i).padStart(3, '0')}`,
      });
    const first = await listPeople(getDb(), tenant.id, parsePeopleQuery({ size: '25', sort: 'code' }));
    expect(first.rows).toHaveLength(25);
    expect(first).toMatchObject({ total: 30, hasNext: true, hasPrevious: false });
    const second = await listPeople(getDb(), tenant.id, parsePeopleQuery({ size: '25', sort: 'code', page: '2' }));
    expect(second.rows.map((r) => r.personCode)).toEqual(['B025', 'B026', 'B027', 'B028', 'B029']);
    expect(second).toMatchObject({ hasNext: false, hasPrevious: true });
  });

  it(`counts search matches only up to ${COUNT_CAP} (a broad search never counts every row)`, async () => {
    const tenant = await createTenant();
    const values = Array.from(
      { length: COUNT_CAP + 5 },
      (_, i) => `('${tenant.id}', 'M${i}', 'Many', 'Match${i}')`,
    ).join(',');
    const { sql } = await import('drizzle-orm');
    await getDb().execute(
      sql.raw(`insert into people (tenant_id, person_code, given_name, family_name) values ${values}`),
    );
    const result = await listPeople(getDb(), tenant.id, parsePeopleQuery({ q: 'many' }));
    expect(result).toMatchObject({ total: COUNT_CAP, capped: true, hasNext: true });
    // Many matches: the sort index is walked; the order is still right.
    const names = result.rows.map((r) => r.familyName.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(names[0]).toBe('match0');
    const whole = await listPeople(getDb(), tenant.id, parsePeopleQuery({}));
    expect(whole).toMatchObject({ total: COUNT_CAP + 5, capped: false });
  });
});
