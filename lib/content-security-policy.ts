/**
 * The Content-Security-Policy of Roster's pages. Scripts run only with the request's nonce (Next puts it on its own
 * inline and bundled scripts when it finds it in the request's CSP header) and what those load ('strict-dynamic');
 * styles may be inline (React style attributes, toasts). Nothing may frame Roster, and forms post only to Roster.
 * `next dev` also needs 'unsafe-eval' (React's dev tooling).
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV !== 'production'): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function newNonce(): string {
  return Buffer.from(crypto.randomUUID()).toString('base64');
}
