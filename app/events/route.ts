// WorkOS-compatible API (root of the host: the SDK drops any path prefix). Handlers: lib/directory-sync/api/endpoints.ts
import { listEventsEndpoint, notAllowedOn } from '@/lib/directory-sync/api/endpoints';

export const dynamic = 'force-dynamic';
export const GET = listEventsEndpoint;
const others = notAllowedOn('/events', ['GET']);
export { others as POST, others as PUT, others as PATCH, others as DELETE };
