import type { Executor } from '@/db/client';
import { deleteExpiredThrottles } from '@/lib/auth/throttle';
import { deleteExpiredRateLimits } from '@/lib/rate-limits';
import { deleteOldScimRequests } from '@/lib/scim/request-log';
import { deleteOldRejectedScimRequests } from '@/lib/scim/rejected-requests';
import { deleteOldChanges } from '@/lib/hr-api/delta';

/**
 * Keeps the security tables bounded: sign-in throttle rows whose failures are forgotten, rate-limit counters of past
 * windows, SCIM request log entries past ROSTER_SCIM_LOG_MAX_AGE_DAYS, rejected SCIM requests past a week and HR API
 * change-feed rows past their retention (lib/hr-api/delta.ts).
 */
export async function cleanUpSecurityRecords(db: Executor) {
  return {
    throttles: await deleteExpiredThrottles(db),
    rateLimits: await deleteExpiredRateLimits(),
    scimRequests: await deleteOldScimRequests(db),
    rejectedScimRequests: await deleteOldRejectedScimRequests(db),
    hrChanges: await deleteOldChanges(db),
  };
}
