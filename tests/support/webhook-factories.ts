import { inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { directoryEvents } from '@/db/schema';
import { DSYNC_EVENTS, insertEvent, lockOutbox, type DsyncEventName } from '@/lib/directory-sync/events';
import { newId } from '@/lib/directory-sync/ids';
import { createEndpoint } from '@/lib/directory-sync/webhooks/endpoints';
import type { EgressPolicy } from '@/lib/net/egress';

/** Local receivers are loopback addresses: tests allow private egress, as an operator would for a local setup. */
export const LOCAL_POLICY: EgressPolicy = { allowPrivate: true, trustedOrigins: [] };

export function newDirectory() {
  return { organizationId: newId('organization'), directoryId: newId('directory') };
}

/** Writes events to the outbox the way the sync engine does (outbox lock, then inserts), in one transaction. */
export async function writeOutboxEvents(
  tenantId: string,
  directory: { organizationId: string; directoryId: string },
  events: { event: DsyncEventName; data?: Record<string, unknown> }[],
  now = new Date(),
) {
  const ids = await getDb().transaction(async (tx) => {
    await lockOutbox(tx, tenantId);
    const written: string[] = [];
    for (const [index, { event, data }] of events.entries()) {
      const payload = data ?? {
        object: 'directory_user',
        id: newId('directoryUser'),
        directory_id: directory.directoryId,
        first_name: `User ${index}`,
      };
      written.push(await insertEvent(tx, { tenantId, ...directory }, event, payload, now));
    }
    return written;
  });
  const rows = await getDb()
    .select()
    .from(directoryEvents)
    .where(inArray(directoryEvents.id, ids))
    .orderBy(directoryEvents.seq);
  return rows;
}

export async function makeEndpoint(tenantId: string, url: string, events: DsyncEventName[] = [...DSYNC_EVENTS]) {
  return createEndpoint(getDb(), tenantId, null, { url, events }, LOCAL_POLICY);
}
