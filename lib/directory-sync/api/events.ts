import { and, asc, eq, gt, gte, inArray, lte } from 'drizzle-orm';
import { directoryEvents } from '@/db/schema';
import type { ApiContext } from './context';
import type { EventRow } from './mappers';

export type EventFilters = { events?: string[]; organizationId?: string; rangeStart?: Date; rangeEnd?: Date };

export class UnknownEventCursorError extends Error {
  constructor(readonly after: string) {
    super(`No event ${after} to continue after.`);
    this.name = 'UnknownEventCursorError';
  }
}

/**
 * Events oldest first in outbox order (`seq`: commit order, so a reader never skips an event that commits late).
 * `after` is an event id; the page continues from that event's position in the outbox.
 */
export async function listEvents(
  ctx: ApiContext,
  filters: EventFilters,
  page: { limit: number; after?: string },
): Promise<{ data: EventRow[]; after: string | null }> {
  let afterSeq: number | undefined;
  if (page.after) {
    const [cursor] = await ctx.db
      .select({ seq: directoryEvents.seq })
      .from(directoryEvents)
      .where(and(eq(directoryEvents.tenantId, ctx.tenantId), eq(directoryEvents.id, page.after)));
    if (!cursor) throw new UnknownEventCursorError(page.after);
    afterSeq = cursor.seq;
  }
  const rows = await ctx.db
    .select({
      id: directoryEvents.id,
      event: directoryEvents.event,
      data: directoryEvents.data,
      createdAt: directoryEvents.createdAt,
    })
    .from(directoryEvents)
    .where(
      and(
        eq(directoryEvents.tenantId, ctx.tenantId),
        afterSeq !== undefined ? gt(directoryEvents.seq, afterSeq) : undefined,
        filters.events?.length ? inArray(directoryEvents.event, filters.events) : undefined,
        filters.organizationId ? eq(directoryEvents.organizationId, filters.organizationId) : undefined,
        filters.rangeStart ? gte(directoryEvents.createdAt, filters.rangeStart) : undefined,
        filters.rangeEnd ? lte(directoryEvents.createdAt, filters.rangeEnd) : undefined,
      ),
    )
    .orderBy(asc(directoryEvents.seq))
    .limit(page.limit + 1);
  const data = rows.slice(0, page.limit);
  return { data, after: rows.length > page.limit ? data[data.length - 1].id : null };
}
