import { desc, eq, lt, sql } from 'drizzle-orm';
import { scimRejectedRequests } from '@/db/schema';
import type { Executor } from '@/db/client';

/**
 * SCIM requests refused before authentication (missing or wrong token, SCIM switched off) for a tenant that exists.
 * HR must see that Okta is sending a wrong token, but anyone who knows a tenant id can send such requests: they go to
 * this short list of their own (the newest SCIM_REJECTED_KEEP per tenant, at most a week old), never into the
 * tenant's request log, and each client address may add only so many (the failed-authentication limit).
 */
export const SCIM_REJECTED_KEEP = 100;
export const SCIM_REJECTED_MAX_AGE_DAYS = 7;

export type RejectedScimRequest = {
  tenantId: string;
  method: string;
  path: string;
  status: number;
  reason: string;
  clientAddress: string | null;
};

const MAX_PATH = 500;

export async function recordRejectedScimRequest(db: Executor, entry: RejectedScimRequest): Promise<void> {
  const path = entry.path.replace(/\u0000/g, '\\u0000').slice(0, MAX_PATH);
  await db.insert(scimRejectedRequests).values({ ...entry, path });
  await db.execute(sql`
    delete from scim_rejected_requests
    where tenant_id = ${entry.tenantId}
      and id <= (select id from scim_rejected_requests where tenant_id = ${entry.tenantId} order by id desc offset ${SCIM_REJECTED_KEEP} limit 1)`);
}

export async function listRejectedScimRequests(db: Executor, tenantId: string, limit = 20) {
  return db
    .select()
    .from(scimRejectedRequests)
    .where(eq(scimRejectedRequests.tenantId, tenantId))
    .orderBy(desc(scimRejectedRequests.id))
    .limit(limit);
}

/** Entries older than SCIM_REJECTED_MAX_AGE_DAYS; the security cleanup job deletes them. */
export async function deleteOldRejectedScimRequests(
  db: Executor,
  maxAgeDays = SCIM_REJECTED_MAX_AGE_DAYS,
): Promise<number> {
  const deleted = await db
    .delete(scimRejectedRequests)
    .where(lt(scimRejectedRequests.createdAt, sql`now() - make_interval(days => ${maxAgeDays})`))
    .returning({ id: scimRejectedRequests.id });
  return deleted.length;
}
