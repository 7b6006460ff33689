import { getDb } from '@/db/client';
import { getStaffSession } from '@/lib/auth/session';
import { csvResponse, exportRefusal, exportStamp } from '@/lib/csv-export';
import { parsePeopleQuery, PEOPLE_CSV_HEADER, peopleCsvRows } from '@/lib/hr/people-list';

export const dynamic = 'force-dynamic';

/** GET /admin/people/export?q=…&status=…&department=…: the people of the list's current filter as CSV, streamed. */
export async function GET(request: Request) {
  const staff = await getStaffSession();
  const refusal = exportRefusal(staff, 'administration');
  if (refusal || !staff) return refusal!;
  const query = parsePeopleQuery(Object.fromEntries(new URL(request.url).searchParams));
  return csvResponse(`people-${exportStamp()}.csv`, PEOPLE_CSV_HEADER, peopleCsvRows(getDb(), staff.tenantId, query));
}
