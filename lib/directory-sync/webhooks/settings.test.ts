import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WEBHOOK_SETTINGS as S,
  nextAttemptAfterFailure,
  retryDelayMs,
  shouldDisable,
  webhookSettingsFromEnv,
} from './settings';
import { signatureHeader } from './signature';
import { createHmac } from 'node:crypto';

const HOUR = 3_600_000;

describe('webhook retry schedule', () => {
  it('doubles from 30 s, is capped at 6 h, and is jittered by ±25 %', () => {
    const exact = () => 0.5;
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, S, exact))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(20, S, exact)).toBe(6 * HOUR);
    expect(retryDelayMs(1, S, () => 0)).toBe(22_500);
    expect(retryDelayMs(1, S, () => 0.999999)).toBeLessThanOrEqual(37_500);
    expect(retryDelayMs(1, S, () => 0.999999)).toBeGreaterThan(37_499);
  });

  it('retries for 3 days from the first attempt, the last try at the end of the window, then gives up', () => {
    const first = new Date('2026-01-01T00:00:00Z');
    const late = new Date(first.getTime() + 71 * HOUR);
    expect(nextAttemptAfterFailure(15, first, late, S, () => 0.5)).toEqual(new Date(first.getTime() + 72 * HOUR));
    expect(nextAttemptAfterFailure(16, first, new Date(first.getTime() + 72 * HOUR), S)).toBeNull();
    let now = first;
    let attempts = 0;
    for (let next: Date | null = first; next; attempts += 1) {
      now = next;
      next = nextAttemptAfterFailure(attempts + 1, first, now, S, () => 0.5);
    }
    expect(now.getTime() - first.getTime()).toBe(72 * HOUR);
    expect(attempts).toBeGreaterThanOrEqual(15);
    expect(attempts).toBeLessThanOrEqual(25);
  });

  it('disables only when both the time and the number of failures in a row reach the threshold', () => {
    const since = new Date('2026-01-01T00:00:00Z');
    expect(shouldDisable(100, since, new Date(since.getTime() + 71 * HOUR), S)).toBe(false);
    expect(shouldDisable(19, since, new Date(since.getTime() + 80 * HOUR), S)).toBe(false);
    expect(shouldDisable(20, since, new Date(since.getTime() + 72 * HOUR), S)).toBe(true);
  });

  it('reads the timeout and the threshold from the environment, ignoring nonsense', () => {
    expect(
      webhookSettingsFromEnv({
        ROSTER_WEBHOOK_TIMEOUT_MS: '2500',
        ROSTER_WEBHOOK_DISABLE_AFTER_HOURS: '12',
        ROSTER_WEBHOOK_DISABLE_AFTER_FAILURES: '5',
      }),
    ).toMatchObject({
      timeoutMs: 2500,
      disableAfterMs: 12 * HOUR,
      disableAfterFailures: 5,
    });
    expect(
      webhookSettingsFromEnv({ ROSTER_WEBHOOK_TIMEOUT_MS: 'soon', ROSTER_WEBHOOK_DISABLE_AFTER_HOURS: '-1' }),
    ).toMatchObject({ timeoutMs: 10_000, disableAfterMs: 72 * HOUR });
  });
});

describe('webhook signature', () => {
  it('is t=<ms>, v1=<hex HMAC-SHA256 of "<t>.<body>">, t first', () => {
    const body = '{"id":"event_1","event":"dsync.user.created"}';
    const expected = createHmac('sha256', 'whsec_x').update(`1767225600000.${body}`).digest('hex');
    expect(signatureHeader('whsec_x', body, 1_767_225_600_000)).toBe(`t=1767225600000, v1=${expected}`);
  });
});
