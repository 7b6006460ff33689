import { canUse, type Area } from '@/lib/auth/roles';
import type { StaffSession } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/errors';
import { logError } from '@/lib/log';

/**
 * One CSV cell (RFC 4180 quoting). A value that a spreadsheet would read as a formula (it starts with =, +, -, @, a
 * tab or a carriage return) gets a leading apostrophe, so opening an export never runs what someone typed into a
 * name or an audit target (CSV formula injection).
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * A CSV download streamed row by row from `rows` (an async generator reading the database in batches), so a large
 * export never sits in memory. The header row goes first; a failure midway ends the file with an error line.
 */
export function csvResponse(fileName: string, header: string[], rows: AsyncIterable<unknown[]>): Response {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(csvLine(next.value)));
      } catch (error) {
        const reference = logError('csv export failed', error);
        controller.enqueue(encoder.encode(csvLine([`Export stopped: something went wrong (Reference ${reference})`])));
        controller.close();
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

/** The session check of an export route: 401 without a session, 403 for a role outside the area, else null. */
export function exportRefusal(staff: StaffSession | null, area: Area): Response | null {
  if (!staff || staff.mustChangePassword)
    return Response.json({ error: 'Your session has ended. Sign in again.' }, { status: 401 });
  if (!canUse(staff.role, area)) return Response.json({ error: new ForbiddenError().message }, { status: 403 });
  return null;
}

/** A file name stamp: 2026-12-02T1140Z. */
export function exportStamp(now = new Date()): string {
  return `${now.toISOString().slice(0, 16).replace(':', '')}Z`;
}
