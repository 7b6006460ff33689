import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { listPeople, parsePeopleQuery, peopleCsvRows } from '@/lib/hr/people-list';
import { accountsCsvRows, listUserAccounts, parseAccountsQuery } from '@/lib/hr/user-accounts';
import { withSession } from '@/tests/support/action-session';
import { createStaff, createTenant } from '@/tests/support/factories';
import { insertDepartment, insertPerson, insertUserAccount } from '@/tests/support/hr-factories';
import { GET as exportPeople } from '@/app/(dashboard)/admin/people/export/route';
import { GET as exportAccounts } from '@/app/(dashboard)/admin/users/export/route';

vi.mock('@/lib/auth/session', () => import('@/tests/support/action-session'));
vi.mock('next/cache', () => import('@/tests/support/action-session'));

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

async function threePeople() {
  const tenant = await createTenant();
  const legal = await insertDepartment(tenant.id, 'Legal');
  const finance = await insertDepartment(tenant.id, 'Finance');
  const ada = await insertPerson(tenant.id, {
    personCode: 'A1',
    givenName: 'Ada',
    familyName: 'Lovelace',
    departmentId: legal.id,
    jobTitle: 'Engineer',
    activeEmployee: true,
  });
  const bob = await insertPerson(tenant.id, {
    personCode: 'B2',
    givenName: 'Bob',
    familyName: 'Brown',
    departmentId: finance.id,
    jobTitle: 'Accountant',
    activeEmployee: false,
  });
  const cy = await insertPerson(tenant.id, {
    personCode: 'C3',
    givenName: 'Cy',
    familyName: 'Young',
    departmentId: null,
    jobTitle: null,
    activeEmployee: true,
  });
  return { tenant, ada, bob, cy };
}

describe('lists: every column sorts, page counts, CSV of the filter', () => {
  it('People sort by department, job title and status (blanks last), with a page count', async () => {
    const { tenant } = await threePeople();
    const names = async (params: Record<string, string>) =>
      (await listPeople(getDb(), tenant.id, parsePeopleQuery(params))).rows.map((r) => r.givenName);
    expect(await names({ sort: 'department' })).toEqual(['Bob', 'Ada', 'Cy']);
    expect(await names({ sort: 'department', dir: 'desc' })).toEqual(['Ada', 'Bob', 'Cy']);
    expect(await names({ sort: 'title' })).toEqual(['Bob', 'Ada', 'Cy']);
    expect(await names({ sort: 'status' })).toEqual(['Ada', 'Cy', 'Bob']);
    expect(await names({ sort: 'status', dir: 'desc' })).toEqual(['Bob', 'Cy', 'Ada']);
    // The same order when a search narrows the list (the few-matches plan).
    expect(await names({ sort: 'department', q: 'e' })).toEqual(['Bob', 'Ada', 'Cy']);

    const page = await listPeople(getDb(), tenant.id, parsePeopleQuery({ size: '25' }));
    expect(page.pageCount).toBe(1);
    for (let i = 0; i < 30; i++) await insertPerson(tenant.id);
    const bigger = await listPeople(getDb(), tenant.id, parsePeopleQuery({ size: '25', page: '2' }));
    expect(bigger).toMatchObject({ total: 33, pageCount: 2, hasNext: false });
    expect(bigger.rows).toHaveLength(8);
  });

  it('People CSV holds exactly the filtered people; the route checks the role', async () => {
    const { tenant } = await threePeople();
    const rows = await collect(peopleCsvRows(getDb(), tenant.id, parsePeopleQuery({ status: 'active' })));
    expect(rows.map((r) => r[0])).toEqual(['A1', 'C3']);
    expect(rows[0].slice(0, 9)).toEqual([
      'A1',
      'Ada',
      'Lovelace',
      null,
      'a1@example.test',
      null,
      'Legal',
      'Engineer',
      'yes',
    ]);

    const hr = await createStaff(tenant.id, 'hr_professional');
    const it = await createStaff(tenant.id, 'it_admin');
    const call = (url: string) => () => exportPeople(new Request(url));
    const ok = await withSession(hr, call('http://roster.test/admin/people/export?q=brown'));
    const lines = (await ok.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Person code,Given name,Family name/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['B2']);
    expect((await withSession(it, call('http://roster.test/admin/people/export'))).status).toBe(403);
  });

  it('User accounts sort by person, role, status and dates, count pages, and export their filter', async () => {
    const { tenant, ada, bob, cy } = await threePeople();
    await insertUserAccount(tenant.id, ada.id, { userName: 'zed@example.test', active: true });
    await insertUserAccount(tenant.id, bob.id, { userName: 'amy@example.test', active: false, roleId: null });
    await insertUserAccount(tenant.id, cy.id, { userName: 'max@example.test', active: true });
    const users = async (params: Record<string, string>) =>
      (await listUserAccounts(getDb(), tenant.id, parseAccountsQuery(params))).rows.map((r) => r.userName);
    expect(await users({})).toEqual(['amy@example.test', 'max@example.test', 'zed@example.test']);
    expect(await users({ sort: 'person' })).toEqual(['amy@example.test', 'zed@example.test', 'max@example.test']);
    expect(await users({ sort: 'role' })).toEqual(['max@example.test', 'zed@example.test', 'amy@example.test']);
    expect(await users({ sort: 'status' })).toEqual(['max@example.test', 'zed@example.test', 'amy@example.test']);
    expect(await users({ sort: 'created', dir: 'desc' })).toEqual([
      'max@example.test',
      'amy@example.test',
      'zed@example.test',
    ]);
    const page = await listUserAccounts(getDb(), tenant.id, parseAccountsQuery({}));
    expect(page.pageCount).toBe(1);

    const rows = await collect(accountsCsvRows(getDb(), tenant.id, parseAccountsQuery({ status: 'inactive' })));
    expect(rows.map((r) => r.slice(0, 6))).toEqual([['amy@example.test', null, 'B2', 'Bob Brown', null, 'no']]);
    const hr = await createStaff(tenant.id, 'hr_professional');
    const response = await withSession(hr, () =>
      exportAccounts(new Request('http://roster.test/admin/users/export?q=zed')),
    );
    expect((await response.text()).split('\r\n')[1]).toMatch(/^zed@example\.test,/);
    expect(
      (await withSession(null, () => exportAccounts(new Request('http://roster.test/admin/users/export')))).status,
    ).toBe(401);
  });
});
