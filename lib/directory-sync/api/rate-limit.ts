/**
 * The rate-limit hook of the WorkOS-compatible API. Every authenticated request passes through here before its handler
 * runs (lib/directory-sync/api/handler.ts); a limiter returns `{ retryAfterSeconds }` to refuse it, and the wrapper
 * answers 429 with `Retry-After` in WorkOS's JSON shape (the Node SDK retries, then throws RateLimitExceededException).
 * No limit is applied yet: the limiter itself is being written separately.
 */
export type RateLimitSubject = {
  tenantId: string;
  apiKeyId: string;
  method: string;
  /** The route pattern, e.g. `/directory_users` or `/directory_users/:id` (no ids, no query). */
  route: string;
};

export type RateLimitDecision = { retryAfterSeconds: number } | null;

export async function checkApiRateLimit(_subject: RateLimitSubject): Promise<RateLimitDecision> {
  return null;
}
