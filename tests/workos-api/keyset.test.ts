// Keyset paging of the WorkOS-compatible API on a real database: every order and cursor combination against the
// same list computed in memory, exact list_metadata, tenant scoping, and index-only plans for deep pages.
import { beforeAll, describe, expect, it } from 'vitest';
import { Placeholder, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { ApiContext } from '@/lib/directory-sync/api/context';
import type { KeysetQuery, Order, PageParams } from '@/lib/directory-sync/api/keyset';
import { buildUsersQuery, listUsers, usersQueryValues, type UserFilters } from '@/lib/directory-sync/api/users';
import { listGroups } from '@/lib/directory-sync/api/groups';
import { listDirectories } from '@/lib/directory-sync/api/directories';
import { listOrganizations } from '@/lib/directory-sync/api/organizations';
import { createTenant } from '@/tests/support/factories';
import {
  addMembers,
  insertDirectory,
  insertGroup,
  insertOrganization,
  insertUsers,
} from '@/tests/support/directory-factories';

const COUNT = 23;
let ctx: ApiContext;
let directoryId: string;
let directoryOrganizationId: string;
let otherDirectoryId: string;
/** The directory's live users, oldest first. */
let ids: string[];
let groupId: string;
let memberIds: string[];

beforeAll(async () => {
  const tenant = await createTenant();
  ctx = { db: getDb(), tenantId: tenant.id };
  const organization = await insertOrganization(tenant.id, { domains: ['keyset.test'] });
  directoryOrganizationId = organization.id;
  directoryId = (await insertDirectory(tenant.id, organization.id)).id;
  otherDirectoryId = (await insertDirectory(tenant.id, organization.id)).id;
  const elsewhere = await insertOrganization(tenant.id, { domains: ['elsewhere.test'] });
  await insertDirectory(tenant.id, elsewhere.id, { name: 'Elsewhere' });
  // Every fifth user is soft-deleted by the sync: never listed.
  const users = await insertUsers(tenant.id, directoryId, COUNT + 4, (i) =>
    i % 6 === 5 ? { deletedAt: new Date() } : {},
  );
  ids = users.filter((u) => !u.deletedAt).map((u) => u.id);
  expect(ids).toHaveLength(COUNT);
  await insertUsers(tenant.id, otherDirectoryId, 4);
  groupId = (await insertGroup(tenant.id, directoryId)).id;
  memberIds = ids.filter((_, i) => i % 3 === 0);
  await addMembers(tenant.id, directoryId, groupId, memberIds);

  // Another tenant's data interleaved in id order: never seen, never counted.
  const other = await createTenant();
  const otherOrg = await insertOrganization(other.id);
  await insertUsers(other.id, (await insertDirectory(other.id, otherOrg.id)).id, 10);
});

/** What a page must be, computed from the full list in memory. */
function expected(all: string[], params: PageParams) {
  const newestFirst = params.order !== 'asc';
  const list = newestFirst ? [...all].reverse() : [...all];
  const index = (id: string) => list.indexOf(id);
  const forward = params.order === 'normal' ? params.before : params.after;
  const backward = params.order === 'normal' ? params.after : params.before;
  let start = 0;
  let end = list.length;
  if (forward) start = index(forward) + 1;
  if (backward) end = index(backward);
  const page =
    forward || !backward
      ? list.slice(start, Math.min(end, start + params.limit))
      : list.slice(Math.max(start, end - params.limit), end);
  const firstIndex = page.length ? index(page[0]) : -1;
  const lastIndex = page.length ? index(page[page.length - 1]) : -1;
  const next = page.length && lastIndex < list.length - 1 ? page[page.length - 1] : null;
  const previous = page.length && firstIndex > 0 ? page[0] : null;
  return {
    data: page,
    listMetadata: params.order === 'normal' ? { before: next, after: previous } : { before: previous, after: next },
  };
}

async function userPage(
  params: PageParams,
  filters: { directory?: string; group?: string } = { directory: directoryId },
) {
  const page = await listUsers(ctx, filters, params);
  return { data: page.data.map((u) => u.id), listMetadata: page.listMetadata };
}

describe('keyset pages match the list computed in memory', () => {
  const orders: Order[] = ['asc', 'desc', 'normal'];
  for (const order of orders) {
    it(`order=${order}: first page, every cursor forward and backward, both cursors`, async () => {
      for (const limit of [1, 5, 10, 100]) {
        expect(await userPage({ order, limit })).toEqual(expected(ids, { order, limit }));
      }
      for (const cursor of [ids[0], ids[7], ids[COUNT - 1]]) {
        for (const key of ['after', 'before'] as const) {
          const params = { order, limit: 5, [key]: cursor };
          expect(await userPage(params), JSON.stringify(params)).toEqual(expected(ids, params));
        }
      }
      const window =
        order === 'asc'
          ? { after: ids[3], before: ids[12] }
          : order === 'desc'
            ? { after: ids[12], before: ids[3] }
            : { before: ids[12], after: ids[3] };
      for (const limit of [3, 20]) {
        const params = { order, limit, ...window };
        expect(await userPage(params), JSON.stringify(params)).toEqual(expected(ids, params));
      }
    });
  }

  it('walking list_metadata.after visits every user once, in order (what autoPagination does)', async () => {
    for (const order of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await userPage({ order, limit: 4, after });
        seen.push(...page.data);
        after = page.listMetadata.after ?? undefined;
      } while (after);
      expect(seen).toEqual(order === 'asc' ? ids : [...ids].reverse());
    }
  });

  it('walking back with list_metadata.before from the last page visits every user once', async () => {
    const newestFirst = [...ids].reverse();
    let page = await userPage({ order: 'desc', limit: 4, after: newestFirst[COUNT - 5] });
    expect(page.data).toEqual(newestFirst.slice(COUNT - 4));
    expect(page.listMetadata.after).toBeNull();
    const seen = [...page.data];
    let before = page.listMetadata.before;
    while (before) {
      page = await userPage({ order: 'desc', limit: 4, before });
      seen.unshift(...page.data);
      before = page.listMetadata.before;
    }
    expect(seen).toEqual(newestFirst);
  });

  it('a cursor that no longer exists still positions the page', async () => {
    const gone = 'directory_user_' + ids[5].slice(-26, -1) + (ids[5].endsWith('Z') ? 'Y' : 'Z');
    const page = await userPage({ order: 'asc', limit: 3, after: gone });
    expect(page.data).toEqual(ids.filter((id) => id > gone).slice(0, 3));
  });
});

describe('filters', () => {
  it('group: members only, paged over the membership index', async () => {
    expect(await userPage({ order: 'asc', limit: 100 }, { group: groupId })).toEqual(
      expected(memberIds, { order: 'asc', limit: 100 }),
    );
    for (const order of ['asc', 'desc', 'normal'] as const) {
      const params = { order, limit: 2, after: memberIds[2], ...(order === 'normal' ? { before: memberIds[4] } : {}) };
      expect(await userPage(params, { group: groupId })).toEqual(expected(memberIds, params));
    }
  });

  it('no directory: all of the tenant, nothing of another tenant', async () => {
    const page = await listUsers(ctx, {}, { order: 'asc', limit: 100 });
    expect(page.data).toHaveLength(COUNT + 4);
    const directoryIds = page.data.map((u) => JSON.parse(u.json).directory_id);
    expect(directoryIds.every((id) => id === directoryId || id === otherDirectoryId)).toBe(true);
  });

  it('groups of a user, directories and organizations page the same way', async () => {
    const groups = await listGroups(ctx, { user: memberIds[0] }, { order: 'desc', limit: 10 });
    expect(groups.data.map((g) => g.id)).toEqual([groupId]);
    expect((await listGroups(ctx, { user: ids[1] }, { order: 'desc', limit: 10 })).data).toEqual([]);
    const dirs = await listDirectories(ctx, { organizationId: directoryOrganizationId }, { order: 'asc', limit: 1 });
    expect(dirs.data.map((d) => d.id)).toEqual([directoryId]);
    expect(dirs.listMetadata).toEqual({ before: null, after: directoryId });
    expect(
      (
        await listDirectories(
          ctx,
          { organizationId: directoryOrganizationId },
          { order: 'asc', limit: 1, after: directoryId },
        )
      ).data.map((d) => d.id),
    ).toEqual([otherDirectoryId]);
    expect((await listDirectories(ctx, {}, { order: 'asc', limit: 10 })).data.map((d) => d.primaryDomain)).toEqual([
      'keyset.test',
      'keyset.test',
      'elsewhere.test',
    ]);
    expect((await listDirectories(ctx, { domain: 'KEYSET.test' }, { order: 'asc', limit: 10 })).data).toHaveLength(2);
    expect((await listDirectories(ctx, { search: '%' }, { order: 'asc', limit: 10 })).data).toHaveLength(0);
    const orgs = await listOrganizations(ctx, { domains: ['nope.test', 'keyset.test'] }, { order: 'desc', limit: 10 });
    expect(orgs.data.map((o) => o.domains.map((d) => d.domain))).toEqual([['keyset.test']]);
  });
});

describe('query plans', () => {
  /**
   * EXPLAIN of the real prepared users statement with its generic plan (the plan a prepared statement settles on), with
   * sorting and sequential scans priced out: an index must deliver the order.
   */
  async function plan(filters: UserFilters, query: KeysetQuery): Promise<string> {
    const { sql: text, params } = buildUsersQuery(ctx, filters, query).toSQL();
    const values = usersQueryValues(ctx, filters, query) as Record<string, unknown>;
    const literal = (value: unknown) =>
      typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
    const args = params.map((param) => literal(param instanceof Placeholder ? values[param.name] : param));
    let output = '';
    await getDb().transaction(async (tx) => {
      await tx.execute(sql`set local enable_sort = off`);
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
      await tx.execute(sql.raw(`prepare keyset_plan_test as ${text}`));
      const result = await tx.execute(sql.raw(`explain execute keyset_plan_test(${args.join(', ')})`));
      output = result.rows.map((row) => String(row['QUERY PLAN'])).join('\n');
      await tx.execute(sql`deallocate keyset_plan_test`);
    });
    return output;
  }

  it('every users page (tenant, directory, group; asc and desc; deep cursor) is an ordered index range scan, no sort', async () => {
    for (const filters of [
      {},
      { directory: directoryId },
      { group: groupId },
      { directory: directoryId, group: groupId },
    ]) {
      for (const direction of ['asc', 'desc'] as const) {
        const text = await plan(filters, {
          direction,
          bounds: [{ op: direction === 'asc' ? '>' : '<', id: ids[10] }],
          limit: 101,
        });
        expect(text, `${JSON.stringify(filters)} ${direction}\n${text}`).toMatch(/Index (Only )?Scan/);
        expect(text, `${JSON.stringify(filters)} ${direction}\n${text}`).not.toMatch(/Sort/);
        expect(text).toMatch(/\$\d/); // a generic plan: the values are parameters
      }
    }
  });
});
