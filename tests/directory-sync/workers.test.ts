import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { directories, directoryEvents, directoryStagedUsers, directorySyncRuns } from '@/db/schema';
import { requestSyncNow, updateDirectoryCredentials } from '@/lib/directory-sync/directories';
import { handleSyncJob } from '@/lib/directory-sync/engine';
import { runSchedulerTick } from '@/lib/directory-sync/scheduler';
import { SYNC_JOB } from '@/lib/directory-sync/context';
import { directorySyncJob } from '@/lib/directory-sync/jobs';
import { startWorkers, type Workers } from '@/lib/jobs/worker';
import type { JobDefinition } from '@/lib/jobs/define';
import { createTenant } from '@/tests/support/factories';
import { FakeHrServer, fakePeople } from '@/tests/support/fake-hr-server';
import { liveUsers, newDirectory, recordingSender, runLastJob, testDeps } from '@/tests/support/dsync';

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const runsOf = (tenantId: string, directoryId: string) =>
  getDb()
    .select()
    .from(directorySyncRuns)
    .where(and(eq(directorySyncRuns.tenantId, tenantId), eq(directorySyncRuns.directoryId, directoryId)));

describe('workers', () => {
  let hr: FakeHrServer;
  beforeAll(async () => {
    hr = await new FakeHrServer().start();
    hr.people = fakePeople(40);
    hr.departments = [
      { DepartmentCode: 'ENG', DepartmentName: 'Engineering' },
      { DepartmentCode: 'OPS', DepartmentName: 'Operations' },
    ];
    hr.pageSize = 5;
  });
  afterAll(async () => {
    await hr?.stop();
  });

  it('two pg-boss workers on one database never run one directory twice at once, and run each run once', async () => {
    const previous = process.env.ROSTER_EGRESS_ALLOW_PRIVATE;
    process.env.ROSTER_EGRESS_ALLOW_PRIVATE = '1'; // the fake HR API listens on 127.0.0.1
    hr.pageDelayMs = 60;
    const connectionString = process.env.DATABASE_URL as string;
    const jobs = [directorySyncJob] as JobDefinition<unknown>[];
    const workers: Workers[] = [];
    try {
      workers.push(await startWorkers(jobs, { connectionString, pollingIntervalSeconds: 0.5 }));
      workers.push(await startWorkers(jobs, { connectionString, pollingIntervalSeconds: 0.5 }));
      const [a, b] = workers.map((w) => w.boss);
      const tenant = await createTenant();
      const { directory } = await newDirectory(tenant.id, hr.url);
      const linked = await updateDirectoryCredentials({ db: getDb(), sender: a }, tenant.id, directory.id, {
        clientId: hr.clientId,
        clientSecret: hr.clientSecret,
      });
      expect(linked.state).toBe('linked');

      const settled = () =>
        waitFor(async () => {
          const all = await runsOf(tenant.id, directory.id);
          return all.every((r) => ['succeeded', 'failed'].includes(r.status)) ? all : null;
        }, 60_000);
      await settled(); // the initial run
      // Rounds of Sync now from both processes at once, plus duplicate jobs sent around the per-directory singleton.
      for (let round = 0; round < 3; round += 1) {
        const runs = await Promise.all(
          [a, b, a, b].map((sender) => requestSyncNow({ db: getDb(), sender }, tenant.id, directory.id)),
        );
        expect(new Set(runs.map((r) => r.id)).size).toBe(1);
        for (const sender of [a, b, b])
          await sender.send(SYNC_JOB, { tenantId: tenant.id, directoryId: directory.id, runId: runs[0].id });
        await settled();
      }
      const done = await settled();
      expect(done).toHaveLength(4); // the initial run + one per round
      expect(done.every((r) => r.status === 'succeeded')).toBe(true);
      expect(done.every((r) => r.executions === 1)).toBe(true);
      const intervals = done.map((r) => [r.startedAt!.getTime(), r.finishedAt!.getTime()]).sort((x, y) => x[0] - y[0]);
      for (let i = 1; i < intervals.length; i += 1) expect(intervals[i][0]).toBeGreaterThanOrEqual(intervals[i - 1][1]);
      expect(await liveUsers(tenant.id, directory.id)).toHaveLength(40);
      const created = await getDb()
        .select()
        .from(directoryEvents)
        .where(and(eq(directoryEvents.directoryId, directory.id), eq(directoryEvents.event, 'dsync.user.created')));
      expect(created).toHaveLength(40);
    } finally {
      hr.pageDelayMs = 0;
      for (const worker of workers) await worker.stop({ timeoutSeconds: 1 }).catch(() => {});
      if (previous === undefined) delete process.env.ROSTER_EGRESS_ALLOW_PRIVATE;
      else process.env.ROSTER_EGRESS_ALLOW_PRIVATE = previous;
    }
  }, 90_000);

  it('a worker killed mid-run leaves nothing half-applied, and the run is picked up again', async () => {
    const tenant = await createTenant();
    const sender = recordingSender();
    const deps = testDeps(sender);
    const { directory } = await newDirectory(tenant.id, hr.url);
    await updateDirectoryCredentials(deps, tenant.id, directory.id, {
      clientId: hr.clientId,
      clientSecret: hr.clientSecret,
    });
    expect((await runLastJob(deps, directory.id)).outcome).toBe('succeeded');
    hr.people = fakePeople(40).map((p) => ({ ...p, JobTitle: 'Manager' })); // every user changes
    const before = await liveUsers(tenant.id, directory.id);
    const run = await requestSyncNow(deps, tenant.id, directory.id);

    hr.pageDelayMs = 400;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/support/sync-child.ts', JSON.stringify(sender.lastSync(directory.id))],
      {
        env: { ...process.env, ROSTER_EGRESS_ALLOW_PRIVATE: '1' },
        stdio: 'ignore',
      },
    );
    try {
      await waitFor(async () => {
        const [row] = await getDb().select().from(directorySyncRuns).where(eq(directorySyncRuns.id, run.id));
        return row.pagesFetched >= 3;
      });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    } finally {
      hr.pageDelayMs = 0;
      if (child.exitCode === null) child.kill('SIGKILL');
    }

    const [killed] = await getDb().select().from(directorySyncRuns).where(eq(directorySyncRuns.id, run.id));
    expect(killed.status).toBe('running');
    expect(await liveUsers(tenant.id, directory.id)).toEqual(before);
    expect(
      (await getDb().select().from(directoryStagedUsers).where(eq(directoryStagedUsers.runId, run.id))).length,
    ).toBeGreaterThan(0);
    // While the dead worker's lease lasts, nobody else starts the directory.
    expect((await handleSyncJob(deps, { tenantId: tenant.id, directoryId: directory.id, runId: run.id })).outcome).toBe(
      'busy',
    );

    // The lease runs out (as it would 60 s after the kill); the tick sends the run's job again.
    await getDb()
      .update(directories)
      .set({ syncLeaseUntil: new Date(Date.now() - 1000) })
      .where(eq(directories.id, directory.id));
    const tick = await runSchedulerTick(deps, { tenantIds: [tenant.id] });
    expect(tick.resent).toBeGreaterThan(0);
    expect(await runLastJob(deps, directory.id)).toMatchObject({
      outcome: 'succeeded',
      runId: run.id,
      counts: { usersUpdated: 40 },
    });
    const [resumed] = await getDb().select().from(directorySyncRuns).where(eq(directorySyncRuns.id, run.id));
    expect(resumed).toMatchObject({ status: 'succeeded', executions: 2, pagesFetched: 8 });
    expect(await getDb().select().from(directoryStagedUsers).where(eq(directoryStagedUsers.runId, run.id))).toEqual([]);
    expect((await liveUsers(tenant.id, directory.id)).every((u) => u.jobTitle === 'Manager')).toBe(true);
  }, 60_000);
});
