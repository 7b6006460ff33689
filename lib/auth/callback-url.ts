/** Set by proxy.ts on page requests: the path and query the visitor asked for. */
export const REQUESTED_PATH_HEADER = 'x-roster-requested-path';

/**
 * Where to go after signing in: only a same-origin relative path (`/admin/people?q=x`), never another host, so the
 * sign-in page cannot be used as an open redirect. Anything else (absolute URLs, `//host`, `/\host`, control
 * characters, the sign-in pages themselves) gives `null` and the caller uses the start page.
 */
export function safeCallbackPath(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  // Browsers drop tabs and newlines and read a backslash as a slash: "/\t/evil.test" would be "//evil.test".
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, 'http://roster.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://roster.invalid') return null;
  if (/^\/(login|change-password|api\/auth)(\/|$)/.test(url.pathname)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's address that returns to `path` afterwards (the start page when `path` is not safe). */
export function loginPathFor(path: string | null | undefined): string {
  const safe = safeCallbackPath(path);
  return safe && safe !== '/' ? `/login?callbackUrl=${encodeURIComponent(safe)}` : '/login';
}
