import { handleTokenRequest, tokenMethodNotAllowed, tokenOptions } from '@/lib/hr-api/token-endpoint';

export const dynamic = 'force-dynamic';

/** OAuth 2.0 token endpoint (client credentials grant) for the HR API. */
export function POST(request: Request) {
  return handleTokenRequest(request);
}

/** Other verbs: an RFC 6749-shaped 405 with `Allow: POST` instead of Next's empty one. */
export async function GET(request: Request) {
  return tokenMethodNotAllowed(request);
}
export { GET as PUT, GET as PATCH, GET as DELETE };

export { tokenOptions as OPTIONS };
