import { getDb } from '@/db/client';
import { getStaffSession } from '@/lib/auth/session';
import { csvResponse, exportRefusal, exportStamp } from '@/lib/csv-export';
import { ACCOUNTS_CSV_HEADER, accountsCsvRows, parseAccountsQuery } from '@/lib/hr/user-accounts';

export const dynamic = 'force-dynamic';

/** GET /admin/users/export?q=…&status=…: the user accounts of the list's current filter as CSV, streamed. */
export async function GET(request: Request) {
  const staff = await getStaffSession();
  const refusal = exportRefusal(staff, 'administration');
  if (refusal || !staff) return refusal!;
  const query = parseAccountsQuery(Object.fromEntries(new URL(request.url).searchParams));
  return csvResponse(
    `user-accounts-${exportStamp()}.csv`,
    ACCOUNTS_CSV_HEADER,
    accountsCsvRows(getDb(), staff.tenantId, query),
  );
}
