/**
 * The database guard that keeps two runs of one directory apart, across processes: a lease on the directory row
 * (a random token and an expiry on the database clock), renewed while a run works and checked again, under a row
 * lock, by the transaction that applies the run. A killed worker's lease simply expires.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';

export const LEASE_TTL_SECONDS = 60;
export const LEASE_RENEW_MS = 15_000;

export type Lease = { token: string; lost: boolean; stop(): void };

export async function acquireLease(
  db: Executor,
  tenantId: string,
  directoryId: string,
  ttlSeconds = LEASE_TTL_SECONDS,
): Promise<string | null> {
  const token = randomUUID();
  const result = await db.execute(sql`
    update directories set sync_lease_token = ${token}, sync_lease_until = now() + make_interval(secs => ${ttlSeconds})
    where tenant_id = ${tenantId} and id = ${directoryId} and state <> 'deleting'
      and (sync_lease_until is null or sync_lease_until < now())`);
  return result.rowCount ? token : null;
}

export async function renewLease(
  db: Executor,
  tenantId: string,
  directoryId: string,
  token: string,
  ttlSeconds = LEASE_TTL_SECONDS,
): Promise<boolean> {
  const result = await db.execute(sql`
    update directories set sync_lease_until = now() + make_interval(secs => ${ttlSeconds})
    where tenant_id = ${tenantId} and id = ${directoryId} and sync_lease_token = ${token}`);
  return Boolean(result.rowCount);
}

export async function releaseLease(db: Executor, tenantId: string, directoryId: string, token: string): Promise<void> {
  await db.execute(sql`
    update directories set sync_lease_token = null, sync_lease_until = null
    where tenant_id = ${tenantId} and id = ${directoryId} and sync_lease_token = ${token}`);
}

/** Inside a transaction: locks the directory row and says whether `token` still holds its lease. */
export async function holdsLeaseForUpdate(
  tx: Executor,
  tenantId: string,
  directoryId: string,
  token: string,
): Promise<boolean> {
  const result = await tx.execute(sql`
    select 1 from directories
    where tenant_id = ${tenantId} and id = ${directoryId} and sync_lease_token = ${token} and state <> 'deleting'
    for update`);
  return result.rows.length > 0;
}

/** Renews the lease in the background until stopped; `lost` turns true when another holder took it over. */
export function keepLease(
  db: Executor,
  tenantId: string,
  directoryId: string,
  token: string,
  everyMs = LEASE_RENEW_MS,
): Lease {
  const lease: Lease = {
    token,
    lost: false,
    stop: () => clearInterval(timer),
  };
  // One renewal at a time: while the apply transaction holds the directory row, a renewal waits for it.
  let pending = false;
  const timer = setInterval(() => {
    if (pending) return;
    pending = true;
    renewLease(db, tenantId, directoryId, token)
      .then((held) => {
        if (!held) lease.lost = true;
      })
      .catch(() => {
        // a transient database error: the next renewal tries again, and the apply re-checks the lease
      })
      .finally(() => {
        pending = false;
      });
  }, everyMs);
  timer.unref();
  return lease;
}
