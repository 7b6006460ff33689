/**
 * The one wrapper of the WorkOS-compatible API routes: API key → tenant (401 otherwise), the rate-limit hook, the
 * handler, and every outcome as JSON (`application/json`, WorkOS error shape) with an `X-Request-ID`. Anything
 * unexpected is logged (method, route and request id only: no query, no body) and answered with a JSON 500.
 */
import { getDb } from '@/db/client';
import { authenticateApiKey, bearerKey } from '@/lib/api-keys/keys';
import { ConflictError, FormError, NotFoundError, isBadInputDatabaseError } from '@/lib/errors';
import { BodyTooLargeError, readBodyText } from '@/lib/http-body';
import type { ApiContext } from './context';
import { ApiError, invalidParameters, methodNotAllowed, unauthorized } from './errors';
import { newRequestId } from './paths';
import { checkApiRateLimit } from './rate-limit';

/** `body` is serialised with JSON.stringify; `json` is JSON text already (the users pages). */
export type ApiResult = { status: number; body: unknown } | { status: number; json: string };

export type ApiHandlerArgs = {
  request: Request;
  url: URL;
  params: Record<string, string>;
  ctx: ApiContext;
};

/** `params` is absent for a route without dynamic segments. */
type RouteContext = { params?: Promise<Record<string, string | string[]>> };

const JSON_TYPE = 'application/json; charset=utf-8';
export const MAX_BODY_BYTES = 64 * 1024;

function toApiError(error: unknown, route: string, method: string, requestId: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ConflictError) return new ApiError(409, error.message, 'conflict');
  if (error instanceof FormError) {
    const fields = Object.entries(error.fieldErrors);
    return fields.length
      ? invalidParameters(fields.map(([field, message]) => ({ field, code: `invalid_${field}`, message })))
      : new ApiError(422, error.message, 'invalid_request_parameters');
  }
  if (error instanceof NotFoundError) return new ApiError(404, error.message, 'entity_not_found');
  if (isBadInputDatabaseError(error))
    return new ApiError(422, 'A value in the request is not valid.', 'invalid_request_parameters');
  console.error(`[roster] API ${method} ${route} failed (request ${requestId})`, error);
  return new ApiError(
    500,
    `Roster could not complete the request (request ${requestId}). Try again; if it keeps failing, see the server log.`,
    'server_error',
  );
}

export function jsonResponse(
  status: number,
  body: unknown,
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  return jsonTextResponse(status, JSON.stringify(body), requestId, headers);
}

function jsonTextResponse(
  status: number,
  text: string,
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', 'x-request-id': requestId, ...headers },
  });
}

/** Wraps a route handler. `route` is the pattern (`/directory_users/:id`), used for the rate limit and logs. */
export function withApiKey(route: string, handler: (args: ApiHandlerArgs) => Promise<ApiResult>) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    const requestId = newRequestId();
    try {
      const db = getDb();
      const principal = await authenticateApiKey(db, bearerKey(request.headers.get('authorization')));
      if (!principal) throw unauthorized();
      const limited = await checkApiRateLimit({
        tenantId: principal.tenantId,
        apiKeyId: principal.apiKeyId,
        method: request.method,
        route,
      });
      if (limited) {
        const seconds = Math.max(1, Math.ceil(limited.retryAfterSeconds));
        throw new ApiError(
          429,
          'Too many requests. Retry after the time in Retry-After.',
          'rate_limit_exceeded',
          undefined,
          { 'retry-after': String(seconds) },
        );
      }
      const raw = (await context?.params) ?? {};
      const params = Object.fromEntries(
        Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value.join('/') : value]),
      );
      const result = await handler({
        request,
        url: new URL(request.url),
        params,
        ctx: { db, tenantId: principal.tenantId },
      });
      return 'json' in result
        ? jsonTextResponse(result.status, result.json, requestId)
        : jsonResponse(result.status, result.body, requestId);
    } catch (thrown) {
      const error = toApiError(thrown, route, request.method, requestId);
      return jsonResponse(error.status, error.body(), requestId, error.headers);
    }
  };
}

/** The JSON body of a POST: at most 64 KB, valid JSON, an object. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readBodyText(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new ApiError(413, error.message, 'payload_too_large');
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'The request body must be a JSON object.', 'invalid_json');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new ApiError(400, 'The request body must be a JSON object.', 'invalid_json');
  return body as Record<string, unknown>;
}

/** For verbs a route does not offer: a JSON 405 with `Allow`, after the same authentication as every request. */
export function notAllowed(route: string, allowed: string[]) {
  return withApiKey(route, async ({ request, url }) => {
    throw methodNotAllowed(request.method, url.pathname, allowed);
  });
}
