import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { directories, directorySyncRuns } from '@/db/schema';
import { deleteDirectory, updateDirectoryCredentials } from '@/lib/directory-sync/directories';
import { runSchedulerTick } from '@/lib/directory-sync/scheduler';
import { createTenant } from '@/tests/support/factories';
import { FakeHrServer, fakePeople } from '@/tests/support/fake-hr-server';
import { eventsOf, newDirectory, recordingSender, runLastJob, testDeps } from '@/tests/support/dsync';

const MIN = 60_000;

describe('scheduler tick with an injected clock', () => {
  let hr: FakeHrServer;
  beforeAll(async () => {
    hr = await new FakeHrServer().start();
    hr.people = fakePeople(4);
    hr.departments = [{ DepartmentCode: 'ENG', DepartmentName: 'Engineering' }];
  });
  afterAll(async () => {
    await hr?.stop();
  });

  async function runsOf(tenantId: string, directoryId: string) {
    return getDb()
      .select()
      .from(directorySyncRuns)
      .where(and(eq(directorySyncRuns.tenantId, tenantId), eq(directorySyncRuns.directoryId, directoryId)));
  }

  it('queues runs at anchor + k × 30 min only, skips missed slots, never queues behind an open run', async () => {
    const tenant = await createTenant();
    const anchor = new Date('2031-05-01T09:00:00.000Z');
    let now = anchor;
    const clock = () => now;
    const sender = recordingSender();
    const deps = testDeps(sender, { clock });
    const { directory } = await newDirectory(tenant.id, hr.url);
    await updateDirectoryCredentials(deps, tenant.id, directory.id, {
      clientId: hr.clientId,
      clientSecret: hr.clientSecret,
    });
    const [linked] = await getDb().select().from(directories).where(eq(directories.id, directory.id));
    expect(linked.anchorAt).toEqual(anchor);
    expect(linked.nextSyncAt).toEqual(new Date(anchor.getTime() + 30 * MIN));

    // The initial run is still queued at the first slot: that slot is skipped, not queued behind it.
    now = new Date(anchor.getTime() + 30 * MIN + 5_000);
    let tick = await runSchedulerTick(deps, { tenantIds: [tenant.id] });
    expect(tick.skippedSlots).toContain(directory.id);
    expect((await runsOf(tenant.id, directory.id)).length).toBe(1);
    expect(await runLastJob(deps, directory.id)).toMatchObject({ outcome: 'succeeded' });

    // 29 minutes later: not due.
    now = new Date(anchor.getTime() + 59 * MIN);
    tick = await runSchedulerTick(deps, { tenantIds: [tenant.id] });
    expect(tick.queued).not.toContain(directory.id);

    // At 09:60 (anchor + 60 min): due, one scheduled run, next slot 10:30.
    now = new Date(anchor.getTime() + 60 * MIN + 1_000);
    tick = await runSchedulerTick(deps, { tenantIds: [tenant.id] });
    expect(tick.queued).toContain(directory.id);
    const scheduled = (await runsOf(tenant.id, directory.id)).find((r) => r.trigger === 'scheduled')!;
    expect(scheduled.scheduledFor).toEqual(new Date(anchor.getTime() + 60 * MIN));
    expect(sender.lastSync(directory.id)).toEqual({
      tenantId: tenant.id,
      directoryId: directory.id,
      runId: scheduled.id,
    });
    // A second tick (another process) at the same moment queues nothing more.
    expect((await runSchedulerTick(deps, { tenantIds: [tenant.id] })).queued).not.toContain(directory.id);
    expect(await runLastJob(deps, directory.id)).toMatchObject({ outcome: 'succeeded' });
    const [after] = await getDb().select().from(directories).where(eq(directories.id, directory.id));
    expect(after.nextSyncAt).toEqual(new Date(anchor.getTime() + 90 * MIN));

    // Workers down for 3 h 10 min: one run, and the next slot is the first after now (missed ones are skipped).
    now = new Date(anchor.getTime() + 250 * MIN);
    tick = await runSchedulerTick(deps, { tenantIds: [tenant.id] });
    expect(tick.queued).toContain(directory.id);
    expect((await runsOf(tenant.id, directory.id)).filter((r) => r.trigger === 'scheduled')).toHaveLength(2);
    const [later] = await getDb().select().from(directories).where(eq(directories.id, directory.id));
    expect(later.nextSyncAt).toEqual(new Date(anchor.getTime() + 270 * MIN));
    expect(await runLastJob(deps, directory.id)).toMatchObject({ outcome: 'succeeded', runId: expect.any(String) });
    const [lastRun] = (await runsOf(tenant.id, directory.id))
      .filter((r) => r.status === 'succeeded')
      .sort((a, b) => +b.queuedAt - +a.queuedAt);
    expect(lastRun.nextSyncAt).toEqual(new Date(anchor.getTime() + 270 * MIN));
  });

  it('deleting a directory emits only dsync.deleted and removes its users, groups and runs', async () => {
    const tenant = await createTenant();
    const sender = recordingSender();
    const deps = testDeps(sender);
    const { directory } = await newDirectory(tenant.id, hr.url);
    await updateDirectoryCredentials(deps, tenant.id, directory.id, {
      clientId: hr.clientId,
      clientSecret: hr.clientSecret,
    });
    await runLastJob(deps, directory.id);
    const seq = (await eventsOf(tenant.id, directory.id)).at(-1)!.seq;
    await deleteDirectory(deps, tenant.id, directory.id);
    const events = await eventsOf(tenant.id, directory.id, seq);
    expect(events.map((e) => e.event)).toEqual(['dsync.deleted']);
    expect(events[0].data).toMatchObject({
      object: 'directory',
      id: directory.id,
      state: 'active',
      type: 'cezanne hr',
    });
    expect(events[0].data).not.toHaveProperty('external_key');
    expect(events[0].data).not.toHaveProperty('domains');
    expect(await getDb().select().from(directories).where(eq(directories.id, directory.id))).toEqual([]);
    expect(await runsOf(tenant.id, directory.id)).toEqual([]);
  });
});
