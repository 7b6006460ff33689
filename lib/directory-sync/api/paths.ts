import { randomUUID } from 'node:crypto';

export const newRequestId = () => `req_${randomUUID().replaceAll('-', '')}`;

/** A JSON 404 for a path whose percent-encoding does not decode, or null when it decodes. */
export function malformedPathResponse(pathname: string): Response | null {
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    return Response.json(
      { message: 'The path is not valid percent-encoded UTF-8.', code: 'entity_not_found' },
      { status: 404, headers: { 'x-request-id': newRequestId(), 'cache-control': 'no-store' } },
    );
  }
}
