// The stored REST JSON of directory users (directory_user_api_json, migration 0009): the exact WorkOS shape for any
// text, and kept current by the triggers through every write the sync makes (user changed, membership added or
// removed, group renamed or deleted, user deleted). The API serves it as it is.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { directoryGroupMemberships, directoryGroups, directoryUsers } from '@/db/schema';
import type { ApiContext } from '@/lib/directory-sync/api/context';
import { getUser, listUsers } from '@/lib/directory-sync/api/users';
import { createTenant } from '@/tests/support/factories';
import {
  addMembers,
  insertDirectory,
  insertGroup,
  insertOrganization,
  insertUsers,
} from '@/tests/support/directory-factories';

let ctx: ApiContext;
let tenantId: string;
let organizationId: string;
/** Each test has its own directory (the factory numbers users from P000000 in each call). */
let directoryId: string;

const iso = (date: Date) => date.toISOString();

/** The stored text, and the same JSON computed on the spot from the tables: they must always agree. */
async function storedAndFresh(userId: string) {
  const result = await getDb().execute<{ stored: string | null; fresh: string }>(sql`
    select (select json from directory_user_api_json where user_id = u.id) as stored,
           roster_directory_user_api_json_of(u) as fresh
    from directory_users u where u.id = ${userId}`);
  return result.rows[0];
}

async function groupNamesOf(userId: string) {
  const json = await getUser(ctx, userId);
  return (JSON.parse(json!).groups as { name: string }[]).map((group) => group.name);
}

beforeAll(async () => {
  const tenant = await createTenant();
  tenantId = tenant.id;
  ctx = { db: getDb(), tenantId };
  organizationId = (await insertOrganization(tenantId, { domains: ['json.test'] })).id;
});

beforeEach(async () => {
  directoryId = (await insertDirectory(tenantId, organizationId)).id;
});

describe('stored directory user JSON', () => {
  it('is the WorkOS directory user, any text escaped, null fields as null, groups always present', async () => {
    const [user] = await insertUsers(tenantId, directoryId, 1, () => ({
      firstName: 'Marcelina "M"\n',
      lastName: 'Dávis</script>\\',
      email: null,
    }));
    const group = await insertGroup(tenantId, directoryId, { name: 'R&D "Labs" ✓' });
    expect(JSON.parse((await getUser(ctx, user.id))!).groups).toEqual([]);
    await addMembers(tenantId, directoryId, group.id, [user.id]);

    const json = (await getUser(ctx, user.id))!;
    expect(JSON.parse(json)).toEqual({
      object: 'directory_user',
      id: user.id,
      directory_id: directoryId,
      organization_id: organizationId,
      idp_id: user.idpId,
      email: null,
      first_name: 'Marcelina "M"\n',
      last_name: 'Dávis</script>\\',
      name: 'Marcelina "M"\n Dávis</script>\\',
      emails: [],
      username: null,
      job_title: user.jobTitle,
      state: 'active',
      custom_attributes: user.customAttributes,
      raw_attributes: {},
      groups: [
        {
          object: 'directory_group',
          id: group.id,
          idp_id: group.idpId,
          directory_id: directoryId,
          organization_id: organizationId,
          name: 'R&D "Labs" ✓',
          raw_attributes: {},
          created_at: iso(group.createdAt),
          updated_at: iso(group.updatedAt),
        },
      ],
      created_at: iso(user.createdAt),
      updated_at: iso(user.updatedAt),
    });
    const { stored, fresh } = await storedAndFresh(user.id);
    expect(stored).toBe(fresh);
  });

  it('timestamps are ISO 8601 in milliseconds, truncated as JavaScript does', async () => {
    const [user] = await insertUsers(tenantId, directoryId, 1);
    await getDb().execute(
      sql`update directory_users set created_at = '2026-01-15 12:00:00.123987+00', updated_at = '2026-01-16 13:14:15+02' where id = ${user.id}`,
    );
    const json = JSON.parse((await getUser(ctx, user.id))!);
    expect([json.created_at, json.updated_at]).toEqual(['2026-01-15T12:00:00.123Z', '2026-01-16T11:14:15.000Z']);
  });

  it('follows every write: user changed, membership added and removed, group renamed and deleted', async () => {
    const db = getDb();
    const [user] = await insertUsers(tenantId, directoryId, 1);
    const sales = await insertGroup(tenantId, directoryId, { name: 'Sales' });
    const ops = await insertGroup(tenantId, directoryId, { name: 'Ops' });

    await db.update(directoryUsers).set({ jobTitle: 'Lead', state: 'inactive' }).where(eq(directoryUsers.id, user.id));
    expect(JSON.parse((await getUser(ctx, user.id))!)).toMatchObject({ job_title: 'Lead', state: 'inactive' });

    await addMembers(tenantId, directoryId, ops.id, [user.id]);
    await addMembers(tenantId, directoryId, sales.id, [user.id]);
    // Groups in id order, as the API has always listed them.
    expect(await groupNamesOf(user.id)).toEqual(
      [sales, ops].sort((a, b) => a.id.localeCompare(b.id)).map((group) => group.name),
    );

    await db.update(directoryGroups).set({ name: 'Sales EMEA' }).where(eq(directoryGroups.id, sales.id));
    expect((await groupNamesOf(user.id)).sort()).toEqual(['Ops', 'Sales EMEA']);

    await db.update(directoryGroups).set({ deletedAt: new Date() }).where(eq(directoryGroups.id, ops.id));
    expect(await groupNamesOf(user.id)).toEqual(['Sales EMEA']);

    await db.delete(directoryGroupMemberships).where(eq(directoryGroupMemberships.userId, user.id));
    expect(await groupNamesOf(user.id)).toEqual([]);

    const { stored, fresh } = await storedAndFresh(user.id);
    expect(stored).toBe(fresh);
  });

  it('one statement for many users (as a sync writes them) stores every one; a deleted user takes its JSON along', async () => {
    const users = await insertUsers(tenantId, directoryId, 300);
    const group = await insertGroup(tenantId, directoryId, { name: 'Everyone' });
    await addMembers(
      tenantId,
      directoryId,
      group.id,
      users.map((user) => user.id),
    );
    const result = await getDb().execute<{ mismatched: number; missing: number }>(sql`
      select count(*) filter (where j.json is distinct from roster_directory_user_api_json_of(u))::int as mismatched,
             count(*) filter (where j.user_id is null)::int as missing
      from directory_users u left join directory_user_api_json j on j.user_id = u.id
      where u.directory_id = ${directoryId}`);
    expect(result.rows[0]).toEqual({ mismatched: 0, missing: 0 });

    const page = await listUsers(ctx, { group: group.id }, { order: 'asc', limit: 100 });
    expect(page.data.map((user) => JSON.parse(user.json).groups[0].name)).toEqual(Array(100).fill('Everyone'));

    await getDb().delete(directoryUsers).where(eq(directoryUsers.id, users[0].id));
    const left = await getDb().execute<{ n: number }>(
      sql`select count(*)::int as n from directory_user_api_json where user_id = ${users[0].id}`,
    );
    expect(left.rows[0].n).toBe(0);
  });
});
