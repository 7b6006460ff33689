import { NextResponse, type NextRequest } from 'next/server';
import { malformedProtocolPathResponse, PROTOCOL_PATH } from '@/lib/http/malformed-path';
import { contentSecurityPolicy, newNonce } from '@/lib/content-security-policy';
import { malformedPathResponse } from '@/lib/directory-sync/api/paths';
import { REQUESTED_PATH_HEADER } from '@/lib/auth/callback-url';

const WORKOS_API_ITEM = /^\/(organizations|directories|directory_users|directory_groups|events)\//;

/**
 * Pages get a Content-Security-Policy with a fresh nonce per request (see lib/content-security-policy.ts). On the
 * WorkOS-compatible API, a path that is not valid percent-encoding would make Next answer a plain-text 500 while
 * decoding the [id] segment: the API answers a JSON 404 instead. The APIs reach the proxy only for such paths (see
 * `config`), so their hot paths skip it.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (WORKOS_API_ITEM.test(pathname)) return malformedPathResponse(pathname) ?? NextResponse.next();
  // SCIM, the HR API and /oauth: the same, answered in each protocol's error shape (a 400); no page headers.
  if (PROTOCOL_PATH.test(pathname)) return malformedProtocolPathResponse(pathname) ?? NextResponse.next();
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
      // Nor the CSV upload (a route handler with its own 25 MB limit: the proxy would cut its body at 10 MB).
      source:
        '/((?!api/|scim/|cezanneondemand/|oauth/|_next/static|_next/image|favicon.ico|admin/people/import/upload$|(?:organizations|directories|directory_users|directory_groups|events)(?:/|$)).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
    // The protocol APIs, only when the path holds a `%` (a path that does not decode is answered in the protocol's
    // shape, lib/http/malformed-path.ts): their other requests, bodies included, go straight to the route handlers,
    // which limit body sizes themselves (the proxy would first buffer up to 10 MB of a body).
    '/(scim|cezanneondemand|oauth)/(.*%.*)',
    // The WorkOS-compatible API likewise: its item paths reach the proxy only when they hold a `%`.
    '/(organizations|directories|directory_users|directory_groups|events)/(.*%.*)',
  ],
};
