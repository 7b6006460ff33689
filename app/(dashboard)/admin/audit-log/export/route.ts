import { getDb } from '@/db/client';
import { auditCsvRows, AUDIT_CSV_HEADER, parseAuditQuery } from '@/lib/audit-log';
import { getStaffSession } from '@/lib/auth/session';
import { csvResponse, exportRefusal, exportStamp } from '@/lib/csv-export';

export const dynamic = 'force-dynamic';

/** GET /admin/audit-log/export?…: the audit log of the current filter as CSV, streamed. */
export async function GET(request: Request) {
  const staff = await getStaffSession();
  const refusal = exportRefusal(staff, 'auditLog');
  if (refusal || !staff) return refusal!;
  const query = parseAuditQuery(Object.fromEntries(new URL(request.url).searchParams));
  return csvResponse(`audit-log-${exportStamp()}.csv`, AUDIT_CSV_HEADER, auditCsvRows(getDb(), staff.tenantId, query));
}
