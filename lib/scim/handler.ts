import { getDb, statementTimeoutMs, type Executor } from '@/db/client';
import { isBadInputDatabaseError, isStatementTimeout } from '@/lib/errors';
import { clientIp } from '@/lib/auth/client-ip';
import { consumeLimit, describeLimit } from '@/lib/rate-limits';
import { recordRejectedScimRequest } from './rejected-requests';
import { shedKey, shedUntil } from '@/lib/load-shedding.mjs';
import { concurrencyFor, TooManyConcurrent } from '@/lib/concurrency';
import { logError, logRejectedInput } from '@/lib/log';
import { ScimError, toScimErrorBody } from './errors';
import { recordScimRequest, redactBody, responseForLog } from './request-log';
import { BodyTooLargeError, readBodyText } from '@/lib/http-body';
import { methodNotAllowed } from '@/lib/http/methods';
import { MAX_BODY_BYTES } from './schemas';
import { publicBaseUrl } from '@/lib/public-url';
import { authenticateScim, scimUrl } from './settings';
import type { ScimContext } from './users';

export type ScimResult = {
  status: number;
  body?: unknown;
  location?: string;
  userName?: string | null;
  allow?: string;
};

export type ScimHandlerArgs = {
  request: Request;
  url: URL;
  params: Record<string, string>;
  ctx: ScimContext;
  /** The parsed JSON body (only for handlers declared with `body: true`). */
  body: unknown;
};

/** `params` is absent for a route without dynamic segments (e.g. /scim/v2 itself). */
type RouteContext = { params?: Promise<Record<string, string | string[]>> };

const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
const JSON_TYPES = /^application\/(scim\+)?json$/i;

/** Reads at most 1 MB: a declared or actual larger body is a 413 before it is buffered. */
async function readLimitedBody(request: Request): Promise<string> {
  return readBodyText(request, MAX_BODY_BYTES).catch((error: unknown) => {
    throw error instanceof BodyTooLargeError ? new ScimError(413, error.message) : error;
  });
}

function checkContentType(request: Request) {
  const type = request.headers.get('content-type');
  if (!type) return;
  const media = type.split(';')[0].trim();
  if (!JSON_TYPES.test(media)) {
    throw new ScimError(
      415,
      `Send the body as application/scim+json or application/json, not ${JSON.stringify(media)}.`,
      'invalidSyntax',
    );
  }
}

/** SCIM resources are a few levels deep; far deeper input only serves to exhaust the stack of recursive code. */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects in JSON text (brackets inside strings do not count); stops early. */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123 /* [ { */) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

function parseJson(text: string): unknown {
  if (!text.trim()) throw new ScimError(400, 'The request body is empty; a JSON object is required.', 'invalidSyntax');
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw new ScimError(400, `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`, 'invalidSyntax');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ScimError(400, `The request body is not valid JSON (${(error as Error).message}).`, 'invalidSyntax');
  }
}

/**
 * The token check, with failed attempts counted per client address: past the limit they are answered 429 (and only
 * the first of those is kept in the rejected list). A right token is never refused for its address's failures.
 */
async function authenticate(db: Executor, tenantIdParam: string, authorization: string | null, address: string | null) {
  try {
    return await authenticateScim(db, tenantIdParam, authorization);
  } catch (error) {
    if (!(error instanceof ScimError) || error.status !== 401) throw error;
    error.rejected = true;
    const limit = address ? await consumeLimit('authFailures', address) : ({ allowed: true } as const);
    if (limit.allowed) throw error;
    const tooMany = new ScimError(
      429,
      `Too many requests with a missing or wrong token from this address (limit ${describeLimit(limit)}). Try again in ${limit.retryAfterSeconds} s.`,
    );
    Object.assign(tooMany, {
      tenantId: error.tenantId,
      rejected: true,
      unlogged: !limit.first,
      retryAfter: limit.retryAfterSeconds,
    });
    throw tooMany;
  }
}

/**
 * The tenant's request budget (its token is its only credential); the first refusal of a window is logged. Until the
 * window ends, Roster's server answers this tenant's SCIM URL itself (load shedding), so a token hammering at full
 * speed costs other tenants almost nothing.
 */
async function enforceTenantLimit(tenantId: string, url: URL) {
  const limit = await consumeLimit('scim', tenantId);
  if (limit.allowed) return;
  const error = new ScimError(
    429,
    `This tenant's SCIM token sent more requests than allowed (${describeLimit(limit)}). Try again when the limit's window ends.`,
  );
  Object.assign(error, { retryAfter: limit.retryAfterSeconds, unlogged: !limit.first });
  shedUntil(shedKey(url.pathname), Date.now() + limit.retryAfterSeconds * 1000, {
    status: 429,
    contentType: SCIM_CONTENT_TYPE,
    body: JSON.stringify(toScimErrorBody(error)),
  });
  throw error;
}

/** Maps anything thrown to a SCIM error; bad input that slipped through to PostgreSQL is still a 400, not a 500. */
function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof TooManyConcurrent) {
    const busy = new ScimError(429, 'Too many requests of this tenant are waiting to run. Send fewer at once.');
    busy.retryAfter = 1;
    return busy;
  }
  if (isStatementTimeout(error)) {
    const timeout = new ScimError(
      503,
      `The request took longer than ${statementTimeoutMs('requests') / 1000} s and was stopped. Narrow the filter or ask for fewer results (count).`,
    );
    timeout.retryAfter = 5;
    return timeout;
  }
  if (isBadInputDatabaseError(error)) {
    logRejectedInput('SCIM request rejected by the database', error);
    return new ScimError(400, 'A value in the request is not valid.', 'invalidValue');
  }
  const requestId = logError('SCIM request failed', error);
  return new ScimError(
    500,
    `Roster could not complete the request. Try again; if it keeps failing, see the server log (request ${requestId}).`,
  );
}

function userNameOf(body: unknown): string | null {
  const value = (body as { userName?: unknown } | null)?.userName;
  return typeof value === 'string' ? value.slice(0, 255) : null;
}

/**
 * The one SCIM route wrapper: tenant from the URL + bearer token (401 otherwise; failures limited per client address
 * and kept in the tenant's rejected list), the tenant's rate limit and concurrency (429), JSON bodies of at most 1 MB
 * (413), malformed JSON (400 `invalidSyntax`), a query over the statement budget (503), every error in RFC 7644 form,
 * responses as application/scim+json, and one entry per authenticated request in the tenant's SCIM request log.
 */
export function withScim(options: { body?: boolean }, handler: (args: ScimHandlerArgs) => Promise<ScimResult>) {
  return async (request: Request, route: RouteContext): Promise<Response> => {
    const started = performance.now();
    const url = new URL(request.url);
    const rawParams = (await route?.params) ?? {};
    const params = Object.fromEntries(
      Object.entries(rawParams).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]),
    );
    let tenantId: string | null = null;
    let rawBody: string | null = null;
    let body: unknown = undefined;
    let result: ScimResult;
    let refusal: ScimError | null = null;
    const address = clientIp(request.headers);
    try {
      const db = getDb();
      const settings = await authenticate(db, params.tenantId ?? '', request.headers.get('authorization'), address);
      tenantId = settings.tenantId;
      await enforceTenantLimit(tenantId, url);
      if (options.body) {
        checkContentType(request);
        rawBody = await readLimitedBody(request);
        body = parseJson(rawBody);
      }
      const ctx: ScimContext = {
        db,
        tenantId,
        settings,
        baseUrl: scimUrl(publicBaseUrl(request.headers, url.origin), tenantId),
      };
      // At most ROSTER_SCIM_CONCURRENCY requests of a tenant run at once (the others wait their turn).
      result = await concurrencyFor('scim', 'ROSTER_SCIM_CONCURRENCY', 2).run(tenantId, () =>
        handler({ request, url, params, ctx, body }),
      );
    } catch (thrown) {
      const error = (refusal = toScimError(thrown));
      tenantId ??= error.tenantId ?? null;
      result = { status: error.status, body: toScimErrorBody(error), ...(error.allow ? { allow: error.allow } : {}) };
    }

    const responseText = result.body === undefined ? null : JSON.stringify(result.body);
    const bytes = responseText === null ? null : Buffer.from(responseText, 'utf8');
    const headers = new Headers({ 'cache-control': 'no-store' });
    if (bytes) headers.set('content-type', SCIM_CONTENT_TYPE);
    if (result.location) headers.set('location', result.location);
    if (result.allow) headers.set('allow', result.allow);
    if (refusal?.retryAfter) headers.set('retry-after', String(refusal.retryAfter));
    const response = new Response(bytes, { status: result.status, headers });

    if (tenantId && refusal?.rejected) {
      if (!refusal.unlogged) {
        await recordRejectedScimRequest(getDb(), {
          tenantId,
          method: request.method,
          path: url.pathname + url.search,
          status: result.status,
          reason: refusal.detail,
          clientAddress: address,
        }).catch((error: unknown) => logError('could not record a rejected SCIM request', error));
      }
    } else if (tenantId && !refusal?.unlogged) {
      recordScimRequest({
        tenantId,
        createdAt: new Date(),
        method: request.method,
        path: url.pathname + url.search,
        status: result.status,
        durationMs: Math.round(performance.now() - started),
        userName: result.userName ?? userNameOf(body) ?? null,
        requestBody: redactBody(rawBody),
        // Successful reads can be repeated at will; their (large) bodies would only churn the log.
        responseBody: request.method === 'GET' && result.status < 300 ? null : responseForLog(responseText),
      });
    }
    return response;
  };
}

/** For verbs a SCIM endpoint does not offer: a SCIM 405 with `Allow`, logged like any SCIM request. */
export function scimMethodNotAllowed(allowed: readonly string[]) {
  return withScim({}, async ({ request }) => {
    return methodNotAllowed(allowed, async (message, allow) => {
      const error = new ScimError(405, message);
      error.allow = allow;
      throw error;
    })(request);
  });
}
