// The real @workos-inc/node SDK (11.x), unchanged, against `next start` (the production build) on the test database:
// `new WorkOS(key, { apiHostname, port, https: false })` must work as it does against api.workos.com.
// Needs a production build (`npx next build`; `npm test` builds before this suite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { NotFoundException, UnauthorizedException, UnprocessableEntityException, WorkOS } from '@workos-inc/node';
import { getDb } from '@/db/client';
import { DSYNC_EVENTS } from '@/lib/directory-sync/events';
import { directories, directoryUsers } from '@/db/schema';
import { createTenant } from '@/tests/support/factories';
import { startNextServer, type NextServer } from '@/tests/support/next-server';
import {
  addMembers,
  apiKeyFor,
  insertDirectory,
  insertEvents,
  insertGroup,
  insertOrganization,
  insertUsers,
} from '@/tests/support/directory-factories';

/** An id of the same kind that differs from `id` in its last character (so it names no object). */
const otherIdLike = (id: string) => id.slice(0, -1) + (id.endsWith('0') ? '1' : '0');

const USERS = 250;
let server: NextServer | undefined;
let port: number;

const sdk = (key: string) => new WorkOS(key, { apiHostname: '127.0.0.1', port, https: false });

let workos: WorkOS;
let otherWorkos: WorkOS;
const first = {} as {
  organizationId: string;
  directoryId: string;
  secondDirectoryId: string;
  userIds: string[];
  groupId: string;
  eventIds: string[];
};

beforeAll(async () => {
  const tenant = await createTenant();
  const organization = await insertOrganization(tenant.id, { name: 'Northwind', domains: ['northwind.test'] });
  const directory = await insertDirectory(tenant.id, organization.id, {
    name: 'Northwind Cezanne HR',
    state: 'linked',
  });
  const secondOrg = await insertOrganization(tenant.id, { name: 'Fabrikam' });
  const secondDirectory = await insertDirectory(tenant.id, secondOrg.id, { name: 'Fabrikam HR', state: 'unlinked' });
  const users = await insertUsers(tenant.id, directory.id, USERS);
  const group = await insertGroup(tenant.id, directory.id, { name: 'Engineering' });
  await addMembers(
    tenant.id,
    directory.id,
    group.id,
    users.slice(0, 3).map((u) => u.id),
  );
  const events = await insertEvents(tenant.id, { organizationId: organization.id, directoryId: directory.id }, [
    {
      event: 'dsync.activated',
      data: {
        object: 'directory',
        id: directory.id,
        organization_id: organization.id,
        type: 'cezanne hr',
        state: 'active',
        name: directory.name,
        external_key: directory.externalKey,
        domains: [],
        created_at: directory.createdAt.toISOString(),
        updated_at: directory.updatedAt.toISOString(),
      },
    },
    ...users.slice(0, 3).map(() => ({ event: 'dsync.user.created' })),
    {
      event: 'dsync.group.created',
      data: {
        object: 'directory_group',
        id: group.id,
        idp_id: group.idpId,
        directory_id: directory.id,
        organization_id: organization.id,
        name: group.name,
        raw_attributes: {},
        created_at: group.createdAt.toISOString(),
        updated_at: group.updatedAt.toISOString(),
      },
    },
  ]);
  Object.assign(first, {
    organizationId: organization.id,
    directoryId: directory.id,
    secondDirectoryId: secondDirectory.id,
    userIds: users.map((u) => u.id),
    groupId: group.id,
    eventIds: events.map((e) => e.id),
  });

  const other = await createTenant();
  const otherOrg = await insertOrganization(other.id, { name: 'Other Co' });
  await insertUsers(other.id, (await insertDirectory(other.id, otherOrg.id)).id, 2);

  server = await startNextServer();
  port = server.port;
  workos = sdk((await apiKeyFor(tenant.id)).secret);
  otherWorkos = sdk((await apiKeyFor(other.id)).secret);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('@workos-inc/node 11 against next start', () => {
  it('organizations.listOrganizations and createOrganization', async () => {
    const list = await workos.organizations.listOrganizations();
    expect(list.data.map((o) => o.name)).toEqual(['Fabrikam', 'Northwind']);
    expect(list.data[1].domains.map((d) => d.domain)).toEqual(['northwind.test']);
    const created = await workos.organizations.createOrganization({
      name: 'Contoso',
      domainData: [{ domain: 'contoso.test', state: 'verified' as never }],
    });
    expect(created).toMatchObject({
      object: 'organization',
      name: 'Contoso',
      domains: [{ domain: 'contoso.test', organizationId: created.id }],
    });
    expect((await workos.organizations.getOrganization(created.id)).name).toBe('Contoso');
  });

  it('directorySync.listDirectories with the organization filter, and getDirectory (linked → active)', async () => {
    const all = await workos.directorySync.listDirectories();
    expect(all.data.map((d) => d.name)).toEqual(['Fabrikam HR', 'Northwind Cezanne HR']);
    const filtered = await workos.directorySync.listDirectories({ organizationId: first.organizationId });
    expect(filtered.data.map((d) => d.id)).toEqual([first.directoryId]);
    const directory = await workos.directorySync.getDirectory(first.directoryId);
    expect(directory).toMatchObject({
      id: first.directoryId,
      organizationId: first.organizationId,
      type: 'cezanne hr',
      state: 'active',
      domain: 'northwind.test',
    });
    expect((await workos.directorySync.getDirectory(first.secondDirectoryId)).state).toBe('inactive');
  });

  it('directorySync.listUsers + autoPagination() walks all 250 users once, newest first', async () => {
    const list = await workos.directorySync.listUsers({ directory: first.directoryId });
    expect(list.data).toHaveLength(10);
    const all = await list.autoPagination();
    expect(all.map((u) => u.id)).toEqual([...first.userIds].reverse());
    expect(all.every((u) => Array.isArray(u.groups) && u.organizationId === first.organizationId)).toBe(true);
  });

  it('directorySync.getUser carries its groups', async () => {
    const user = await workos.directorySync.getUser(first.userIds[0]);
    expect(user).toMatchObject({
      id: first.userIds[0],
      directoryId: first.directoryId,
      state: 'active',
      idpId: 'P000000',
    });
    expect(user.groups.map((g) => ({ id: g.id, name: g.name }))).toEqual([{ id: first.groupId, name: 'Engineering' }]);
    expect(user.customAttributes).toMatchObject({ department_name: 'Engineering' });
  });

  it('directorySync.listGroups by directory and by user, getGroup, listUsers by group', async () => {
    expect((await workos.directorySync.listGroups({ directory: first.directoryId })).data.map((g) => g.id)).toEqual([
      first.groupId,
    ]);
    expect((await workos.directorySync.listGroups({ user: first.userIds[1] })).data.map((g) => g.name)).toEqual([
      'Engineering',
    ]);
    expect((await workos.directorySync.listGroups({ user: first.userIds[200] })).data).toEqual([]);
    expect(await workos.directorySync.getGroup(first.groupId)).toMatchObject({
      id: first.groupId,
      name: 'Engineering',
      directoryId: first.directoryId,
    });
    const members = await workos.directorySync.listUsers({ group: first.groupId, order: 'asc' });
    expect(members.data.map((u) => u.id)).toEqual(first.userIds.slice(0, 3));
  });

  it('events.listEvents: filters (comma-joined by the SDK), oldest first, after', async () => {
    const created = await workos.events.listEvents({ events: ['dsync.user.created', 'dsync.group.created'] });
    expect(created.data.map((e) => e.id)).toEqual(first.eventIds.slice(1));
    const page = await workos.events.listEvents({
      events: ['dsync.activated', 'dsync.user.created', 'dsync.group.created'],
      limit: 2,
    });
    expect(page.data.map((e) => e.event)).toEqual(['dsync.activated', 'dsync.user.created']);
    expect(page.data[0]).toMatchObject({ event: 'dsync.activated', data: { id: first.directoryId, state: 'active' } });
    const rest = await workos.events.listEvents({
      events: ['dsync.activated', 'dsync.user.created', 'dsync.group.created'],
      after: page.listMetadata.after ?? undefined,
    });
    expect(rest.data.map((e) => e.id)).toEqual(first.eventIds.slice(2));
    expect(
      (
        await workos.events.listEvents({
          events: ['dsync.user.created'],
          organizationId: first.organizationId,
          limit: 1,
        })
      ).data,
    ).toHaveLength(1);
  });

  it('a wrong key → UnauthorizedException; an unknown id → NotFoundException; bad parameters → UnprocessableEntityException', async () => {
    await expect(sdk('sk_wrong').directorySync.listDirectories()).rejects.toBeInstanceOf(UnauthorizedException);
    const notFound = await workos.directorySync
      .getUser('directory_user_01E1JG7J09H96KYP8HM9B0G5SJ')
      .catch((error) => error);
    expect(notFound).toBeInstanceOf(NotFoundException);
    expect(notFound.requestID).toMatch(/^req_/);
    await expect(workos.directorySync.getDirectory('not-an-id')).rejects.toBeInstanceOf(NotFoundException);
    await expect(workos.directorySync.getGroup(otherIdLike(first.groupId))).rejects.toBeInstanceOf(NotFoundException);
    await expect(
      workos.directorySync.listUsers({ directory: first.directoryId, order: 'sideways' as never }),
    ).rejects.toBeInstanceOf(UnprocessableEntityException);
  });

  it('over plain HTTP, a path Next cannot decode is a JSON 404 too (not its plain-text 500)', async () => {
    for (const path of ['/directories/%E0%A4%A', '/directory_users/%FF', '/organizations/a%']) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toContain('application/json');
      expect(response.headers.get('x-request-id'), path).toMatch(/^req_/);
      expect(await response.json()).toMatchObject({ code: 'entity_not_found' });
    }
  });

  it("a second tenant's key sees none of the first tenant's data", async () => {
    const organizations = await otherWorkos.organizations.listOrganizations();
    expect(organizations.data.map((o) => o.name)).toEqual(['Other Co']);
    expect((await otherWorkos.directorySync.listDirectories({ organizationId: first.organizationId })).data).toEqual(
      [],
    );
    expect((await otherWorkos.directorySync.listUsers({ directory: first.directoryId })).data).toEqual([]);
    expect((await otherWorkos.directorySync.listUsers({ group: first.groupId })).data).toEqual([]);
    expect((await otherWorkos.directorySync.listGroups({ directory: first.directoryId })).data).toEqual([]);
    expect((await otherWorkos.events.listEvents({ events: ['dsync.user.created'] })).data).toEqual([]);
    await expect(otherWorkos.directorySync.getDirectory(first.directoryId)).rejects.toBeInstanceOf(NotFoundException);
    await expect(otherWorkos.directorySync.getUser(first.userIds[0])).rejects.toBeInstanceOf(NotFoundException);
    await expect(otherWorkos.directorySync.getGroup(first.groupId)).rejects.toBeInstanceOf(NotFoundException);
    await expect(otherWorkos.directorySync.deleteDirectory(first.directoryId)).rejects.toBeInstanceOf(
      NotFoundException,
    );
    const everyUser = await (await otherWorkos.directorySync.listUsers({})).autoPagination();
    expect(everyUser).toHaveLength(2);
  });

  it('directorySync.deleteDirectory: gone with its users, one dsync.deleted event', async () => {
    await workos.directorySync.deleteDirectory(first.directoryId);
    await expect(workos.directorySync.getDirectory(first.directoryId)).rejects.toBeInstanceOf(NotFoundException);
    expect(await getDb().select().from(directories).where(eq(directories.id, first.directoryId))).toEqual([]);
    expect(
      await getDb().select().from(directoryUsers).where(eq(directoryUsers.directoryId, first.directoryId)),
    ).toEqual([]);
    const deleted = await workos.events.listEvents({ events: ['dsync.deleted'] });
    expect(deleted.data.map((e) => ({ event: e.event, id: (e.data as { id: string }).id }))).toEqual([
      { event: 'dsync.deleted', id: first.directoryId },
    ]);
    const after = await workos.events.listEvents({ events: [...DSYNC_EVENTS], after: first.eventIds.at(-1) });
    expect(after.data.map((e) => e.event)).toEqual(['dsync.deleted']);
  });
});
