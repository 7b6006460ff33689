import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { directories, directoryGroups, directorySyncRuns } from '@/db/schema';
import { requestSyncNow, updateDirectoryCredentials } from '@/lib/directory-sync/directories';
import { listDirectoryUsers } from '@/lib/directory-sync/queries';
import { createTenant } from '@/tests/support/factories';
import { insertEmployment, insertPerson, insertUserAccount } from '@/tests/support/hr-factories';
import { createApp, createDepartment } from '@/tests/support/hr-api';
import { startRouteServer, type RouteServer } from '@/tests/support/route-server';
import {
  eventsOf,
  lastSeq,
  liveUsers,
  newDirectory,
  recordingSender,
  runLastJob,
  testDeps,
} from '@/tests/support/dsync';

const SERVICE = '/cezanneondemand/v7/dataservice.svc';

describe('Directory Sync against this app’s own HR API, over HTTP', () => {
  let server: RouteServer;
  beforeAll(async () => {
    server = await startRouteServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function hrWrite(token: string, method: 'PATCH' | 'DELETE', path: string, body?: unknown) {
    const response = await fetch(`${server.url}${SERVICE}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
  }

  async function writeToken(clientId: string, clientSecret: string) {
    const response = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  it('links, syncs users and groups, and turns each HR change into exactly the expected events', async () => {
    const tenant = await createTenant();
    const eng = await createDepartment(tenant.id, 'ENG', 'Engineering');
    const ops = await createDepartment(tenant.id, 'OPS', 'Operations');
    const people = [];
    for (let i = 1; i <= 6; i += 1) {
      const person = await insertPerson(tenant.id, {
        personCode: `S${i}`,
        givenName: `Given${i}`,
        familyName: `Family${i}`,
        internalEmail: `s${i}@corp.test`,
        externalEmail: i === 1 ? 's1@home.test' : null,
        jobTitle: 'Engineer',
        departmentId: i <= 4 ? eng.id : ops.id,
      });
      await insertEmployment(tenant.id, person.id, {
        employmentId: `E-S${i}`,
        startDate: '2024-01-01',
        endDate: null,
        isPrimary: true,
      });
      people.push(person);
    }
    await insertUserAccount(tenant.id, people[0].id, { userName: 's1.user@corp.test' });
    const reader = await createApp(tenant.id, ['api_read']);
    const writerApp = await createApp(tenant.id, ['api_read', 'api_write']);
    const hrToken = await writeToken(writerApp.clientId, writerApp.clientSecret);

    const sender = recordingSender();
    const deps = testDeps(sender);
    const { directory, organization } = await newDirectory(tenant.id, server.url);

    // Update Directory: validated at once, linked, dsync.activated, the initial run queued.
    const linked = await updateDirectoryCredentials(deps, tenant.id, directory.id, {
      clientId: reader.clientId,
      clientSecret: reader.clientSecret,
    });
    expect(linked).toMatchObject({ state: 'linked', error: null, runId: expect.any(String) });
    expect(sender.sent.at(-1)).toMatchObject({ name: 'directory-sync.sync', options: { singletonKey: directory.id } });
    const [activated] = await eventsOf(tenant.id, directory.id);
    expect(activated.event).toBe('dsync.activated');
    expect(activated.id).toMatch(/^event_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(activated.data).toMatchObject({
      object: 'directory',
      id: directory.id,
      organization_id: organization.id,
      type: 'cezanne hr',
      state: 'active',
      external_key: directory.externalKey,
      domains: [
        { object: 'organization_domain', id: organization.domains[0].id, domain: organization.domains[0].domain },
      ],
    });

    // Initial sync.
    const initial = await runLastJob(deps);
    expect(initial).toMatchObject({
      outcome: 'succeeded',
      counts: { usersCreated: 6, groupsCreated: 2, membershipsAdded: 6, usersDeleted: 0 },
    });
    const users = await liveUsers(tenant.id, directory.id);
    expect(users.map((u) => u.idpId)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6']);
    expect(users[0]).toMatchObject({
      id: expect.stringMatching(/^directory_user_[0-9A-HJKMNP-TV-Z]{26}$/),
      email: 's1@corp.test',
      firstName: 'Given1',
      lastName: 'Family1',
      username: 's1.user@corp.test',
      jobTitle: 'Engineer',
      state: 'active',
      emails: [
        { primary: true, type: 'work', value: 's1@corp.test' },
        { primary: false, type: 'personal', value: 's1@home.test' },
      ],
      customAttributes: {
        department_name: 'Engineering',
        employee_number: 'E-S1',
        job_title: 'Engineer',
        employment_start_date: '2024-01-01',
        role: 'Employee',
      },
      rawAttributes: expect.objectContaining({ PersonCode: 'S1', DepartmentCode: 'ENG' }),
    });
    const groups = await getDb().select().from(directoryGroups).where(eq(directoryGroups.directoryId, directory.id));
    expect(groups.map((g) => [g.idpId, g.name]).sort()).toEqual([
      ['ENG', 'Engineering'],
      ['OPS', 'Operations'],
    ]);
    const page = await listDirectoryUsers(getDb(), tenant.id, directory.id, { limit: 10 });
    expect(page.items.find((u) => u.idpId === 'S5')?.groups.map((g) => g.idpId)).toEqual(['OPS']);
    let events = await eventsOf(tenant.id, directory.id, activated.seq);
    const names = events.map((e) => e.event);
    expect(names.filter((n) => n === 'dsync.user.created')).toHaveLength(6);
    expect(names.filter((n) => n === 'dsync.group.created')).toHaveLength(2);
    expect(names.filter((n) => n === 'dsync.group.user_added')).toHaveLength(6);
    expect(names).toHaveLength(14);
    // created before groups, groups before memberships
    expect(names.lastIndexOf('dsync.user.created')).toBeLessThan(names.indexOf('dsync.group.created'));
    expect(names.lastIndexOf('dsync.group.created')).toBeLessThan(names.indexOf('dsync.group.user_added'));
    const created = events.find(
      (e) => e.event === 'dsync.user.created' && (e.data as { idp_id: string }).idp_id === 'S1',
    )!;
    expect(created.data).not.toHaveProperty('groups');
    expect(created.data).toMatchObject({
      object: 'directory_user',
      directory_id: directory.id,
      organization_id: organization.id,
      state: 'active',
    });
    const added = events.find((e) => e.event === 'dsync.group.user_added')!;
    expect(added.data).toMatchObject({
      directory_id: directory.id,
      user: { object: 'directory_user' },
      group: { object: 'directory_group' },
    });
    const [directoryRow] = await getDb().select().from(directories).where(eq(directories.id, directory.id));
    expect(directoryRow.anchorAt).not.toBeNull();
    expect(directoryRow.nextSyncAt!.getTime() - directoryRow.anchorAt!.getTime()).toBe(30 * 60 * 1000);

    // A second, unchanged run emits nothing and rewrites nobody.
    const before = await liveUsers(tenant.id, directory.id);
    let seq = await lastSeq(tenant.id, directory.id);
    await requestSyncNow(deps, tenant.id, directory.id);
    expect(await runLastJob(deps)).toMatchObject({ outcome: 'succeeded', counts: { eventsEmitted: 0 } });
    expect(await eventsOf(tenant.id, directory.id, seq)).toEqual([]);
    expect((await liveUsers(tenant.id, directory.id)).map((u) => u.updatedAt)).toEqual(before.map((u) => u.updatedAt));

    const syncAndEvents = async () => {
      seq = await lastSeq(tenant.id, directory.id);
      await requestSyncNow(deps, tenant.id, directory.id);
      expect((await runLastJob(deps)).outcome).toBe('succeeded');
      events = await eventsOf(tenant.id, directory.id, seq);
      return events.map((e) => e.event);
    };

    // Editing a person: one dsync.user.updated with the previous values.
    await hrWrite(hrToken, 'PATCH', "/People('S2')", { JobTitle: 'Staff Engineer' });
    expect(await syncAndEvents()).toEqual(['dsync.user.updated']);
    expect(events[0].data).toMatchObject({
      idp_id: 'S2',
      job_title: 'Staff Engineer',
      previous_attributes: { job_title: 'Engineer', custom_attributes: { job_title: 'Engineer' } },
    });
    expect(Object.keys((events[0].data as { previous_attributes: object }).previous_attributes).sort()).toEqual([
      'custom_attributes',
      'job_title',
    ]);

    // Moving a person to another department: updated (department_name), removed from the old group, added to the new.
    await hrWrite(hrToken, 'PATCH', "/People('S3')", { DepartmentCode: 'OPS' });
    expect(await syncAndEvents()).toEqual(['dsync.user.updated', 'dsync.group.user_added', 'dsync.group.user_removed']);
    expect(events[0].data).toMatchObject({
      idp_id: 'S3',
      previous_attributes: { custom_attributes: { department_name: 'Engineering' } },
    });
    expect(events[1].data).toMatchObject({ user: { idp_id: 'S3' }, group: { idp_id: 'OPS' } });
    expect(events[2].data).toMatchObject({ user: { idp_id: 'S3' }, group: { idp_id: 'ENG' } });

    // Making a person a leaver: their state turns inactive.
    await hrWrite(hrToken, 'PATCH', "/People('S4')", {
      Employments: [{ EmploymentId: 'E-S4', StartDate: '2024-01-01', EndDate: '2025-01-31' }],
    });
    expect(await syncAndEvents()).toEqual(['dsync.user.updated']);
    expect(events[0].data).toMatchObject({ idp_id: 'S4', state: 'inactive', previous_attributes: { state: 'active' } });

    // Deleting a person: dsync.user.deleted only (WorkOS sends no user_removed for a deleted user).
    await hrWrite(hrToken, 'DELETE', "/People('S6')");
    expect(await syncAndEvents()).toEqual(['dsync.user.deleted']);
    expect(events[0].data).toMatchObject({ idp_id: 'S6', object: 'directory_user' });
    expect((await liveUsers(tenant.id, directory.id)).map((u) => u.idpId)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);

    // And once more: nothing changed, nothing emitted.
    expect(await syncAndEvents()).toEqual([]);
    const runs = await getDb()
      .select()
      .from(directorySyncRuns)
      .where(and(eq(directorySyncRuns.tenantId, tenant.id), eq(directorySyncRuns.directoryId, directory.id)));
    expect(runs.every((r) => r.status === 'succeeded' && r.pagesFetched === 1 && r.usersTotal !== null)).toBe(true);
    expect(runs.map((r) => r.trigger).sort()).toEqual([
      'initial',
      'manual',
      'manual',
      'manual',
      'manual',
      'manual',
      'manual',
    ]);
  });
});
