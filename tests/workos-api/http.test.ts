// The WorkOS-compatible API on the wire, through the real route handlers on the test database: JSON and X-Request-ID
// on every answer, the error shapes the Node SDK maps, state vocabularies, the events filter spellings, deletion, and
// tenant isolation. (tests/workos-api/sdk.test.ts drives the same routes with the real SDK over HTTP.)
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { directories, directoryEvents, directoryGroups, directoryUsers } from '@/db/schema';
import { revokeApiKey } from '@/lib/api-keys/keys';
import * as organizationsRoute from '@/app/organizations/route';
import * as organizationRoute from '@/app/organizations/[id]/route';
import * as directoriesRoute from '@/app/directories/route';
import * as directoryRoute from '@/app/directories/[id]/route';
import * as directoryRest from '@/app/directories/[id]/[...rest]/route';
import * as usersRoute from '@/app/directory_users/route';
import * as userRoute from '@/app/directory_users/[id]/route';
import * as groupsRoute from '@/app/directory_groups/route';
import * as groupRoute from '@/app/directory_groups/[id]/route';
import * as eventsRoute from '@/app/events/route';
import { createTenant } from '@/tests/support/factories';
import {
  addMembers,
  apiKeyFor,
  insertDirectory,
  insertEvents,
  insertGroup,
  insertOrganization,
  insertUsers,
} from '@/tests/support/directory-factories';

type Handler = (
  request: Request,
  context?: { params?: Promise<Record<string, string | string[]>> },
) => Promise<Response>;
const BASE = 'http://roster.test';

let key: string;
let otherKey: string;
let tenantId: string;
let organizationId: string;
let directoryId: string;
let userIds: string[];
let groupId: string;
let otherTenant: { directoryId: string; userId: string; groupId: string; organizationId: string };

async function call(
  handler: unknown,
  path: string,
  options: { key?: string | null; method?: string; body?: string; params?: Record<string, string | string[]> } = {},
) {
  const headers = new Headers({ 'content-type': 'application/json' });
  const auth = options.key === undefined ? key : options.key;
  if (auth) headers.set('authorization', `Bearer ${auth}`);
  const response = await (handler as Handler)(
    new Request(`${BASE}${path}`, { method: options.method ?? 'GET', headers, body: options.body }),
    {
      params: Promise.resolve(options.params ?? {}),
    },
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
}

beforeAll(async () => {
  const tenant = await createTenant();
  tenantId = tenant.id;
  key = (await apiKeyFor(tenantId)).secret;
  const organization = await insertOrganization(tenantId, {
    name: 'Northwind',
    domains: ['northwind.test', 'nw.test'],
  });
  organizationId = organization.id;
  directoryId = (await insertDirectory(tenantId, organizationId, { name: 'Northwind HR' })).id;
  userIds = (await insertUsers(tenantId, directoryId, 3)).map((u) => u.id);
  groupId = (await insertGroup(tenantId, directoryId, { name: 'Engineering' })).id;
  await addMembers(tenantId, directoryId, groupId, [userIds[0]]);

  const other = await createTenant();
  otherKey = (await apiKeyFor(other.id)).secret;
  const otherOrg = await insertOrganization(other.id);
  const otherDirectory = await insertDirectory(other.id, otherOrg.id);
  const [otherUser] = await insertUsers(other.id, otherDirectory.id, 1);
  const otherGroup = await insertGroup(other.id, otherDirectory.id);
  await addMembers(other.id, otherDirectory.id, otherGroup.id, [otherUser.id]);
  otherTenant = {
    directoryId: otherDirectory.id,
    userId: otherUser.id,
    groupId: otherGroup.id,
    organizationId: otherOrg.id,
  };
});

describe('every answer is JSON with an X-Request-ID', () => {
  it('success', async () => {
    const response = await call(usersRoute.GET, `/directory_users?directory=${directoryId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    const again = await call(usersRoute.GET, `/directory_users?directory=${directoryId}`);
    expect(again.headers.get('x-request-id')).not.toBe(response.headers.get('x-request-id'));
  });

  it('401 for a missing, malformed, unknown or revoked key, with a JSON body', async () => {
    const revoked = await apiKeyFor(tenantId, 'to revoke');
    await revokeApiKey(getDb(), tenantId, revoked.id);
    for (const bad of [null, 'not-a-key', `sk_${'x'.repeat(43)}`, key.slice(0, -1), `${key} extra`, revoked.secret]) {
      const response = await call(directoriesRoute.GET, '/directories', { key: bad });
      expect(response.status, String(bad)).toBe(401);
      expect(response.body).toMatchObject({ code: 'unauthorized' });
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    }
  });

  it("404 for unknown, malformed and other tenants' ids, in the WorkOS shape", async () => {
    const cases: [unknown, string][] = [
      [directoryRoute.GET, 'directory_01ECAZ4NV9QMV47GW873HDCX74'],
      [directoryRoute.GET, otherTenant.directoryId],
      [directoryRoute.GET, "x'; drop table directories; --"],
      [directoryRoute.GET, '\u0000'],
      [userRoute.GET, otherTenant.userId],
      [userRoute.GET, 'directory_user_nope'],
      [groupRoute.GET, otherTenant.groupId],
      [groupRoute.GET, 'directory_group_'.padEnd(5000, 'A')],
      [organizationRoute.GET, otherTenant.organizationId],
      [directoryRoute.DELETE, otherTenant.directoryId],
    ];
    for (const [handler, id] of cases) {
      const response = await call(handler, `/x/${encodeURIComponent(id)}`, {
        params: { id },
        method: handler === directoryRoute.DELETE ? 'DELETE' : 'GET',
      });
      expect(response.status, id.slice(0, 40)).toBe(404);
      expect(response.body).toEqual({ message: expect.stringContaining('not found'), code: 'entity_not_found' });
    }
    const directory = await getDb().select().from(directories).where(eq(directories.id, otherTenant.directoryId));
    expect(directory).toHaveLength(1);
  });

  it('422 for bad parameters, naming each', async () => {
    const response = await call(usersRoute.GET, '/directory_users?limit=abc&order=up');
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'invalid_request_parameters',
      errors: [
        { field: 'limit', code: 'invalid_limit' },
        { field: 'order', code: 'invalid_order' },
      ],
    });
  });

  it('405 with Allow, and a JSON 404 for paths below an object', async () => {
    const response = await call(usersRoute.POST, '/directory_users', { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(response.body.code).toBe('method_not_allowed');
    const deeper = await call(directoryRest.GET, `/directories/${directoryId}/users`, {
      params: { id: directoryId, rest: ['users'] },
    });
    expect(deeper.status).toBe(404);
    expect(deeper.body.code).toBe('entity_not_found');
  });
});

describe('objects', () => {
  it("a directory: REST state vocabulary (linked), the organization's first domain, counts in metadata", async () => {
    const response = await call(directoryRoute.GET, `/directories/${directoryId}`, { params: { id: directoryId } });
    expect(response.body).toEqual({
      object: 'directory',
      id: directoryId,
      organization_id: organizationId,
      external_key: expect.any(String),
      type: 'cezanne hr',
      state: 'linked',
      name: 'Northwind HR',
      domain: 'northwind.test',
      metadata: { users: { active: 3, inactive: 0 }, groups: 1 },
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updated_at: expect.any(String),
    });
  });

  it('every user carries groups (empty or not), in lists and alone', async () => {
    const list = await call(usersRoute.GET, `/directory_users?directory=${directoryId}&order=asc`);
    expect(list.body.object).toBe('list');
    expect(list.body.list_metadata).toEqual({ before: null, after: null });
    expect(list.body.data.map((u: { id: string }) => u.id)).toEqual(userIds);
    expect(list.body.data.map((u: { groups: unknown[] }) => u.groups.length)).toEqual([1, 0, 0]);
    const user = await call(userRoute.GET, `/directory_users/${userIds[0]}`, { params: { id: userIds[0] } });
    expect(user.body).toMatchObject({
      object: 'directory_user',
      id: userIds[0],
      directory_id: directoryId,
      organization_id: organizationId,
      idp_id: 'P000000',
      state: 'active',
      custom_attributes: { department_name: 'Engineering' },
      raw_attributes: {},
      groups: [
        {
          object: 'directory_group',
          id: groupId,
          name: 'Engineering',
          organization_id: organizationId,
          directory_id: directoryId,
        },
      ],
    });
    expect(user.body.emails).toEqual([{ primary: true, type: 'work', value: user.body.email }]);
    // The group inside the user is the same object GET /directory_groups/:id answers.
    const group = await call(groupRoute.GET, `/directory_groups/${groupId}`, { params: { id: groupId } });
    expect(user.body.groups).toEqual([group.body]);
    expect(list.body.data[0].groups).toEqual([group.body]);
  });

  it('timestamps are ISO 8601 in UTC with milliseconds (microseconds cut, not rounded), in lists and alone', async () => {
    await getDb().execute(
      sql`update directory_users set created_at = '2026-01-15 12:00:00.123987+00', updated_at = '2026-01-16 13:14:15+02' where id = ${userIds[2]}`,
    );
    const user = await call(userRoute.GET, `/directory_users/${userIds[2]}`, { params: { id: userIds[2] } });
    expect([user.body.created_at, user.body.updated_at]).toEqual([
      '2026-01-15T12:00:00.123Z',
      '2026-01-16T11:14:15.000Z',
    ]);
    const list = await call(usersRoute.GET, `/directory_users?directory=${directoryId}&order=asc`);
    expect(list.body.data[2]).toEqual(user.body);
  });

  it('groups by directory and by user; users by group', async () => {
    const byDirectory = await call(groupsRoute.GET, `/directory_groups?directory=${directoryId}`);
    expect(byDirectory.body.data.map((g: { id: string }) => g.id)).toEqual([groupId]);
    const byUser = await call(groupsRoute.GET, `/directory_groups?user=${userIds[1]}`);
    expect(byUser.body.data).toEqual([]);
    const members = await call(usersRoute.GET, `/directory_users?group=${groupId}`);
    expect(members.body.data.map((u: { id: string }) => u.id)).toEqual([userIds[0]]);
  });
});

describe('events', () => {
  let events: { id: string; event: string }[];
  let eventsKey: string;
  let firstOrganizationId: string;

  beforeAll(async () => {
    const tenant = await createTenant();
    const organization = await insertOrganization(tenant.id);
    const directory = await insertDirectory(tenant.id, organization.id);
    const secondOrg = await insertOrganization(tenant.id);
    const secondDirectory = await insertDirectory(tenant.id, secondOrg.id);
    eventsKey = (await apiKeyFor(tenant.id)).secret;
    firstOrganizationId = organization.id;
    events = [
      ...(await insertEvents(tenant.id, { organizationId: organization.id, directoryId: directory.id }, [
        { event: 'dsync.activated', createdAt: new Date('2026-01-01T00:00:00Z') },
        { event: 'dsync.user.created', createdAt: new Date('2026-01-02T00:00:00Z') },
        { event: 'dsync.user.updated', createdAt: new Date('2026-01-03T00:00:00Z') },
      ])),
      ...(await insertEvents(tenant.id, { organizationId: secondOrg.id, directoryId: secondDirectory.id }, [
        { event: 'dsync.user.created', createdAt: new Date('2026-01-04T00:00:00Z') },
        { event: 'dsync.group.created', createdAt: new Date('2026-01-05T00:00:00Z') },
      ])),
    ];
  });

  const ids = async (query: string) => {
    const response = await call(eventsRoute.GET, `/events${query}`, { key: eventsKey });
    expect(response.status, response.text).toBe(200);
    return response.body.data.map((e: { id: string }) => events.findIndex((x) => x.id === e.id));
  };

  it('oldest first, with after paging and list_metadata.after', async () => {
    expect(await ids('')).toEqual([0, 1, 2, 3, 4]);
    const first = await call(eventsRoute.GET, '/events?limit=2', { key: eventsKey });
    expect(first.body.list_metadata).toEqual({ after: events[1].id });
    expect(first.body.data[0]).toEqual({
      object: 'event',
      id: events[0].id,
      event: 'dsync.activated',
      data: expect.any(Object),
      created_at: '2026-01-01T00:00:00.000Z',
      context: {},
    });
    expect(await ids(`?after=${events[1].id}&limit=2`)).toEqual([2, 3]);
    expect(
      (await call(eventsRoute.GET, `/events?after=${events[3].id}`, { key: eventsKey })).body.list_metadata,
    ).toEqual({ after: null });
    // `order` is accepted and ignored, as WorkOS does.
    expect(await ids('?order=desc')).toEqual([0, 1, 2, 3, 4]);
  });

  it('the events filter in all three spellings', async () => {
    expect(await ids('?events=dsync.user.created%2Cdsync.group.created')).toEqual([1, 3, 4]);
    expect(await ids('?events=dsync.user.created&events=dsync.group.created')).toEqual([1, 3, 4]);
    expect(await ids('?events[]=dsync.user.created&events[]=dsync.group.created')).toEqual([1, 3, 4]);
    expect(await ids('?events=dsync.deleted')).toEqual([]);
  });

  it('organization and time range filters', async () => {
    expect(await ids(`?organization_id=${firstOrganizationId}`)).toEqual([0, 1, 2]);
    expect(await ids('?range_start=2026-01-02T00:00:00Z&range_end=2026-01-04T00:00:00.000Z')).toEqual([1, 2, 3]);
  });

  it('an after cursor that is not an event of this tenant is a 422', async () => {
    const [otherEvent] = await insertEvents(tenantId, { organizationId, directoryId }, [
      { event: 'dsync.user.created' },
    ]);
    const otherEventId = otherEvent.id;
    const response = await call(eventsRoute.GET, `/events?after=${otherEventId}`, { key: eventsKey });
    expect(response.status).toBe(422);
    expect(response.body.errors[0].field).toBe('after');
  });
});

describe('writes', () => {
  it('POST /organizations: both domain spellings, 201 with the organization', async () => {
    const response = await call(organizationsRoute.POST, '/organizations', {
      method: 'POST',
      body: JSON.stringify({
        name: 'Contoso',
        domain_data: [{ domain: 'contoso.test', state: 'verified' }],
        domains: ['Contoso.example'],
      }),
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      object: 'organization',
      name: 'Contoso',
      domains: [
        { object: 'organization_domain', domain: 'contoso.example', state: 'verified' },
        { object: 'organization_domain', domain: 'contoso.test', state: 'verified' },
      ],
    });
    const read = await call(organizationRoute.GET, `/organizations/${response.body.id}`, {
      params: { id: response.body.id },
    });
    expect(read.body).toEqual(response.body);
  });

  it('POST /organizations: bad bodies are 400/413/422/409, nothing written', async () => {
    const post = (body: string) => call(organizationsRoute.POST, '/organizations', { method: 'POST', body });
    expect((await post('{"name":')).status).toBe(400);
    expect((await post('[1]')).status).toBe(400);
    expect((await post(JSON.stringify({ name: 'x'.repeat(70_000) }))).status).toBe(413);
    const missingName = await post('{}');
    expect(missingName.status).toBe(422);
    expect(missingName.body.errors[0].field).toBe('name');
    const badDomain = await post(JSON.stringify({ name: 'A', domains: ['not a domain'] }));
    expect(badDomain.status).toBe(422);
    const taken = await post(JSON.stringify({ name: 'Again', domains: ['northwind.test'] }));
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('conflict');
    const list = await call(organizationsRoute.GET, '/organizations?limit=100');
    expect(list.body.data.map((o: { name: string }) => o.name)).not.toContain('Again');
  });

  it('DELETE /directories/:id: 202, only dsync.deleted (event state vocabulary), users and groups gone', async () => {
    const directory = await insertDirectory(tenantId, organizationId, { name: 'To delete' });
    const users = await insertUsers(tenantId, directory.id, 5);
    const group = await insertGroup(tenantId, directory.id);
    await addMembers(
      tenantId,
      directory.id,
      group.id,
      users.map((u) => u.id),
    );
    const eventsBefore = await getDb().select().from(directoryEvents).where(eq(directoryEvents.tenantId, tenantId));

    const response = await call(directoryRoute.DELETE, `/directories/${directory.id}`, {
      method: 'DELETE',
      params: { id: directory.id },
    });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({});
    expect(response.headers.get('content-type')).toContain('application/json');

    const db = getDb();
    expect(await db.select().from(directories).where(eq(directories.id, directory.id))).toEqual([]);
    expect(await db.select().from(directoryUsers).where(eq(directoryUsers.directoryId, directory.id))).toEqual([]);
    expect(await db.select().from(directoryGroups).where(eq(directoryGroups.directoryId, directory.id))).toEqual([]);
    const eventsAfter = await db.select().from(directoryEvents).where(eq(directoryEvents.tenantId, tenantId));
    const emitted = eventsAfter.filter((e) => !eventsBefore.some((b) => b.id === e.id));
    expect(emitted.map((e) => e.event)).toEqual(['dsync.deleted']);
    expect(emitted[0].data).toMatchObject({
      object: 'directory',
      id: directory.id,
      state: 'active',
      name: 'To delete',
    });
    expect(emitted[0].data).not.toHaveProperty('domain');
    expect(emitted[0].data).not.toHaveProperty('external_key');

    const again = await call(directoryRoute.DELETE, `/directories/${directory.id}`, {
      method: 'DELETE',
      params: { id: directory.id },
    });
    expect(again.status).toBe(404);
    const kept = await db
      .select()
      .from(directoryUsers)
      .where(and(eq(directoryUsers.tenantId, tenantId), eq(directoryUsers.directoryId, directoryId)));
    expect(kept).toHaveLength(3);
  });
});

describe('tenant isolation', () => {
  it("another tenant's key lists none of this tenant's data", async () => {
    for (const [handler, path] of [
      [organizationsRoute.GET, '/organizations?limit=100'],
      [directoriesRoute.GET, '/directories?limit=100'],
      [usersRoute.GET, '/directory_users?limit=100'],
      [usersRoute.GET, `/directory_users?directory=${directoryId}`],
      [usersRoute.GET, `/directory_users?group=${groupId}`],
      [groupsRoute.GET, `/directory_groups?directory=${directoryId}`],
      [groupsRoute.GET, `/directory_groups?user=${userIds[0]}`],
      [eventsRoute.GET, '/events?limit=100'],
    ] as const) {
      const response = await call(handler, path, { key: otherKey });
      expect(response.status, path).toBe(200);
      for (const id of [organizationId, directoryId, groupId, ...userIds])
        expect(response.text, path).not.toContain(id);
    }
  });
});
