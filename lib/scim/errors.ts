/** RFC 7644 §3.12 error types that clients act on. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** An expected SCIM failure; the wrapper turns it into an RFC 7644 error response. */
export class ScimError extends Error {
  /** Set on authentication failures for a tenant that exists, so its request log shows the refused call. */
  tenantId?: string;
  /** For a 405: the methods the endpoint offers, sent as the `Allow` header. */
  allow?: string;
  /** For a 429 or 503: seconds to wait, sent as the `Retry-After` header. */
  retryAfter?: number;
  /** Refused before authentication: kept in the tenant's list of rejected requests, not its request log. */
  rejected?: boolean;
  /** Not worth a log entry (e.g. the 2nd and later refusals of a rate-limit window). */
  unlogged?: boolean;

  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
    this.name = 'ScimError';
  }
}

export type ScimErrorBody = {
  schemas: [typeof SCIM_ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail: string;
};

/** The error body: `status` is a JSON string (RFC 7644 §3.12); `detail` is always present (Okta requires it). */
export function toScimErrorBody(error: ScimError): ScimErrorBody {
  return {
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(error.status),
    ...(error.scimType ? { scimType: error.scimType } : {}),
    detail: error.detail,
  };
}

export const badRequest = (detail: string, scimType: ScimType = 'invalidValue') => new ScimError(400, detail, scimType);
export const notFound = (detail: string) => new ScimError(404, detail);
export const conflict = (detail: string) => new ScimError(409, detail, 'uniqueness');
export const unauthorized = (detail: string) => new ScimError(401, detail);
