/** HTTP plumbing shared by the token endpoint and the OData routes (no business rules here). */

/** The media type of a request without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

export type BasicCredentials = { username: string; password: string };

/**
 * `Authorization: Basic ...` → credentials, `null` when the header is not Basic, `'malformed'` when it is Basic but
 * unreadable. RFC 6749 §2.3.1: client id and secret are form-urlencoded before base64.
 */
export function parseBasicAuthorization(header: string | null): BasicCredentials | null | 'malformed' {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]*)\s*$/i.exec(header);
  if (!/^Basic\b/i.test(header)) return null;
  if (!match) return 'malformed';
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    const unescape = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
    return { username: unescape(decoded.slice(0, colon)), password: unescape(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}
