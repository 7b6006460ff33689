import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { getLimitsPool } from '@/db/client';
import { logError } from '@/lib/log';

/**
 * Request limits of the machine-facing endpoints, counted by rate-limiter-flexible in PostgreSQL (table
 * `rate_limits`) so that every Roster process shares the counts. Each is `points` requests per `seconds`, set with
 * its environment variable (0 switches it off). Once a key is over its limit, this process refuses it from memory
 * until the window ends, so a client hammering at full speed costs no database work. Should the counters' database
 * be slow or down, a per-process memory limiter stands in.
 */
export const LIMITS = {
  scim: {
    env: 'ROSTER_LIMIT_SCIM_PER_MINUTE',
    points: 1200,
    seconds: 60,
    what: 'SCIM requests per tenant (its SCIM token)',
  },
  hrApiApplication: {
    env: 'ROSTER_LIMIT_HR_API_PER_MINUTE',
    points: 600,
    seconds: 60,
    what: 'HR API requests per Authorised Application',
  },
  hrApiTenant: {
    env: 'ROSTER_LIMIT_HR_API_TENANT_PER_MINUTE',
    points: 1200,
    seconds: 60,
    what: 'HR API requests per tenant (all its applications)',
  },
  tokenClient: {
    env: 'ROSTER_LIMIT_TOKENS_PER_MINUTE',
    points: 30,
    seconds: 60,
    what: '/oauth/token requests per Authorised Application',
  },
  tokenTenant: {
    env: 'ROSTER_LIMIT_TOKENS_TENANT_PER_MINUTE',
    points: 120,
    seconds: 60,
    what: '/oauth/token requests per tenant',
  },
  authFailures: {
    env: 'ROSTER_LIMIT_AUTH_FAILURES_PER_15_MINUTES',
    points: 30,
    seconds: 15 * 60,
    what: 'failed authentications (wrong SCIM token, client secret or access token) per client address',
  },
} as const;

export type LimitName = keyof typeof LIMITS;

export type LimitOutcome =
  | { allowed: true }
  | {
      allowed: false;
      retryAfterSeconds: number;
      /** The limit and its window, for the error message. */
      points: number;
      seconds: number;
      /** The request that crossed the limit (later refusals in the same window are not). */
      first: boolean;
    };

export function configuredPoints(name: LimitName, env: Record<string, string | undefined> = process.env): number {
  const value = Number(env[LIMITS[name].env] ?? LIMITS[name].points);
  return Number.isInteger(value) && value >= 0 ? value : LIMITS[name].points;
}

type Limiters = Map<string, RateLimiterPostgres>;
const limiters: Limiters = ((globalThis as { rosterLimiters?: Limiters }).rosterLimiters ??= new Map());

function limiter(name: LimitName, points: number): RateLimiterPostgres {
  const id = `${name}/${points}`;
  let existing = limiters.get(id);
  if (!existing) {
    const { seconds } = LIMITS[name];
    existing = new RateLimiterPostgres({
      storeClient: getLimitsPool(),
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true, // created by the migrations
      clearExpiredByTimeout: false, // the security cleanup job deletes expired counters
      keyPrefix: name,
      points,
      duration: seconds,
      inMemoryBlockOnConsumed: points + 1,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration: seconds }),
    });
    limiters.set(id, existing);
  }
  return existing;
}

/** Counts one request for `key` under the named limit. */
export async function consumeLimit(name: LimitName, key: string): Promise<LimitOutcome> {
  const points = configuredPoints(name);
  if (points === 0) return { allowed: true };
  try {
    await limiter(name, points).consume(key);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
        points,
        seconds: LIMITS[name].seconds,
        first: rejection.consumedPoints === points + 1,
      };
    }
    // Neither the store nor the memory fallback answered: serve rather than refuse everyone.
    logError(`rate limiter ${name} failed`, rejection);
    return { allowed: true };
  }
}

/** Counts a request under several limits (e.g. per application and per tenant); the first refusal wins. */
export async function consumeLimits(checks: [LimitName, string][]): Promise<LimitOutcome> {
  for (const [name, key] of checks) {
    const outcome = await consumeLimit(name, key);
    if (!outcome.allowed) return outcome;
  }
  return { allowed: true };
}

/** "600 requests per 60 s" */
export function describeLimit(outcome: { points: number; seconds: number }): string {
  return `${outcome.points} per ${outcome.seconds >= 60 && outcome.seconds % 60 === 0 ? `${outcome.seconds / 60} min` : `${outcome.seconds} s`}`;
}

/** Counters whose window ended more than an hour ago; the security cleanup job deletes them. */
export async function deleteExpiredRateLimits(now = Date.now()): Promise<number> {
  const result = await getLimitsPool().query('delete from rate_limits where expire < $1', [now - 3_600_000]);
  return result.rowCount ?? 0;
}

/** For tests: forget this process's limiters (their in-memory blocks) after the environment changed. */
export function resetLimiters() {
  limiters.clear();
}
