/**
 * The delivery rules in one place: request timeout and read limit, the retry schedule (exponential backoff with
 * jitter for up to 3 days, as WorkOS does), the auto-disable threshold and the size of one delivery run. Defaults
 * can be changed with environment variables; tests pass their own.
 */

export type WebhookSettings = {
  /** Deadline of one request: connect, answer and body (ROSTER_WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** A longer answer is cut off and the attempt fails (the receiver should answer 2xx with a short body). */
  maxResponseBytes: number;
  /** How much of the answer the delivery log keeps. */
  excerptBytes: number;
  /** How long a delivery is retried from its first attempt. */
  retryWindowMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** An endpoint is disabled once every attempt failed for this long (ROSTER_WEBHOOK_DISABLE_AFTER_HOURS)… */
  disableAfterMs: number;
  /** …and at least this many attempts in a row failed (ROSTER_WEBHOOK_DISABLE_AFTER_FAILURES). */
  disableAfterFailures: number;
  /** A delivery run starts no new request after this long; the next job carries on. */
  runBudgetMs: number;
  /** Lanes (directories) of one endpoint delivered at the same time. */
  laneConcurrency: number;
  /** Deliveries read, sent in order and recorded together. */
  batchSize: number;
};

const HOUR = 60 * 60 * 1000;

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  timeoutMs: 10_000,
  maxResponseBytes: 64 * 1024,
  excerptBytes: 2048,
  retryWindowMs: 72 * HOUR,
  backoffBaseMs: 30_000,
  backoffMaxMs: 6 * HOUR,
  disableAfterMs: 72 * HOUR,
  disableAfterFailures: 20,
  runBudgetMs: 30_000,
  laneConcurrency: 8,
  batchSize: 50,
};

function positive(value: string | undefined): number | undefined {
  const number = Number(value?.trim());
  return value?.trim() && Number.isFinite(number) && number > 0 ? number : undefined;
}

export function webhookSettingsFromEnv(env: Record<string, string | undefined> = process.env): WebhookSettings {
  const hours = positive(env.ROSTER_WEBHOOK_DISABLE_AFTER_HOURS);
  return {
    ...DEFAULT_WEBHOOK_SETTINGS,
    timeoutMs: positive(env.ROSTER_WEBHOOK_TIMEOUT_MS) ?? DEFAULT_WEBHOOK_SETTINGS.timeoutMs,
    disableAfterMs: hours ? hours * HOUR : DEFAULT_WEBHOOK_SETTINGS.disableAfterMs,
    disableAfterFailures:
      positive(env.ROSTER_WEBHOOK_DISABLE_AFTER_FAILURES) ?? DEFAULT_WEBHOOK_SETTINGS.disableAfterFailures,
  };
}

/**
 * The wait before retry number `failedAttempts` (1 after the first failure): base × 2^(n-1), capped, times a random
 * factor in [0.75, 1.25) so that endpoints that failed together do not retry together.
 */
export function retryDelayMs(
  failedAttempts: number,
  settings: Pick<WebhookSettings, 'backoffBaseMs' | 'backoffMaxMs'>,
  random: () => number = Math.random,
): number {
  const exponential = settings.backoffBaseMs * 2 ** Math.min(Math.max(failedAttempts - 1, 0), 30);
  return Math.round(Math.min(exponential, settings.backoffMaxMs) * (0.75 + random() / 2));
}

/**
 * When the next attempt is due after a failure, or null when the delivery has run out of time. The last retry is
 * moved forward to the end of the window rather than skipped.
 */
export function nextAttemptAfterFailure(
  failedAttempts: number,
  firstAttemptAt: Date,
  now: Date,
  settings: Pick<WebhookSettings, 'backoffBaseMs' | 'backoffMaxMs' | 'retryWindowMs'>,
  random: () => number = Math.random,
): Date | null {
  const giveUpAt = firstAttemptAt.getTime() + settings.retryWindowMs;
  if (now.getTime() >= giveUpAt) return null;
  return new Date(Math.min(now.getTime() + retryDelayMs(failedAttempts, settings, random), giveUpAt));
}

/** Whether a run of failures has lasted long enough, and been long enough, to disable the endpoint. */
export function shouldDisable(
  consecutiveFailures: number,
  failingSince: Date,
  now: Date,
  settings: Pick<WebhookSettings, 'disableAfterMs' | 'disableAfterFailures'>,
): boolean {
  return (
    consecutiveFailures >= settings.disableAfterFailures &&
    now.getTime() - failingSince.getTime() >= settings.disableAfterMs
  );
}
