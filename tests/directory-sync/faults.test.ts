import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, desc } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { directories, directorySyncRuns, directoryStagedUsers } from '@/db/schema';
import { requestSyncNow, updateDirectoryCredentials } from '@/lib/directory-sync/directories';
import { handleSyncJob, SyncRunFailedError } from '@/lib/directory-sync/engine';
import { approveHeldRun, discardHeldRun } from '@/lib/directory-sync/runs';
import { runSchedulerTick } from '@/lib/directory-sync/scheduler';
import { clearTokenCache } from '@/lib/directory-sync/providers/cezanne-hr';
import { createTenant } from '@/tests/support/factories';
import { FakeHrServer, fakePeople } from '@/tests/support/fake-hr-server';
import {
  eventsOf,
  lastSeq,
  liveUsers,
  newDirectory,
  recordingSender,
  runLastJob,
  testDeps,
} from '@/tests/support/dsync';

describe('Directory Sync faults (fault-injecting fake HR API over HTTP)', () => {
  let hr: FakeHrServer;
  beforeAll(async () => {
    hr = await new FakeHrServer().start();
  });
  afterAll(async () => {
    await hr?.stop();
  });
  beforeEach(() => {
    hr.setFault({ kind: 'none' });
    hr.people = fakePeople(50);
    hr.departments = [
      { DepartmentCode: 'ENG', DepartmentName: 'Engineering' },
      { DepartmentCode: 'OPS', DepartmentName: 'Operations' },
    ];
    hr.pageSize = 5; // 50 people = 10 pages
    clearTokenCache();
  });

  /** A linked directory after a good initial sync of the 50 people. */
  async function syncedDirectory() {
    const tenant = await createTenant();
    const sender = recordingSender();
    const deps = testDeps(sender);
    const { directory } = await newDirectory(tenant.id, hr.url);
    expect(
      (
        await updateDirectoryCredentials(deps, tenant.id, directory.id, {
          clientId: hr.clientId,
          clientSecret: hr.clientSecret,
        })
      ).state,
    ).toBe('linked');
    expect(await runLastJob(deps)).toMatchObject({ outcome: 'succeeded', counts: { usersCreated: 50 } });
    return {
      tenant,
      sender,
      deps,
      directory,
      seq: await lastSeq(tenant.id, directory.id),
      users: await liveUsers(tenant.id, directory.id),
    };
  }

  async function latestRun(tenantId: string, directoryId: string) {
    const [run] = await getDb()
      .select()
      .from(directorySyncRuns)
      .where(and(eq(directorySyncRuns.tenantId, tenantId), eq(directorySyncRuns.directoryId, directoryId)))
      .orderBy(desc(directorySyncRuns.queuedAt))
      .limit(1);
    return run;
  }

  async function directoryRow(id: string) {
    const [row] = await getDb().select().from(directories).where(eq(directories.id, id));
    return row;
  }

  /** The fault makes the run fail with `message`; nothing is deleted or evented, and a retry after it heals succeeds. */
  async function expectFailedThenRetried(fault: Parameters<FakeHrServer['setFault']>[0], message: RegExp) {
    const { tenant, sender, deps, directory, seq, users } = await syncedDirectory();
    hr.setFault(fault);
    await requestSyncNow(deps, tenant.id, directory.id);
    const job = sender.lastSync();
    await expect(handleSyncJob(deps, job)).rejects.toBeInstanceOf(SyncRunFailedError);

    const failed = await latestRun(tenant.id, directory.id);
    expect(failed).toMatchObject({ status: 'failed', errorKind: 'provider', usersDeleted: 0, usersCreated: 0 });
    expect(failed.error).toMatch(message);
    expect(await liveUsers(tenant.id, directory.id)).toEqual(users);
    expect(await eventsOf(tenant.id, directory.id, seq)).toEqual([]);
    expect(await getDb().select().from(directoryStagedUsers).where(eq(directoryStagedUsers.runId, failed.id))).toEqual(
      [],
    );
    const row = await directoryRow(directory.id);
    expect(row.state).toBe('linked');
    expect(row.lastError).toMatch(message);

    // pg-boss retries the same job later (with backoff): a new attempt record, and this time it works.
    hr.setFault({ kind: 'none' });
    hr.people = hr.people.slice(0, 49); // one person really left meanwhile
    expect(await handleSyncJob(deps, job)).toMatchObject({ outcome: 'succeeded', counts: { usersDeleted: 1 } });
    const retry = await latestRun(tenant.id, directory.id);
    expect(retry).toMatchObject({ status: 'succeeded', trigger: 'retry', retryOf: failed.id });
    expect((await directoryRow(directory.id)).lastError).toBeNull();
    expect((await eventsOf(tenant.id, directory.id, seq)).map((e) => e.event)).toEqual(['dsync.user.deleted']);
  }

  it('the total is asked for on page 1 only, though the links keep $count=true (no count per page)', async () => {
    hr.pageQueries = [];
    await syncedDirectory();
    // The credential check reads one person; then the sync's 10 pages of 5.
    const people = hr.pageQueries.filter((query) => query.startsWith('People'));
    expect(people.slice(1)).toHaveLength(10);
    const [first, ...rest] = people.slice(1);
    expect(first).toContain('$count=true');
    expect(rest.filter((query) => query.includes('count'))).toEqual([]);
    expect(rest.every((query) => query.includes('$skiptoken='))).toBe(true);
  });

  it('HTTP 500 on every request: the run fails after its retries, nothing is deleted, the retry succeeds', async () => {
    await expectFailedThenRetried({ kind: 'status', status: 500 }, /HTTP 500 \(injected 500\) after 3 attempts/);
  });

  it('a page that never answers: timeout, the run fails, nothing is deleted', async () => {
    await expectFailedThenRetried({ kind: 'hang', page: 3 }, /People page 3: .*no complete answer within 1\.5 s/);
  });

  it('garbage JSON: the run fails with a readable message, nothing is deleted', async () => {
    await expectFailedThenRetried({ kind: 'garbage', page: 2 }, /People page 2: the answer is not valid JSON/);
  });

  it('a failure on page 7 of 10: nothing from pages 1–6 is applied, nobody is deleted', async () => {
    await expectFailedThenRetried({ kind: 'status', status: 503, page: 7 }, /People page 7: HTTP 503/);
  });

  it('a 500 that heals within the request retries: the run succeeds without failing', async () => {
    const { tenant, deps, directory } = await syncedDirectory();
    hr.setFault({ kind: 'status', status: 502, times: 2 });
    await requestSyncNow(deps, tenant.id, directory.id);
    expect(await runLastJob(deps)).toMatchObject({ outcome: 'succeeded' });
  });

  it('429 with Retry-After: the connector waits as told, then the run succeeds', async () => {
    const { tenant, deps, directory } = await syncedDirectory();
    hr.setFault({ kind: 'status', status: 429, times: 1, retryAfter: '1', page: 4 });
    await requestSyncNow(deps, tenant.id, directory.id);
    const started = Date.now();
    expect(await runLastJob(deps)).toMatchObject({ outcome: 'succeeded', counts: { eventsEmitted: 0 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('an access token refused mid-run is fetched again once, and the run succeeds', async () => {
    const { tenant, deps, directory } = await syncedDirectory();
    const tokens = hr.tokensIssued;
    hr.setFault({ kind: 'token-expired-once' });
    await requestSyncNow(deps, tenant.id, directory.id);
    expect(await runLastJob(deps)).toMatchObject({ outcome: 'succeeded' });
    expect(hr.tokensIssued).toBe(tokens + 1);
  });

  it('revoked credentials: invalid_credentials with the reason, nothing changed, no more polling until updated', async () => {
    const { tenant, sender, deps, directory, seq, users } = await syncedDirectory();
    hr.setFault({ kind: 'revoked' });
    clearTokenCache();
    await requestSyncNow(deps, tenant.id, directory.id);
    expect(await runLastJob(deps)).toMatchObject({ outcome: 'invalid_credentials' }); // no throw: pg-boss must not retry

    const row = await directoryRow(directory.id);
    expect(row.state).toBe('invalid_credentials');
    expect(row.lastError).toMatch(/refused the Client ID and Client Secret: Client authentication failed/);
    expect(await latestRun(tenant.id, directory.id)).toMatchObject({
      status: 'failed',
      errorKind: 'invalid_credentials',
    });
    expect(await liveUsers(tenant.id, directory.id)).toEqual(users);
    expect(await eventsOf(tenant.id, directory.id, seq)).toEqual([]);

    // No polling: even long past its slot the tick queues nothing, and Sync now is refused.
    const sentBefore = sender.sent.length;
    const tick = await runSchedulerTick(
      { ...deps, clock: () => new Date(Date.now() + 5 * 60 * 60 * 1000) },
      { tenantIds: [tenant.id] },
    );
    expect(tick.queued).not.toContain(directory.id);
    expect(sender.sent.slice(sentBefore).filter((s) => s.data.directoryId === directory.id)).toEqual([]);
    await expect(requestSyncNow(deps, tenant.id, directory.id)).rejects.toThrow(/valid credentials/);

    // New credentials: validating → linked, and a run is queued.
    hr.setFault({ kind: 'none' });
    hr.clientSecret = 'rotated-secret';
    const wrong = await updateDirectoryCredentials(deps, tenant.id, directory.id, {
      clientId: hr.clientId,
      clientSecret: 'fake-secret',
    });
    expect(wrong.state).toBe('invalid_credentials');
    const relinked = await updateDirectoryCredentials(deps, tenant.id, directory.id, {
      clientId: hr.clientId,
      clientSecret: 'rotated-secret',
    });
    expect(relinked).toMatchObject({ state: 'linked', runId: expect.any(String) });
    expect(await runLastJob(deps)).toMatchObject({ outcome: 'succeeded', counts: { eventsEmitted: 0 } });
    hr.clientSecret = 'fake-secret';
    // dsync.activated is the first link's only.
    expect((await eventsOf(tenant.id, directory.id, seq)).map((e) => e.event)).toEqual([]);
  });

  it('the brake holds a mass deletion for approval; approving applies exactly the held deletions', async () => {
    const { tenant, deps, directory, seq, users } = await syncedDirectory();
    hr.people = hr.people.slice(0, 30); // 20 of 50 gone: 40% > 30%, and > 10
    await requestSyncNow(deps, tenant.id, directory.id);
    expect(await runLastJob(deps)).toMatchObject({ outcome: 'held' });
    const held = await latestRun(tenant.id, directory.id);
    expect(held).toMatchObject({ status: 'held', usersDeleted: 20 });
    expect(held.heldReason).toMatch(/would delete 20 of 50 users \(40%/);
    expect(await liveUsers(tenant.id, directory.id)).toEqual(users);
    expect(await eventsOf(tenant.id, directory.id, seq)).toEqual([]);

    // While it waits, the schedule queues nothing for this directory.
    const tick = await runSchedulerTick(
      { ...deps, clock: () => new Date(Date.now() + 60 * 60 * 1000) },
      { tenantIds: [tenant.id] },
    );
    expect(tick.queued).not.toContain(directory.id);

    await approveHeldRun(deps, tenant.id, held.id, 'it-admin@corp.test');
    expect(await runLastJob(deps)).toMatchObject({ outcome: 'succeeded', counts: { usersDeleted: 20 } });
    expect(await liveUsers(tenant.id, directory.id)).toHaveLength(30);
    expect((await eventsOf(tenant.id, directory.id, seq)).filter((e) => e.event === 'dsync.user.deleted')).toHaveLength(
      20,
    );
    expect(await latestRun(tenant.id, directory.id)).toMatchObject({
      id: held.id,
      status: 'succeeded',
      decidedBy: 'it-admin@corp.test',
    });
  });

  it('a held run can be discarded: nothing applied, snapshot dropped; a deletion of 10 or fewer is not braked', async () => {
    const { tenant, deps, directory, users } = await syncedDirectory();
    hr.people = hr.people.slice(0, 20);
    await requestSyncNow(deps, tenant.id, directory.id);
    expect((await runLastJob(deps)).outcome).toBe('held');
    const held = await latestRun(tenant.id, directory.id);
    await discardHeldRun(deps, tenant.id, held.id, 'it-admin@corp.test');
    expect(await latestRun(tenant.id, directory.id)).toMatchObject({ status: 'discarded' });
    expect(await getDb().select().from(directoryStagedUsers).where(eq(directoryStagedUsers.runId, held.id))).toEqual(
      [],
    );
    expect(await liveUsers(tenant.id, directory.id)).toEqual(users);

    hr.people = fakePeople(50).slice(0, 40); // 10 gone: 20%, not braked
    await requestSyncNow(deps, tenant.id, directory.id);
    expect(await runLastJob(deps)).toMatchObject({ outcome: 'succeeded', counts: { usersDeleted: 10 } });
  });
});
