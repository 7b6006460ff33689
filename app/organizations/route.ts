// WorkOS-compatible API (root of the host: the SDK drops any path prefix). Handlers: lib/directory-sync/api/endpoints.ts
import {
  createOrganizationEndpoint,
  listOrganizationsEndpoint,
  notAllowedOn,
} from '@/lib/directory-sync/api/endpoints';

export const dynamic = 'force-dynamic';
export const GET = listOrganizationsEndpoint;
export const POST = createOrganizationEndpoint;
const others = notAllowedOn('/organizations', ['GET', 'POST']);
export { others as PUT, others as PATCH, others as DELETE };
