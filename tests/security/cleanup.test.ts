// The security tables stay bounded: the hourly security.cleanup job deletes SCIM request log entries by age (also for
// a tenant that has gone quiet, whose log is never pruned by count), old rejected requests and expired counters.
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { scimRejectedRequests, scimRequestLog } from '@/db/schema';
import { JOBS } from '@/lib/jobs/registry';
import { securityCleanupJob } from '@/lib/security/jobs/cleanup';
import { jobHandler } from '@/lib/jobs/worker';
import { scimLogMaxAgeDays } from '@/lib/scim/request-log';
import { createScimTenant } from '@/tests/support/scim-factories';

describe('security cleanup', () => {
  it('is an hourly job that also runs on start', () => {
    expect(JOBS).toContain(securityCleanupJob);
    expect(securityCleanupJob.cron).toBe('17 * * * *');
    expect(securityCleanupJob.runOnStart).toBe(true);
  });

  it('deletes SCIM log entries older than ROSTER_SCIM_LOG_MAX_AGE_DAYS and rejected requests older than a week', async () => {
    expect(scimLogMaxAgeDays({})).toBe(30);
    expect(scimLogMaxAgeDays({ ROSTER_SCIM_LOG_MAX_AGE_DAYS: '7' })).toBe(7);
    const { tenantId } = await createScimTenant();
    const entry = (ageDays: number, path: string) => ({
      tenantId,
      createdAt: sql`now() - make_interval(days => ${ageDays})`,
      method: 'GET',
      path,
      status: 200,
      durationMs: 1,
    });
    await getDb()
      .insert(scimRequestLog)
      .values([entry(45, '/old'), entry(29, '/recent'), entry(0, '/today')] as never);
    await getDb()
      .insert(scimRejectedRequests)
      .values([
        { tenantId, createdAt: sql`now() - interval '8 days'`, method: 'GET', path: '/old', status: 401, reason: 'x' },
        {
          tenantId,
          createdAt: sql`now() - interval '1 day'`,
          method: 'GET',
          path: '/recent',
          status: 401,
          reason: 'x',
        },
      ] as never);
    const deleted = (await jobHandler(securityCleanupJob)([
      { id: 'test', name: securityCleanupJob.name, data: {}, retryCount: 0 },
    ])) as { scimRequests: number };
    expect(deleted.scimRequests).toBeGreaterThanOrEqual(1);
    const paths = async (table: typeof scimRequestLog | typeof scimRejectedRequests) =>
      (await getDb().select({ path: table.path }).from(table).where(eq(table.tenantId, tenantId)))
        .map((r) => r.path)
        .sort();
    expect(await paths(scimRequestLog)).toEqual(['/recent', '/today']);
    expect(await paths(scimRejectedRequests)).toEqual(['/recent']);
  });
});
