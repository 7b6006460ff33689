import { getDb, statementTimeoutMs, type Executor } from '@/db/client';
import { isBadInputDatabaseError, isStatementTimeout } from '@/lib/errors';
import { clientIp } from '@/lib/auth/client-ip';
import { consumeLimit, consumeLimits, describeLimit, type LimitOutcome } from '@/lib/rate-limits';
import { concurrencyFor, TooManyConcurrent } from '@/lib/concurrency';
import { logError, logRejectedInput } from '@/lib/log';
import type { ApplicationScope } from './applications';
import { ODataError, toODataErrorBody } from './errors';
import { BodyTooLargeError } from '@/lib/http-body';
import { publicBaseUrl } from '@/lib/public-url';
import { bearerToken } from '@/lib/http/authorization';
import { methodNotAllowed, type Allowed } from '@/lib/http/methods';
import { authenticateAccessToken, type ApiCaller } from './oauth';

const REALM = 'Roster HR API';

/** Headers on every HR API answer: OData v4 JSON, never cached (it is personal data). */
const API_HEADERS = { 'OData-Version': '4.0', 'Cache-Control': 'no-store' };

export type ApiContext = {
  db: Executor;
  caller: ApiCaller;
  request: Request;
  url: URL;
  /** Public base URL for absolute links (`@odata.nextLink`, `Location`), no trailing slash. */
  baseUrl: string;
  /** Base of the OData service: `<baseUrl>/cezanneondemand/v7/dataservice.svc`. */
  serviceUrl: string;
};

export const SERVICE_PATH = '/cezanneondemand/v7/dataservice.svc';

export function odataJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, {
    status: init.status ?? 200,
    headers: {
      ...API_HEADERS,
      'Content-Type': 'application/json; odata.metadata=minimal; charset=utf-8',
      ...init.headers,
    },
  });
}

export function odataErrorResponse(error: ODataError): Response {
  return odataJson(toODataErrorBody(error), { status: error.status, headers: error.headers });
}

function unauthorized(message: string, tokenPresented: boolean): ODataError {
  const challenge = tokenPresented
    ? `Bearer realm="${REALM}", error="invalid_token", error_description="${message}"`
    : `Bearer realm="${REALM}"`;
  return new ODataError(401, message, { headers: { 'WWW-Authenticate': challenge } });
}

function tooManyRequests(limit: Exclude<LimitOutcome, { allowed: true }>, what: string): ODataError {
  return new ODataError(429, `${what} (limit ${describeLimit(limit)}). Try again in ${limit.retryAfterSeconds} s.`, {
    headers: { 'Retry-After': String(limit.retryAfterSeconds) },
  });
}

/** A refused token counts against its client address; past the limit the answer is a 429 instead of a 401. */
async function refuseToken(request: Request, refusal: ODataError): Promise<ODataError> {
  const address = clientIp(request.headers);
  const limit = address ? await consumeLimit('authFailures', address) : ({ allowed: true } as const);
  return limit.allowed
    ? refusal
    : tooManyRequests(limit, 'Too many requests with an invalid access token from this address');
}

/** What a resource answers in: JSON for entities and collections, XML for `$metadata`, text for `$count`. */
export type Produces = 'application/json' | 'application/xml' | 'text/plain';

/**
 * `Accept` negotiation (RFC 9110 §12.5.1): absent, or a range with q > 0 that covers the resource's media type
 * (any type, `application/*`, `application/json;odata.metadata=minimal`…); anything else is a 406. The service does
 * not offer Atom/XML entities (Cezanne's XML format): a client asking only for XML learns it here.
 */
export function checkAccept(request: Request, produces: Produces): void {
  const header = request.headers.get('accept');
  if (header === null || !header.trim()) return;
  const [type, subtype] = produces.split('/');
  const acceptable = header.split(',').some((range) => {
    const [media, ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((p) => /^q\s*=/.test(p));
    if (q && !(Number(q.split('=')[1]) > 0)) return false;
    const [t, s] = media.split('/');
    return (t === '*' && s === '*') || (t === type && (s === '*' || s === subtype));
  });
  if (!acceptable) {
    throw new ODataError(
      406,
      `This resource is served as ${produces} only; the Accept header (${JSON.stringify(header.slice(0, 200))}) does not allow it.`,
    );
  }
}

/**
 * The one wrapper for HR API routes: bearer token → application, tenant and scopes; the application's and the
 * tenant's request limits; the scope check; expected failures as OData error JSON with their status. Unexpected
 * errors are logged and answered with a plain 500 that reveals nothing.
 */
export async function withHrApi(
  request: Request,
  scope: ApplicationScope | null,
  handler: (ctx: ApiContext) => Promise<Response>,
  db: Executor = getDb(),
  produces: Produces = 'application/json',
): Promise<Response> {
  try {
    checkAccept(request, produces);
    const authorization = request.headers.get('authorization');
    const token = bearerToken(authorization);
    if (!token) {
      throw unauthorized(
        authorization
          ? 'The Authorization header must be "Bearer <access token>".'
          : 'An access token is required. Get one from /oauth/token.',
        Boolean(authorization),
      );
    }
    const caller = await authenticateAccessToken(db, token);
    if (!caller)
      throw await refuseToken(
        request,
        unauthorized('The access token is invalid or has expired. Get a new one from /oauth/token.', true),
      );
    const limit = await consumeLimits([
      ['hrApiApplication', caller.applicationId],
      ['hrApiTenant', caller.tenantId],
    ]);
    if (!limit.allowed)
      throw tooManyRequests(limit, 'This application (or its company) sent more HR API requests than allowed');
    if (scope && !caller.scopes.includes(scope)) {
      throw new ODataError(
        403,
        `This application does not have the ${scope} scope (${scope === 'api_write' ? 'API write access' : 'API read access'}).`,
        {
          headers: { 'WWW-Authenticate': `Bearer realm="${REALM}", error="insufficient_scope", scope="${scope}"` },
        },
      );
    }
    const url = new URL(request.url);
    const baseUrl = publicBaseUrl(request.headers, url.origin);
    // At most ROSTER_HR_API_CONCURRENCY requests of a tenant run at once (the others wait their turn).
    return await concurrencyFor('hr-api', 'ROSTER_HR_API_CONCURRENCY', 2).run(caller.tenantId, () =>
      handler({ db, caller, request, url, baseUrl, serviceUrl: `${baseUrl}${SERVICE_PATH}` }),
    );
  } catch (error) {
    if (error instanceof ODataError) return odataErrorResponse(error);
    if (error instanceof BodyTooLargeError) return odataErrorResponse(new ODataError(413, error.message));
    if (error instanceof TooManyConcurrent) {
      return odataErrorResponse(
        new ODataError(429, 'Too many requests of this company are waiting to run. Send fewer at once.', {
          headers: { 'Retry-After': '1' },
        }),
      );
    }
    if (isStatementTimeout(error)) {
      const seconds = statementTimeoutMs('requests') / 1000;
      return odataErrorResponse(
        new ODataError(
          503,
          `The request took longer than ${seconds} s and was stopped. Ask for smaller pages ($top).`,
          { headers: { 'Retry-After': '5' } },
        ),
      );
    }
    if (isBadInputDatabaseError(error)) {
      // Input the validators let through but PostgreSQL cannot take: the client's fault, and the transaction rolled back.
      logRejectedInput('HR API request rejected by the database', error);
      return odataErrorResponse(
        new ODataError(400, 'A value in the request is not valid. Nothing was changed.', { code: 'InvalidValue' }),
      );
    }
    const requestId = logError('HR API request failed', error);
    return odataErrorResponse(
      new ODataError(500, `The request could not be completed. Nothing was changed. (Request ${requestId})`),
    );
  }
}

/** For verbs a resource does not offer: an OData 405 with `Allow`. */
export function odataMethodNotAllowed(allowed: Allowed) {
  return methodNotAllowed(allowed, async (message, allow) =>
    odataErrorResponse(new ODataError(405, message, { headers: { Allow: allow } })),
  );
}
