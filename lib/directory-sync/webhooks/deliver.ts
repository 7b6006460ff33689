/**
 * One delivery run for one endpoint. The run first takes the endpoint's lease (one run per endpoint at a time, across
 * workers and processes), then sends each lane's deliveries one after another in outbox order: a lane is a
 * directory, so a later event of a directory waits while an earlier one is failing. Lanes run side by side; an
 * endpoint never waits for another (each has its own job and lease). Every request has a deadline and a read limit,
 * redirects are not followed, and the bytes sent are the bytes signed. Results are recorded batch by batch; a crash
 * between sending and recording sends those deliveries again (at least once).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { directoryEvents, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { SYSTEM_ACTOR, writeAudit } from '@/lib/audit';
import { decrypt } from '@/lib/crypto/encryption';
import {
  EgressBlockedError,
  egressPolicyFromEnv,
  egressRequest,
  EgressTimeoutError,
  ResponseTooLargeError,
  type EgressPolicy,
} from '@/lib/net/egress';
import { systemClock, type Clock } from '../schedule';
import { eventBody, toEventPayload, type EventPayload } from './payload';
import { nextAttemptAfterFailure, shouldDisable, webhookSettingsFromEnv, type WebhookSettings } from './settings';
import { SIGNATURE_HEADER, signatureHeader } from './signature';

export type HttpPost = (
  url: string,
  request: { headers: Record<string, string>; body: string; timeoutMs: number; maxBytes: number },
) => Promise<{ status: number; body: Buffer }>;

/** What a run needs, passed in: database, clock, egress policy, settings, and (for tests) the HTTP client. */
export type DeliveryDeps = {
  db: Database;
  clock?: Clock;
  policy?: EgressPolicy;
  settings?: WebhookSettings;
  post?: HttpPost;
  random?: () => number;
};

type Context = Required<Omit<DeliveryDeps, 'policy'>>;

export type DeliveryRunResult = {
  /** False when another run holds the endpoint (or it is disabled or gone): nothing was sent. */
  claimed: boolean;
  succeeded: number;
  failed: number;
  /** Deliveries are still due: send the job again. */
  more: boolean;
};

const OPEN = ['pending', 'retrying'] as const;
const USER_AGENT = 'Roster-Webhooks/1.0';

function resolve(deps: DeliveryDeps): Context {
  const policy = deps.policy ?? egressPolicyFromEnv();
  return {
    db: deps.db,
    clock: deps.clock ?? systemClock,
    settings: deps.settings ?? webhookSettingsFromEnv(),
    random: deps.random ?? Math.random,
    post: deps.post ?? ((url, request) => egressRequest(url, { method: 'POST', ...request, policy })),
  };
}

type Endpoint = { id: string; tenantId: string; url: string; secret: string; token: string };

function leaseMs(settings: WebhookSettings): number {
  // Longer than a run can take: the budget, one more request and the recording after it.
  return settings.runBudgetMs + settings.timeoutMs + 60_000;
}

async function claimEndpoint(ctx: Context, endpointId: string): Promise<Endpoint | null> {
  const now = ctx.clock();
  const token = randomUUID();
  const [row] = await ctx.db
    .update(webhookEndpoints)
    .set({ leaseToken: token, leaseUntil: new Date(now.getTime() + leaseMs(ctx.settings)) })
    .where(
      and(
        eq(webhookEndpoints.id, endpointId),
        eq(webhookEndpoints.enabled, true),
        or(isNull(webhookEndpoints.leaseUntil), lte(webhookEndpoints.leaseUntil, now)),
      ),
    )
    .returning({
      id: webhookEndpoints.id,
      tenantId: webhookEndpoints.tenantId,
      url: webhookEndpoints.url,
      secretEncrypted: webhookEndpoints.secretEncrypted,
    });
  if (!row) return null;
  const endpoint = { id: row.id, tenantId: row.tenantId, url: row.url, secret: '', token };
  try {
    endpoint.secret = decrypt(row.secretEncrypted);
  } catch (error) {
    await releaseEndpoint(ctx.db, endpoint);
    throw new Error('The signing secret of a webhook endpoint cannot be decrypted (ENCRYPTION_KEY changed?)', {
      cause: error,
    });
  }
  return endpoint;
}

async function releaseEndpoint(db: Executor, endpoint: Endpoint): Promise<void> {
  await db
    .update(webhookEndpoints)
    .set({ leaseToken: null, leaseUntil: null })
    .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.leaseToken, endpoint.token)));
}

/**
 * Lanes of the endpoint whose first open delivery is due (a lane waits while its head waits for a retry). A loose
 * index scan: one index probe per lane, however many deliveries wait in each.
 */
export async function dueLanes(
  db: Executor,
  tenantId: string,
  endpointId: string,
  now: Date,
  limit = 1000,
): Promise<string[]> {
  const result = await db.execute<{ lane: string }>(sql`
    with recursive heads as (
      (select lane, next_attempt_at from webhook_deliveries
       where endpoint_id = ${endpointId} and tenant_id = ${tenantId} and status in ('pending', 'retrying')
       order by lane, event_seq, id limit 1)
      union all
      select next.lane, next.next_attempt_at from heads cross join lateral (
        select lane, next_attempt_at from webhook_deliveries
        where endpoint_id = ${endpointId} and tenant_id = ${tenantId} and status in ('pending', 'retrying') and lane > heads.lane
        order by lane, event_seq, id limit 1) next
    )
    select lane from heads where next_attempt_at <= ${now.toISOString()}::timestamptz limit ${limit}`);
  return result.rows.map((row) => row.lane);
}

type Delivery = {
  id: number;
  attempts: number;
  nextAttemptAt: Date | null;
  firstAttemptAt: Date | null;
  payload: EventPayload | null;
};

async function laneBatch(ctx: Context, endpoint: Endpoint, lane: string): Promise<Delivery[]> {
  const d = webhookDeliveries;
  const rows = await ctx.db
    .select({
      id: d.id,
      kind: d.kind,
      eventSeq: d.eventSeq,
      stored: d.payload,
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt,
      firstAttemptAt: d.firstAttemptAt,
      outboxId: directoryEvents.id,
      outboxEvent: directoryEvents.event,
      outboxData: directoryEvents.data,
      outboxCreatedAt: directoryEvents.createdAt,
    })
    .from(d)
    .leftJoin(directoryEvents, and(eq(directoryEvents.seq, d.eventSeq), eq(directoryEvents.tenantId, d.tenantId)))
    // The literal status list matches the partial index's predicate, so the plan uses it whatever the statistics say.
    .where(
      and(
        eq(d.tenantId, endpoint.tenantId),
        eq(d.endpointId, endpoint.id),
        eq(d.lane, lane),
        sql`${d.status} in ('pending', 'retrying')`,
      ),
    )
    .orderBy(d.eventSeq, d.id)
    .limit(ctx.settings.batchSize);
  return rows.map((row) => ({
    id: row.id,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    firstAttemptAt: row.firstAttemptAt,
    payload: row.stored
      ? (row.stored as EventPayload)
      : row.outboxId && row.outboxEvent && row.outboxCreatedAt
        ? toEventPayload({
            id: row.outboxId,
            event: row.outboxEvent,
            data: row.outboxData,
            createdAt: row.outboxCreatedAt,
          })
        : null,
  }));
}

type Outcome = {
  delivery: Delivery;
  result: 'succeeded' | 'failed' | 'gone';
  at: Date;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  excerpt: string | null;
};

/** The start of the answer, as text the log can store (PostgreSQL text cannot hold NUL). */
function excerptOf(body: Buffer, bytes: number): string {
  return body
    .subarray(0, bytes)
    .toString('utf8')
    .replace(/\u0000/g, '');
}

function describeStatus(status: number): string {
  if (status >= 300 && status < 400) return `HTTP ${status}: redirects are not followed`;
  return `HTTP ${status}`;
}

function describeError(error: unknown, settings: WebhookSettings): string {
  if (error instanceof EgressTimeoutError) return `No complete answer within ${settings.timeoutMs / 1000} s`;
  if (error instanceof ResponseTooLargeError)
    return `The answer was longer than ${Math.round(settings.maxResponseBytes / 1024)} KB`;
  if (error instanceof EgressBlockedError) return `Refused: ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 500) || 'The request failed';
}

async function attempt(ctx: Context, endpoint: Endpoint, delivery: Delivery): Promise<Outcome> {
  const at = ctx.clock();
  if (!delivery.payload) {
    return {
      delivery,
      result: 'gone',
      at,
      statusCode: null,
      durationMs: 0,
      excerpt: null,
      error: 'The event is no longer stored (past the outbox retention).',
    };
  }
  const body = eventBody(delivery.payload);
  const headers = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    [SIGNATURE_HEADER]: signatureHeader(endpoint.secret, body, at.getTime()),
  };
  const started = performance.now();
  try {
    const response = await ctx.post(endpoint.url, {
      headers,
      body,
      timeoutMs: ctx.settings.timeoutMs,
      maxBytes: ctx.settings.maxResponseBytes,
    });
    const ok = response.status >= 200 && response.status < 300;
    return {
      delivery,
      result: ok ? 'succeeded' : 'failed',
      at,
      statusCode: response.status,
      durationMs: Math.round(performance.now() - started),
      excerpt: excerptOf(response.body, ctx.settings.excerptBytes),
      error: ok ? null : describeStatus(response.status),
    };
  } catch (error) {
    return {
      delivery,
      result: 'failed',
      at,
      statusCode: null,
      durationMs: Math.round(performance.now() - started),
      excerpt: null,
      error: describeError(error, ctx.settings),
    };
  }
}

type RunState = { deadline: number; stopped: boolean; succeeded: number; failed: number };

const outOfTime = (state: RunState) => performance.now() >= state.deadline;

async function recordSuccesses(tx: Executor, endpoint: Endpoint, outcomes: Outcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const column = <T>(pick: (o: Outcome) => T) => sql.param(outcomes.map(pick));
  await tx.execute(sql`
    update webhook_deliveries d set
      status = 'succeeded', attempts = d.attempts + 1, next_attempt_at = null,
      first_attempt_at = coalesce(d.first_attempt_at, v.at), last_attempt_at = v.at, delivered_at = v.at,
      last_status_code = v.code, last_duration_ms = v.ms, last_error = null, response_excerpt = v.excerpt
    from unnest(${column((o) => o.delivery.id)}::bigint[], ${column((o) => o.delivery.attempts)}::int[],
                ${column((o) => o.at.toISOString())}::timestamptz[], ${column((o) => o.statusCode)}::int[],
                ${column((o) => o.durationMs)}::int[], ${column((o) => o.excerpt)}::text[]) as v(id, attempts, at, code, ms, excerpt)
    where d.id = v.id and d.tenant_id = ${endpoint.tenantId} and d.endpoint_id = ${endpoint.id}
      and d.attempts = v.attempts and d.status in ('pending', 'retrying')`);
}

async function recordFailure(ctx: Context, tx: Executor, endpoint: Endpoint, outcome: Outcome): Promise<void> {
  const { delivery } = outcome;
  const gone = outcome.result === 'gone';
  const firstAttemptAt = delivery.firstAttemptAt ?? outcome.at;
  const next = gone
    ? null
    : nextAttemptAfterFailure(delivery.attempts + 1, firstAttemptAt, outcome.at, ctx.settings, ctx.random);
  await tx
    .update(webhookDeliveries)
    .set({
      status: next ? 'retrying' : 'failed',
      attempts: gone ? delivery.attempts : delivery.attempts + 1,
      nextAttemptAt: next,
      firstAttemptAt: gone ? delivery.firstAttemptAt : firstAttemptAt,
      lastAttemptAt: gone ? undefined : outcome.at,
      lastStatusCode: outcome.statusCode,
      lastDurationMs: gone ? undefined : outcome.durationMs,
      lastError: outcome.error,
      responseExcerpt: outcome.excerpt,
    })
    .where(
      and(
        eq(webhookDeliveries.id, delivery.id),
        eq(webhookDeliveries.tenantId, endpoint.tenantId),
        eq(webhookDeliveries.endpointId, endpoint.id),
        eq(webhookDeliveries.attempts, delivery.attempts),
        inArray(webhookDeliveries.status, [...OPEN]),
      ),
    );
}

/**
 * The endpoint's run of failures (for auto-disable) and last success/failure; disables it once the threshold is
 * reached. Returns whether this run may go on (lease still held, endpoint still enabled).
 */
async function recordEndpointHealth(
  ctx: Context,
  tx: Executor,
  endpoint: Endpoint,
  successes: Outcome[],
  failure: Outcome | null,
): Promise<boolean> {
  const e = webhookEndpoints;
  const lastSuccess = successes.at(-1)?.at;
  const failedAt = failure?.at;
  const changes = failedAt
    ? lastSuccess
      ? { consecutiveFailures: sql`1`, failingSince: failedAt, lastSuccessAt: lastSuccess, lastFailureAt: failedAt }
      : {
          consecutiveFailures: sql`${e.consecutiveFailures} + 1`,
          failingSince: sql`coalesce(${e.failingSince}, ${failedAt.toISOString()}::timestamptz)`,
          lastFailureAt: failedAt,
        }
    : lastSuccess
      ? { consecutiveFailures: 0, failingSince: null, lastSuccessAt: lastSuccess }
      : null;
  const where = and(eq(e.id, endpoint.id), eq(e.tenantId, endpoint.tenantId));
  const [row] = changes
    ? await tx.update(e).set(changes).where(where).returning()
    : await tx.select().from(e).where(where);
  if (!row) return false;
  if (
    failedAt &&
    row.enabled &&
    row.failingSince &&
    shouldDisable(row.consecutiveFailures, row.failingSince, failedAt, ctx.settings)
  ) {
    const hours = Math.round((failedAt.getTime() - row.failingSince.getTime()) / 3_600_000);
    const reason = `Disabled automatically on ${failedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: every attempt failed for ${hours} hours (${row.consecutiveFailures} in a row). Last error: ${failure?.error ?? 'unknown'}.`;
    await tx
      .update(e)
      .set({ enabled: false, disabledReason: reason, disabledAt: failedAt, updatedAt: failedAt })
      .where(where);
    await writeAudit(tx, endpoint.tenantId, SYSTEM_ACTOR, {
      action: 'webhook_endpoint.disabled',
      target: row.url,
      details: {
        automatic: true,
        consecutiveFailures: row.consecutiveFailures,
        failingSince: row.failingSince.toISOString(),
      },
    });
    return false;
  }
  return row.enabled && row.leaseToken === endpoint.token;
}

async function record(ctx: Context, endpoint: Endpoint, outcomes: Outcome[], state: RunState): Promise<void> {
  if (outcomes.length === 0) return;
  const successes = outcomes.filter((o) => o.result === 'succeeded');
  const failures = outcomes.filter((o) => o.result !== 'succeeded');
  const attemptFailure = failures.find((o) => o.result === 'failed') ?? null;
  const goOn = await ctx.db.transaction(async (tx) => {
    await recordSuccesses(tx, endpoint, successes);
    for (const failure of failures) await recordFailure(ctx, tx, endpoint, failure);
    return recordEndpointHealth(ctx, tx, endpoint, successes, attemptFailure);
  });
  state.succeeded += successes.length;
  state.failed += attemptFailure ? 1 : 0;
  if (!goOn) state.stopped = true;
}

const isDue = (delivery: Delivery, now: Date) =>
  delivery.nextAttemptAt !== null && delivery.nextAttemptAt.getTime() <= now.getTime();

/** Sends one lane in order until it is empty, its head fails, or the run must stop. Returns whether it did anything. */
async function deliverLane(ctx: Context, endpoint: Endpoint, lane: string, state: RunState): Promise<boolean> {
  let progressed = false;
  for (;;) {
    if (state.stopped || outOfTime(state)) return progressed;
    const batch = await laneBatch(ctx, endpoint, lane);
    const outcomes: Outcome[] = [];
    for (const delivery of batch) {
      if (state.stopped || outOfTime(state) || !isDue(delivery, ctx.clock())) break;
      const outcome = await attempt(ctx, endpoint, delivery);
      outcomes.push(outcome);
      if (outcome.result === 'failed') break;
    }
    await record(ctx, endpoint, outcomes, state);
    progressed ||= outcomes.length > 0;
    if (outcomes.length < batch.length || outcomes.length === 0 || outcomes.at(-1)?.result === 'failed')
      return progressed;
  }
}

async function forEachConcurrently<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** One run for one endpoint: see the file comment. */
export async function deliverEndpoint(deps: DeliveryDeps, endpointId: string): Promise<DeliveryRunResult> {
  const ctx = resolve(deps);
  const endpoint = await claimEndpoint(ctx, endpointId);
  if (!endpoint) return { claimed: false, succeeded: 0, failed: 0, more: false };
  const state: RunState = {
    deadline: performance.now() + ctx.settings.runBudgetMs,
    stopped: false,
    succeeded: 0,
    failed: 0,
  };
  // A pass over due lanes that sent nothing although time was left (which should not happen) ends the run without
  // asking for another; the tick looks again.
  let stuck = false;
  try {
    for (;;) {
      if (state.stopped || outOfTime(state)) break;
      const lanes = await dueLanes(ctx.db, endpoint.tenantId, endpoint.id, ctx.clock());
      if (lanes.length === 0) break;
      let progressed = false;
      await forEachConcurrently(lanes, ctx.settings.laneConcurrency, async (lane) => {
        if (await deliverLane(ctx, endpoint, lane, state)) progressed = true;
      });
      if (!progressed) {
        stuck = !outOfTime(state);
        break;
      }
    }
  } finally {
    await releaseEndpoint(ctx.db, endpoint);
  }
  // Deliveries that became due while the lease was held (their job found the endpoint busy) are picked up by the
  // next job: the caller sends it when `more`.
  const more =
    !state.stopped && !stuck && (await dueLanes(ctx.db, endpoint.tenantId, endpoint.id, ctx.clock(), 1)).length > 0;
  return { claimed: true, succeeded: state.succeeded, failed: state.failed, more };
}

/** Enabled endpoints (of any tenant) with a due lane and no run holding them: the tick sends their jobs. */
export async function endpointsWithDueDeliveries(db: Executor, now: Date, limit = 10_000): Promise<string[]> {
  const at = now.toISOString();
  const result = await db.execute<{ endpoint_id: string }>(sql`
    with recursive heads as (
      (select endpoint_id, lane, next_attempt_at from webhook_deliveries
       where status in ('pending', 'retrying')
       order by endpoint_id, lane, event_seq, id limit 1)
      union all
      select next.endpoint_id, next.lane, next.next_attempt_at from heads cross join lateral (
        select endpoint_id, lane, next_attempt_at from webhook_deliveries
        where status in ('pending', 'retrying') and (endpoint_id, lane) > (heads.endpoint_id, heads.lane)
        order by endpoint_id, lane, event_seq, id limit 1) next
    )
    select distinct heads.endpoint_id from heads
    join webhook_endpoints ep on ep.id = heads.endpoint_id
    where heads.next_attempt_at <= ${at}::timestamptz and ep.enabled
      and (ep.lease_until is null or ep.lease_until <= ${at}::timestamptz)
    limit ${limit}`);
  return result.rows.map((row) => row.endpoint_id);
}
