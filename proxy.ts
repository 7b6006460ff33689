import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce } from '@/lib/content-security-policy';
import { malformedPathResponse } from '@/lib/directory-sync/api/paths';
import { REQUESTED_PATH_HEADER } from '@/lib/auth/callback-url';

const WORKOS_API_ITEM = /^\/(organizations|directories|directory_users|directory_groups|events)\//;

/**
 * Pages get a Content-Security-Policy with a fresh nonce per request (see lib/content-security-policy.ts). On the
 * WorkOS-compatible API, a path that is not valid percent-encoding would make Next answer a plain-text 500 while
 * decoding the [id] segment: the API answers a JSON 404 instead.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (WORKOS_API_ITEM.test(pathname)) return malformedPathResponse(pathname) ?? NextResponse.next();
  const policy = contentSecurityPolicy(newNonce());
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  // The page asked for, so that a sign-in wall can send the visitor back to it (lib/auth/session requirePageAccess).
  headers.set(REQUESTED_PATH_HEADER, `${pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the APIs (SCIM, HR API, OAuth, auth, ping), which serve JSON, nor static files.
      source:
        '/((?!api/|scim/|cezanneondemand/|oauth/|_next/static|_next/image|favicon.ico|(?:organizations|directories|directory_users|directory_groups|events)$).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
