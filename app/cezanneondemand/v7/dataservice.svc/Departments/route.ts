import { getDepartments } from '@/lib/hr-api/resources';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return getDepartments(request);
}
