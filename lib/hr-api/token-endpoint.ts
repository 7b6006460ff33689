import { getDb, type Executor } from '@/db/client';
import { isBadInputDatabaseError } from '@/lib/errors';
import { logError, logRejectedInput } from '@/lib/log';
import { clientIp } from '@/lib/auth/client-ip';
import { consumeLimit, consumeLimits, describeLimit, type LimitOutcome } from '@/lib/rate-limits';
import { BodyTooLargeError, readBodyText } from '@/lib/http-body';
import { optionsAllowing } from '@/lib/http/methods';
import { mediaType, parseBasicAuthorization } from './http';
import { issueClientCredentialsToken, OAuthError, type ClientCredentialsRequest } from './oauth';

const MAX_TOKEN_REQUEST_BYTES = 8 * 1024;
const REALM = 'Roster HR API';

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function oauthErrorResponse(error: OAuthError): Response {
  const headers: Record<string, string> = { ...NO_STORE };
  if (error.status === 401) headers['WWW-Authenticate'] = `Basic realm="${REALM}", charset="UTF-8"`;
  return Response.json({ error: error.code, error_description: error.message }, { status: error.status, headers });
}

/**
 * 429 in RFC 6749's error shape. RFC 6749 has no code for it; `temporarily_unavailable` (§4.1.2.1) says what it is,
 * and Retry-After says for how long.
 */
class TokenRateLimited extends Error {
  constructor(
    readonly limit: Exclude<LimitOutcome, { allowed: true }>,
    message: string,
  ) {
    super(message);
    this.name = 'TokenRateLimited';
  }
}

function tooManyResponse(error: TokenRateLimited): Response {
  const description = `${error.message} (limit ${describeLimit(error.limit)}). Try again in ${error.limit.retryAfterSeconds} s.`;
  return Response.json(
    { error: 'temporarily_unavailable', error_description: description },
    { status: 429, headers: { ...NO_STORE, 'Retry-After': String(error.limit.retryAfterSeconds) } },
  );
}

/** Each application, and each tenant across its applications, may ask for only so many tokens. */
async function admitClient(client: { applicationId: string; tenantId: string }) {
  const limit = await consumeLimits([
    ['tokenClient', client.applicationId],
    ['tokenTenant', client.tenantId],
  ]);
  if (!limit.allowed)
    throw new TokenRateLimited(limit, 'This application (or its company) asked for more tokens than allowed');
}

/** A failed client authentication counts against the client's address; past the limit it is a 429, not a 401. */
async function refusedClient(request: Request, error: OAuthError): Promise<Response> {
  const address = clientIp(request.headers);
  const limit = address ? await consumeLimit('authFailures', address) : ({ allowed: true } as const);
  if (limit.allowed) return oauthErrorResponse(error);
  return tooManyResponse(new TokenRateLimited(limit, 'Too many failed client authentications from this address'));
}

/** Form body → parameters; RFC 6749 §3.2: a parameter sent twice is an invalid request. */
function parseForm(body: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (key in params) throw new OAuthError('invalid_request', `The parameter ${key} is given more than once.`);
    params[key] = value;
  }
  return params;
}

/** Client authentication by HTTP Basic or by form fields (RFC 6749 §2.3.1), never both. */
function clientCredentials(
  request: Request,
  form: Record<string, string>,
): Pick<ClientCredentialsRequest, 'clientId' | 'clientSecret'> {
  const basic = parseBasicAuthorization(request.headers.get('authorization'));
  if (basic === 'malformed')
    throw new OAuthError('invalid_client', 'The Authorization header is not valid HTTP Basic.');
  if (!basic) return { clientId: form.client_id, clientSecret: form.client_secret };
  if (form.client_secret !== undefined) {
    throw new OAuthError(
      'invalid_request',
      'Use one client authentication method: HTTP Basic or form fields, not both.',
    );
  }
  if (form.client_id !== undefined && form.client_id !== basic.username) {
    throw new OAuthError('invalid_request', 'client_id does not match the HTTP Basic credentials.');
  }
  return { clientId: basic.username, clientSecret: basic.password };
}

/** `POST /oauth/token`: the client credentials grant, answered in RFC 6749 form and never cached. */
export async function handleTokenRequest(request: Request, db: Executor = getDb()): Promise<Response> {
  try {
    if (mediaType(request) !== 'application/x-www-form-urlencoded') {
      throw new OAuthError('invalid_request', 'Send the token request as application/x-www-form-urlencoded.');
    }
    const form = parseForm(await readBodyText(request, MAX_TOKEN_REQUEST_BYTES));
    const token = await issueClientCredentialsToken(
      db,
      { grantType: form.grant_type, scope: form.scope, ...clientCredentials(request, form) },
      { admit: admitClient },
    );
    return Response.json(token, { status: 200, headers: NO_STORE });
  } catch (error) {
    if (error instanceof OAuthError && error.code === 'invalid_client') return refusedClient(request, error);
    if (error instanceof OAuthError) return oauthErrorResponse(error);
    if (error instanceof TokenRateLimited) return tooManyResponse(error);
    if (error instanceof BodyTooLargeError) return oauthErrorResponse(new OAuthError('invalid_request', error.message));
    if (isBadInputDatabaseError(error)) {
      logRejectedInput('token request rejected by the database', error);
      return oauthErrorResponse(new OAuthError('invalid_request', 'A parameter of the request is not valid.'));
    }
    const requestId = logError('token endpoint failed', error);
    return Response.json(
      { error: 'server_error', error_description: `The token could not be issued. Try again. (Request ${requestId})` },
      { status: 500, headers: NO_STORE },
    );
  }
}

/** OPTIONS: only POST is offered. */
export const tokenOptions = optionsAllowing(['POST']);

/**
 * Any other verb on /oauth/token: 405 with `Allow: POST`, in RFC 6749's error shape so OAuth clients can read it
 * (RFC 6749 §3.2: the client MUST use POST).
 */
export function tokenMethodNotAllowed(request: Request): Response {
  return Response.json(
    { error: 'invalid_request', error_description: `The token endpoint accepts POST only, not ${request.method}.` },
    { status: 405, headers: { ...NO_STORE, Allow: 'POST' } },
  );
}
