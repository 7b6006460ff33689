import { NextResponse, type NextRequest } from 'next/server';
import { malformedPathResponse } from '@/lib/directory-sync/api/paths';

/**
 * Runs before routing, for the WorkOS-compatible API paths only: a path that is not valid percent-encoding would make
 * Next answer a plain-text 500 while decoding the [id] segment; the API answers a JSON 404 instead.
 */
export function proxy(request: NextRequest) {
  return malformedPathResponse(request.nextUrl.pathname) ?? NextResponse.next();
}

export const config = {
  matcher: ['/organizations/:path+', '/directories/:path+', '/directory_users/:path+', '/directory_groups/:path+', '/events/:path+'],
};

