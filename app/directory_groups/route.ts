// WorkOS-compatible API (root of the host: the SDK drops any path prefix). Handlers: lib/directory-sync/api/endpoints.ts
import { listGroupsEndpoint, notAllowedOn } from '@/lib/directory-sync/api/endpoints';

export const dynamic = 'force-dynamic';
export const GET = listGroupsEndpoint;
const others = notAllowedOn('/directory_groups', ['GET']);
export { others as POST, others as PUT, others as PATCH, others as DELETE };
