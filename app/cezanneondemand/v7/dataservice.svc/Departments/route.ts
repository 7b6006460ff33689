import { getDepartments, readOnlyNotAllowed } from '@/lib/hr-api/resources';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return getDepartments(request);
}

export { readOnlyNotAllowed as POST, readOnlyNotAllowed as PUT, readOnlyNotAllowed as PATCH, readOnlyNotAllowed as DELETE };
