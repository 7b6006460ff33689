// WorkOS-compatible API (root of the host: the SDK drops any path prefix). Handlers: lib/directory-sync/api/endpoints.ts
import { unknownPathEndpoint } from '@/lib/directory-sync/api/endpoints';

export const dynamic = 'force-dynamic';
const unknown = unknownPathEndpoint('/directories/:id');
export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
