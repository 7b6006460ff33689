// OPTIONS and 405 answers shared by every protocol Roster serves (SCIM, HR API, OAuth token endpoint). Next answers
// both by itself, but its OPTIONS lists every exported verb, including those exported only to answer 405, and its
// 405 is an empty body; these answer with the methods a resource really offers.

/** The methods a resource offers: fixed, or read from the request (one route serving several kinds of resource). */
export type Allowed = readonly string[] | ((request: Request) => readonly string[]);

const allowedFor = (allowed: Allowed, request: Request) => (typeof allowed === 'function' ? allowed(request) : allowed);

/** OPTIONS: 204 with `Allow`, never cached. */
export function optionsAllowing(allowed: Allowed) {
  return async (request: Request) =>
    new Response(null, {
      status: 204,
      headers: { Allow: allowedFor(allowed, request).join(', '), 'Cache-Control': 'no-store' },
    });
}

/**
 * A 405 route handler (RFC 9110 §15.5.6: with `Allow`) in the protocol's own error shape: `respond` builds the error
 * from the message and the `Allow` value.
 */
export function methodNotAllowed(
  allowed: Allowed,
  respond: (message: string, allow: string, request: Request) => Promise<Response>,
) {
  return (request: Request) => {
    const allow = allowedFor(allowed, request).join(', ');
    const message = `${request.method} is not supported on ${new URL(request.url).pathname}. Allowed: ${allow}.`;
    return respond(message, allow, request);
  };
}
