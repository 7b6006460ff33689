import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { directoryEvents, directoryUsers } from '@/db/schema';
import type { JobSender, SyncDeps, SyncJobData } from '@/lib/directory-sync/context';
import { SYNC_JOB } from '@/lib/directory-sync/context';
import { createDirectory } from '@/lib/directory-sync/directories';
import { createOrganization } from '@/lib/directory-sync/organizations';
import { handleSyncJob } from '@/lib/directory-sync/engine';

export type SentJob = { name: string; data: SyncJobData; options?: { singletonKey?: string } };

/** A job sender that records what it was asked to send (the tests then run the job themselves). */
export function recordingSender(): JobSender & { sent: SentJob[]; lastSync(directoryId?: string): SyncJobData } {
  const sent: SentJob[] = [];
  return {
    sent,
    async send(name, data, options) {
      sent.push({ name, data: data as SyncJobData, options });
      return `job-${sent.length}`;
    },
    // The scheduler tick serves every tenant of the shared test database: pick this test's directory.
    lastSync(directoryId?: string) {
      const job = sent
        .filter((s) => s.name === SYNC_JOB && (!directoryId || s.data.directoryId === directoryId))
        .at(-1);
      if (!job) throw new Error('no sync job was sent');
      return job.data;
    },
  };
}

/** Deps for tests: loopback allowed (the servers run on 127.0.0.1), short timeouts and retry delays. */
export function testDeps<S extends JobSender>(sender: S, overrides: Partial<SyncDeps> = {}): SyncDeps & { sender: S } {
  return {
    db: getDb(),
    policy: { allowPrivate: true, trustedOrigins: [] },
    providerOptions: { timeoutMs: 1500, baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 },
    ...overrides,
    sender,
  };
}

export async function newDirectory(tenantId: string, baseUrl: string) {
  const organization = await createOrganization(getDb(), tenantId, {
    name: 'Acme',
    domains: [`acme-${tenantId.slice(0, 8)}.test`],
  });
  const directory = await createDirectory(getDb(), tenantId, {
    organizationId: organization.id,
    name: 'Acme HR',
    baseUrl,
  });
  return { organization, directory };
}

export async function runLastJob(
  deps: SyncDeps & { sender: ReturnType<typeof recordingSender> },
  directoryId?: string,
) {
  return handleSyncJob(deps, deps.sender.lastSync(directoryId));
}

export async function eventsOf(tenantId: string, directoryId: string, afterSeq = 0) {
  return getDb()
    .select()
    .from(directoryEvents)
    .where(
      and(
        eq(directoryEvents.tenantId, tenantId),
        eq(directoryEvents.directoryId, directoryId),
        gt(directoryEvents.seq, afterSeq),
      ),
    )
    .orderBy(asc(directoryEvents.seq));
}

export async function lastSeq(tenantId: string, directoryId: string) {
  return (await eventsOf(tenantId, directoryId)).at(-1)?.seq ?? 0;
}

export async function liveUsers(tenantId: string, directoryId: string) {
  return getDb()
    .select()
    .from(directoryUsers)
    .where(
      and(
        eq(directoryUsers.tenantId, tenantId),
        eq(directoryUsers.directoryId, directoryId),
        isNull(directoryUsers.deletedAt),
      ),
    )
    .orderBy(asc(directoryUsers.idpId));
}
