import type { Database } from '@/db/client';
import { SYSTEM_ACTOR, writeAudit } from '@/lib/audit';
import { deactivateLeavers, todayIso } from './people';

/** How many person codes one audit entry lists; the count is always complete. */
const LISTED_CODES = 100;

export type TenantLeavers = { tenantId: string; personCodes: string[] };

/**
 * The daily leaver sweep for every tenant: people whose primary employment ended before `today` become inactive,
 * and each tenant that had leavers gets one audit entry by "system". Idempotent: a second run finds nobody. One
 * short transaction, so the sweep and its audit entries are written together.
 */
export async function sweepLeavers(db: Database, today = todayIso()): Promise<TenantLeavers[]> {
  return db.transaction(async (tx) => {
    const changed = await deactivateLeavers(tx, { today });
    const byTenant = new Map<string, string[]>();
    for (const { tenantId, personCode } of changed)
      byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), personCode]);
    const sweeps = [...byTenant].map(([tenantId, personCodes]) => ({ tenantId, personCodes: personCodes.sort() }));
    for (const { tenantId, personCodes } of sweeps) {
      await writeAudit(tx, tenantId, SYSTEM_ACTOR, {
        action: 'people.leavers_deactivated',
        target: `${personCodes.length} ${personCodes.length === 1 ? 'person' : 'people'}`,
        details: { endedBefore: today, count: personCodes.length, personCodes: personCodes.slice(0, LISTED_CODES) },
      });
    }
    return sweeps;
  });
}
