import { getServiceDocument, readOnlyNotAllowed, readOnlyOptions } from '@/lib/hr-api/resources';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return getServiceDocument(request);
}

export {
  readOnlyOptions as OPTIONS,
  readOnlyNotAllowed as POST,
  readOnlyNotAllowed as PUT,
  readOnlyNotAllowed as PATCH,
  readOnlyNotAllowed as DELETE,
};
