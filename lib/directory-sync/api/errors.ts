/**
 * Errors of the WorkOS-compatible API, in WorkOS's JSON shape: `{message, code}` and, for invalid parameters,
 * `errors: [{field, code, message}]`. The Node SDK turns 401/404/409/422/429 into its own exception classes and needs a
 * JSON body for every status (an empty body becomes a ParseError), so no error goes out without one.
 */
export type FieldError = { field: string; code: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): Record<string, unknown> {
    return { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

export const unauthorized = () =>
  new ApiError(
    401,
    'Could not authorize the request. Send a valid API key as `Authorization: Bearer sk_…`.',
    'unauthorized',
  );

/** WorkOS wording: "Directory not found: 'directory_123'." (the id is echoed: it is the caller's own input). */
export const notFound = (what: string, id: string) =>
  new ApiError(404, `${what} not found: '${id.slice(0, 200)}'.`, 'entity_not_found');

export const invalidParameters = (errors: FieldError[]) =>
  new ApiError(422, errors.map((e) => e.message).join(' '), 'invalid_request_parameters', errors);

export const methodNotAllowed = (method: string, path: string, allowed: string[]) =>
  new ApiError(
    405,
    `${method} is not supported on ${path}. Allowed: ${allowed.join(', ')}.`,
    'method_not_allowed',
    undefined,
    {
      allow: allowed.join(', '),
    },
  );
