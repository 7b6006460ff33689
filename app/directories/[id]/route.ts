// WorkOS-compatible API (root of the host: the SDK drops any path prefix). Handlers: lib/directory-sync/api/endpoints.ts
import { deleteDirectoryEndpoint, getDirectoryEndpoint, notAllowedOn } from '@/lib/directory-sync/api/endpoints';

export const dynamic = 'force-dynamic';
export const GET = getDirectoryEndpoint;
export const DELETE = deleteDirectoryEndpoint;
const others = notAllowedOn('/directories/:id', ['GET', 'DELETE']);
export { others as POST, others as PUT, others as PATCH };
