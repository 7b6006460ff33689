import { handleTokenRequest } from '@/lib/hr-api/token-endpoint';

export const dynamic = 'force-dynamic';

/** OAuth 2.0 token endpoint (client credentials grant) for the HR API. */
export function POST(request: Request) {
  return handleTokenRequest(request);
}
