/** RFC 6750 §2.1: `Bearer` (any case), one or more spaces, then a token68 value. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * `Authorization: Bearer <token>` → the token, or null. Leading and trailing white space is ignored. With
 * `bareTokenAccepted`, the token alone is read too: Okta's "HTTP Header" authentication sends the header value
 * exactly as the admin typed it, often without the scheme. A value that is neither (another scheme, two words,
 * characters no token has) is no token.
 */
export function bearerToken(header: string | null, options: { bareTokenAccepted?: boolean } = {}): string | null {
  const value = (header ?? '').trim();
  const match = BEARER.exec(value);
  if (match) return match[1];
  if (options.bareTokenAccepted && TOKEN68.test(value)) return value;
  return null;
}
