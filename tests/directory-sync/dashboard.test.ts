import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { directoryGroupMemberships, directoryGroups, directoryUsers } from '@/db/schema';
import { refreshDirectoryCounts, storedDirectoryCounts } from '@/lib/directory-sync/counts';
import { createDirectory } from '@/lib/directory-sync/directories';
import { renameDirectory, setDirectoryBaseUrl } from '@/lib/directory-sync/directory-settings';
import {
  directoryGroupsPage,
  directoryUsersPage,
  organizationDirectories,
  searchOrganizations,
  DASHBOARD_PAGE_SIZE,
} from '@/lib/directory-sync/dashboard';
import { newId } from '@/lib/directory-sync/ids';
import { assertDirectoryTypeEnabled, cezanneHrEnabled, setCezanneHrEnabled } from '@/lib/directory-sync/integrations';
import { createOrganization } from '@/lib/directory-sync/organizations';
import { FormError } from '@/lib/errors';
import { createTenant } from '@/tests/support/factories';

async function directoryWithUsers(tenantId: string, count: number) {
  const db = getDb();
  const organization = await createOrganization(db, tenantId, { name: 'Dash Co', domains: [] });
  const directory = await createDirectory(db, tenantId, {
    organizationId: organization.id,
    name: 'Dash HR',
    baseUrl: 'http://127.0.0.1:9',
  });
  const users = Array.from({ length: count }, (_, i) => ({
    id: newId('directoryUser', new Date(Date.UTC(2026, 0, 1, 0, 0, i))),
    tenantId,
    directoryId: directory.id,
    idpId: `P${String(i).padStart(4, '0')}`,
    firstName: i % 2 ? 'Odd' : 'Even',
    lastName: `Person${i}`,
    email: `person${i}@dash.test`,
    state: i % 5 === 0 ? 'inactive' : 'active',
    contentHash: 'x',
  }));
  await db.insert(directoryUsers).values(users);
  const group = {
    id: newId('directoryGroup'),
    tenantId,
    directoryId: directory.id,
    idpId: 'ENG',
    name: 'Engineering',
    contentHash: 'x',
  };
  await db.insert(directoryGroups).values(group);
  await db
    .insert(directoryGroupMemberships)
    .values(users.slice(0, 3).map((u) => ({ tenantId, directoryId: directory.id, userId: u.id, groupId: group.id })));
  return { organization, directory, users, group };
}

describe('Directory Sync dashboard queries', () => {
  it('Users tab: keyset pages forwards and back, with groups; search; another tenant sees nothing', async () => {
    const tenant = await createTenant();
    const { directory, users } = await directoryWithUsers(tenant.id, DASHBOARD_PAGE_SIZE * 2 + 5);
    const db = getDb();

    const first = await directoryUsersPage(db, tenant.id, directory.id);
    expect(first.items.map((u) => u.id)).toEqual(users.slice(0, DASHBOARD_PAGE_SIZE).map((u) => u.id));
    expect(first.previous).toBeNull();
    expect(first.items[0].groups).toEqual([{ id: expect.any(String), name: 'Engineering' }]);
    const second = await directoryUsersPage(db, tenant.id, directory.id, { after: first.next! });
    expect(second.items[0].id).toBe(users[DASHBOARD_PAGE_SIZE].id);
    const third = await directoryUsersPage(db, tenant.id, directory.id, { after: second.next! });
    expect(third.items).toHaveLength(5);
    expect(third.next).toBeNull();
    const back = await directoryUsersPage(db, tenant.id, directory.id, { before: third.previous! });
    expect(back.items.map((u) => u.id)).toEqual(second.items.map((u) => u.id));
    expect(back.previous).toBe(first.items.at(-1) && second.items[0].id);

    const found = await directoryUsersPage(db, tenant.id, directory.id, { q: 'PERSON1@dash' });
    expect(found.items.map((u) => u.email).sort()).toEqual(
      users
        .filter((u) => u.email.includes('person1@dash'))
        .map((u) => u.email)
        .sort(),
    );
    expect((await directoryUsersPage(db, tenant.id, directory.id, { q: '100%_' })).items).toEqual([]);
    expect((await directoryUsersPage(db, tenant.id, directory.id, { after: 'not-an-id' })).items[0].id).toBe(
      users[0].id,
    );

    const other = await createTenant();
    expect((await directoryUsersPage(db, other.id, directory.id)).items).toEqual([]);
    expect(await organizationDirectories(db, other.id, directory.organizationId)).toEqual([]);
  });

  it('Groups tab counts members; the organization page counts users; organization search matches names and domains', async () => {
    const tenant = await createTenant();
    const { organization, directory } = await directoryWithUsers(tenant.id, 4);
    const db = getDb();
    expect((await directoryGroupsPage(db, tenant.id, directory.id)).items).toEqual([
      expect.objectContaining({ name: 'Engineering', members: 3 }),
    ]);
    expect(await organizationDirectories(db, tenant.id, organization.id)).toEqual([
      expect.objectContaining({ id: directory.id, users: 0 }),
    ]);
    await refreshDirectoryCounts(db, tenant.id, directory.id, new Date());
    expect(await storedDirectoryCounts(db, tenant.id, directory.id)).toEqual({
      users: { active: 3, inactive: 1 },
      groups: 1,
    });
    expect(await organizationDirectories(db, tenant.id, organization.id)).toEqual([
      expect.objectContaining({ id: directory.id, users: 4, state: 'unlinked' }),
    ]);
    expect(await storedDirectoryCounts(db, (await createTenant()).id, directory.id)).toEqual({
      users: { active: 0, inactive: 0 },
      groups: 0,
    });
    await createOrganization(db, tenant.id, { name: 'Zebra Ltd', domains: ['zebra-stripes.test'] });
    expect((await searchOrganizations(db, tenant.id, { q: 'stripes' })).items.map((o) => o.name)).toEqual([
      'Zebra Ltd',
    ]);
    expect((await searchOrganizations(db, tenant.id, {})).items.map((o) => o.name)).toEqual(['Dash Co', 'Zebra Ltd']);
    expect((await searchOrganizations(db, tenant.id, { page: 99 })).page).toBe(1);
  });

  it('the Cezanne HR integration is off until enabled; a directory of a disabled type is refused', async () => {
    const tenant = await createTenant();
    const db = getDb();
    expect(await cezanneHrEnabled(db, tenant.id)).toBe(false);
    await expect(assertDirectoryTypeEnabled(db, tenant.id, 'cezanne hr')).rejects.toBeInstanceOf(FormError);
    expect(await setCezanneHrEnabled(db, tenant.id, true, 'owner@test')).toBe(true);
    expect(await setCezanneHrEnabled(db, tenant.id, true, 'owner@test')).toBe(false);
    await expect(assertDirectoryTypeEnabled(db, tenant.id, 'cezanne hr')).resolves.toBeUndefined();
    expect(await cezanneHrEnabled(db, (await createTenant()).id)).toBe(false);
  });

  it('rename and base URL: validated, tenant-scoped', async () => {
    const tenant = await createTenant();
    const { directory } = await directoryWithUsers(tenant.id, 1);
    const db = getDb();
    expect((await renameDirectory(db, tenant.id, directory.id, '  Renamed HR ')).name).toBe('Renamed HR');
    await expect(renameDirectory(db, tenant.id, directory.id, '')).rejects.toMatchObject({
      fieldErrors: { name: 'Name is required.' },
    });
    await expect(setDirectoryBaseUrl(db, tenant.id, directory.id, 'ftp://hr.example.com')).rejects.toBeInstanceOf(
      FormError,
    );
    await setDirectoryBaseUrl(db, tenant.id, directory.id, 'https://hr.example.com/');
    const other = await createTenant();
    await expect(renameDirectory(db, other.id, directory.id, 'Hijack')).rejects.toThrow('Directory not found.');
  });
});
