/**
 * The public base URL of this Roster for links shown to people (SCIM URL, HR API token URL): ROSTER_PUBLIC_URL, else
 * NEXTAUTH_URL, else the request's (first forwarded) host and protocol. No trailing slash.
 */
export function publicBaseUrl(headers: Headers, requestOrigin?: string): string {
  const configured = process.env.ROSTER_PUBLIC_URL || process.env.NEXTAUTH_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const host = headers.get('x-forwarded-host')?.split(',')[0].trim() || headers.get('host');
  if (!host && requestOrigin) return requestOrigin;
  if (!host) return 'http://localhost:3000';
  const proto =
    headers.get('x-forwarded-proto')?.split(',')[0].trim() ||
    (requestOrigin ? new URL(requestOrigin).protocol.slice(0, -1) : 'http');
  return `${proto}://${host}`;
}
