// WorkOS-compatible `POST /portal/generate_link` (root of the host: the SDK drops any path prefix).
import { generateLinkEndpoint } from '@/lib/directory-sync/api/portal';
import { notAllowed } from '@/lib/directory-sync/api/handler';

export const dynamic = 'force-dynamic';
export const POST = generateLinkEndpoint;
const others = notAllowed('/portal/generate_link', ['POST']);
export { others as GET, others as PUT, others as PATCH, others as DELETE };
