// A request path that is not valid percent-encoded UTF-8 (`/scim/v2/%ED%A0%80/Users`, `…/ResourceTypes/%zz`,
// `…/dataservice.svc/%`, `People('%ED%A0%80')`) makes Next answer a plain-text 500 while it decodes the dynamic
// segments, before any route handler runs. proxy.ts sends such requests here first: each protocol answers a 400 in
// its own error shape (the WorkOS-compatible API has its own answer, lib/directory-sync/api/paths.ts).
import { ScimError, toScimErrorBody } from '@/lib/scim/errors';
import { ODataError, toODataErrorBody } from '@/lib/hr-api/errors';

/** The paths of the protocols answered here: SCIM, the HR API (OData) and the OAuth token endpoint. */
export const PROTOCOL_PATH = /^\/(scim|cezanneondemand|oauth)(\/|$)/;

const MESSAGE = 'The request path is not valid percent-encoded UTF-8.';

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** The protocol's 400 for a path that does not decode, or null when it decodes (or is not one of these paths). */
export function malformedProtocolPathResponse(pathname: string): Response | null {
  const protocol = PROTOCOL_PATH.exec(pathname)?.[1];
  if (!protocol || decodes(pathname)) return null;
  const headers = { 'cache-control': 'no-store' };
  if (protocol === 'scim') {
    return new Response(JSON.stringify(toScimErrorBody(new ScimError(400, MESSAGE))), {
      status: 400,
      headers: { ...headers, 'content-type': 'application/scim+json; charset=utf-8' },
    });
  }
  if (protocol === 'cezanneondemand') {
    return Response.json(toODataErrorBody(new ODataError(400, MESSAGE)), {
      status: 400,
      headers: { ...headers, 'OData-Version': '4.0', 'content-type': 'application/json; charset=utf-8' },
    });
  }
  // RFC 6749 §5.2 error shape, as the token endpoint answers.
  return Response.json({ error: 'invalid_request', error_description: MESSAGE }, { status: 400, headers });
}
