/** OData error codes this API answers with, by HTTP status. */
export const ODATA_ERROR_CODES = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
} as const;

export type ODataErrorStatus = keyof typeof ODATA_ERROR_CODES;
export type ODataErrorDetail = { code: string; message: string; target?: string };

/** An expected failure of the HR API, answered as `{"error":{"code","message"}}` with its HTTP status. */
export class ODataError extends Error {
  readonly code: string;
  readonly target?: string;
  readonly details?: ODataErrorDetail[];
  readonly headers: Record<string, string>;
  constructor(
    readonly status: ODataErrorStatus,
    message: string,
    options: { code?: string; target?: string; details?: ODataErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ODataError';
    this.code = options.code ?? ODATA_ERROR_CODES[status];
    this.target = options.target;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

export function badQueryOption(message: string, target?: string): ODataError {
  return new ODataError(400, message, { code: 'InvalidQueryOption', target });
}

/** The OData JSON error body (OData v4 JSON Format §21). */
export function toODataErrorBody(error: ODataError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.target ? { target: error.target } : {}),
      ...(error.details?.length ? { details: error.details } : {}),
    },
  };
}
