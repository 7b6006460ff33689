import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { and, asc, eq } from 'drizzle-orm';
import { WorkOS } from '@workos-inc/node';
import { getDb, schema, type Database } from '@/db/client';
import { auditLog, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';
import { createTenant } from '@/tests/support/factories';
import { startReceiver, type Answer, type Receiver, type ReceivedWebhook } from '@/tests/support/webhook-receiver';
import { LOCAL_POLICY, makeEndpoint, newDirectory, writeOutboxEvents } from '@/tests/support/webhook-factories';
import type { Clock } from '../schedule';
import { deliverEndpoint } from './deliver';
import { resendDelivery } from './deliveries';
import { enableEndpoint } from './endpoints';
import { fanOut } from './fan-out';
import { toEventPayload } from './payload';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './settings';

const workos = new WorkOS('sk_test_roster_webhooks');
const FAST: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS, timeoutMs: 2000 };

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function receiver(answer?: (index: number, request: ReceivedWebhook) => Answer) {
  const started = await startReceiver(answer);
  receivers.push(started);
  return started;
}

/** A clock the test moves by hand; `random` 0.5 makes the backoff exact (base × 2^(n-1)). */
type ManualClock = { now: Date; read: Clock; advance(ms: number): void };

function manualClock(start = new Date()): ManualClock {
  const clock: ManualClock = {
    now: start,
    read: () => clock.now,
    advance: (ms) => {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  return clock;
}

function deps(clock: Clock = () => new Date(), settings: WebhookSettings = FAST, db: Database = getDb()) {
  return { db, clock, policy: LOCAL_POLICY, settings, random: () => 0.5 };
}

const idOf = (request: ReceivedWebhook) => (JSON.parse(request.body) as { id: string }).id;

async function deliveriesOf(endpointId: string) {
  return getDb()
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(asc(webhookDeliveries.id));
}

async function endpointRow(endpointId: string) {
  const [row] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
  return row;
}

describe('webhook delivery: the body and its signature', () => {
  it('sends the event object as compact JSON, signed so that the real SDK verifies it from the raw body and from the parsed object', async () => {
    const tenant = await createTenant();
    const local = await receiver();
    const { endpoint, secret } = await makeEndpoint(tenant.id, local.url);
    const directory = newDirectory();
    const [event] = await writeOutboxEvents(tenant.id, directory, [
      {
        event: 'dsync.user.created',
        data: {
          object: 'directory_user',
          id: 'directory_user_01',
          first_name: 'Zoë',
          last_name: 'Ångström 😀',
          custom_attributes: { note: 'a "quoted" <tag> \\ slash' },
        },
      },
    ]);
    await fanOut(getDb(), tenant.id, new Date());

    const result = await deliverEndpoint(deps(), endpoint.id);

    expect(result).toMatchObject({ claimed: true, succeeded: 1, failed: 0, more: false });
    expect(local.received).toHaveLength(1);
    const [request] = local.received;
    expect(request.body).toBe(
      JSON.stringify(
        toEventPayload({ id: event.id, event: event.event, data: event.data, createdAt: event.createdAt }),
      ),
    );
    // The Events API's list item, key for key (issue 13's toEvent).
    expect(Object.keys(JSON.parse(request.body))).toEqual(['object', 'id', 'event', 'data', 'created_at', 'context']);
    expect(JSON.parse(request.body)).toEqual({
      object: 'event',
      id: event.id,
      event: 'dsync.user.created',
      data: event.data,
      created_at: event.createdAt.toISOString(),
      context: {},
    });
    expect(request.body).toContain('Zoë');
    expect(request.body).not.toContain('\\u');
    expect(request.headers['content-type']).toBe('application/json');
    const sigHeader = request.headers['workos-signature'] as string;
    expect(sigHeader).toMatch(/^t=\d{13}, v1=[0-9a-f]{64}$/);

    const fromRaw = await workos.webhooks.constructEvent({ payload: request.body, sigHeader, secret });
    expect(fromRaw).toMatchObject({ id: event.id, event: 'dsync.user.created' });
    const fromParsed = await workos.webhooks.constructEvent({ payload: JSON.parse(request.body), sigHeader, secret });
    expect(fromParsed).toMatchObject({ id: event.id, event: 'dsync.user.created' });
    await expect(
      workos.webhooks.constructEvent({ payload: request.body, sigHeader, secret: `${secret}x` }),
    ).rejects.toThrow();

    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      lastStatusCode: 200,
      responseExcerpt: 'ok',
      lastError: null,
      nextAttemptAt: null,
      eventId: event.id,
    });
    expect(delivery.lastDurationMs).toBeGreaterThanOrEqual(0);
  });
});

describe('webhook delivery: at least once, in order per directory', () => {
  it('a receiver that answers 500 then 200 gets the event again, and the directory’s later events only after it; another directory is not held up', async () => {
    const tenant = await createTenant();
    let failedOnce = false;
    let failId = '';
    const local = await receiver((_index, request) => {
      if (idOf(request) === failId && !failedOnce) {
        failedOnce = true;
        return { status: 500, body: 'boom' };
      }
      return {};
    });
    const { endpoint } = await makeEndpoint(tenant.id, local.url);
    const dirA = newDirectory();
    const dirB = newDirectory();
    const [a1, a2, a3] = await writeOutboxEvents(tenant.id, dirA, [
      { event: 'dsync.user.created' },
      { event: 'dsync.user.updated' },
      { event: 'dsync.user.deleted' },
    ]);
    const [b1, b2] = await writeOutboxEvents(tenant.id, dirB, [
      { event: 'dsync.group.created' },
      { event: 'dsync.group.user_added' },
    ]);
    failId = a1.id;
    await fanOut(getDb(), tenant.id, new Date());
    const clock = manualClock();

    const first = await deliverEndpoint(deps(clock.read), endpoint.id);

    expect(first).toMatchObject({ claimed: true, succeeded: 2, failed: 1 });
    expect(local.received.map(idOf).filter((id) => [a1.id, a2.id, a3.id].includes(id))).toEqual([a1.id]);
    expect(local.received.map(idOf).filter((id) => [b1.id, b2.id].includes(id))).toEqual([b1.id, b2.id]);
    const failing = (await deliveriesOf(endpoint.id)).find((d) => d.eventId === a1.id)!;
    expect(failing).toMatchObject({
      status: 'retrying',
      attempts: 1,
      lastStatusCode: 500,
      responseExcerpt: 'boom',
      lastError: 'HTTP 500',
    });
    expect(failing.nextAttemptAt!.getTime()).toBe(clock.now.getTime() + FAST.backoffBaseMs);
    expect(
      (await deliveriesOf(endpoint.id))
        .filter((d) => [a2.id, a3.id].includes(d.eventId))
        .map((d) => [d.status, d.attempts]),
    ).toEqual([
      ['pending', 0],
      ['pending', 0],
    ]);
    expect((await endpointRow(endpoint.id)).lastFailureAt).toEqual(clock.now);

    // Not due yet: nothing is sent, and the later events keep waiting.
    const early = await deliverEndpoint(deps(clock.read), endpoint.id);
    expect(early).toMatchObject({ claimed: true, succeeded: 0, failed: 0 });
    expect(local.received).toHaveLength(3);

    clock.advance(FAST.backoffBaseMs);
    const retry = await deliverEndpoint(deps(clock.read), endpoint.id);

    expect(retry).toMatchObject({ claimed: true, succeeded: 3, failed: 0, more: false });
    expect(local.received.map(idOf).filter((id) => [a1.id, a2.id, a3.id].includes(id))).toEqual([
      a1.id,
      a1.id,
      a2.id,
      a3.id,
    ]);
    const final = await deliveriesOf(endpoint.id);
    expect(final.every((d) => d.status === 'succeeded')).toBe(true);
    expect(final.find((d) => d.eventId === a1.id)).toMatchObject({ attempts: 2, lastStatusCode: 200 });
    expect(await endpointRow(endpoint.id)).toMatchObject({ consecutiveFailures: 0, failingSince: null });
  });

  it('a run that runs out of time asks for another, and the next run carries on in order', async () => {
    const tenant = await createTenant();
    const local = await receiver(() => ({ delayMs: 30 }));
    const { endpoint } = await makeEndpoint(tenant.id, local.url);
    const events = await writeOutboxEvents(
      tenant.id,
      newDirectory(),
      Array.from({ length: 12 }, () => ({ event: 'dsync.user.updated' as const })),
    );
    await fanOut(getDb(), tenant.id, new Date());
    const short = { ...FAST, runBudgetMs: 100, batchSize: 5 };

    const first = await deliverEndpoint(deps(undefined, short), endpoint.id);
    expect(first.more).toBe(true);
    expect(first.succeeded).toBeGreaterThan(0);
    expect(first.succeeded).toBeLessThan(12);
    for (let run = 0; run < 20 && (await deliverEndpoint(deps(undefined, short), endpoint.id)).more; run += 1);

    expect(local.received.map(idOf)).toEqual(events.map((e) => e.id));
    expect((await deliveriesOf(endpoint.id)).every((d) => d.status === 'succeeded')).toBe(true);
  });

  it('a redirect is a failure and is not followed', async () => {
    const tenant = await createTenant();
    const target = await receiver();
    const redirecting = await receiver(() => ({ status: 307, body: '' }));
    const { endpoint } = await makeEndpoint(tenant.id, redirecting.url);
    await writeOutboxEvents(tenant.id, newDirectory(), [{ event: 'dsync.user.created' }]);
    await fanOut(getDb(), tenant.id, new Date());

    await deliverEndpoint(deps(), endpoint.id);

    expect(target.received).toHaveLength(0);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({
      status: 'retrying',
      lastStatusCode: 307,
      lastError: 'HTTP 307: redirects are not followed',
    });
  });

  it('gives up on a delivery after the retry window, and the directory’s next event goes ahead', async () => {
    const tenant = await createTenant();
    let failId = '';
    const local = await receiver((_index, request) => (idOf(request) === failId ? { status: 500 } : {}));
    const { endpoint } = await makeEndpoint(tenant.id, local.url);
    const directory = newDirectory();
    const [first, second] = await writeOutboxEvents(tenant.id, directory, [
      { event: 'dsync.user.created' },
      { event: 'dsync.user.updated' },
    ]);
    failId = first.id;
    await fanOut(getDb(), tenant.id, new Date());
    const settings = { ...FAST, retryWindowMs: 60 * 60_000, backoffBaseMs: 40 * 60_000, disableAfterFailures: 1000 };
    const clock = manualClock();

    await deliverEndpoint(deps(clock.read, settings), endpoint.id); // t0: fails, retry at t0 + 40 min
    clock.advance(40 * 60_000);
    await deliverEndpoint(deps(clock.read, settings), endpoint.id); // fails; 80 min would pass the window: last try at t0 + 60 min
    const [head] = await deliveriesOf(endpoint.id);
    expect(head.nextAttemptAt!.getTime()).toBe(clock.now.getTime() + 20 * 60_000);
    clock.advance(20 * 60_000);
    await deliverEndpoint(deps(clock.read, settings), endpoint.id); // fails at the end of the window: given up

    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries.find((d) => d.eventId === first.id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      nextAttemptAt: null,
    });
    expect(deliveries.find((d) => d.eventId === second.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(local.received.map(idOf)).toEqual([first.id, first.id, first.id, second.id]);
  });
});

describe('webhook delivery: auto-disable, enable again, Resend', () => {
  it('disables an endpoint that failed for the threshold time and number of attempts, shows why, audits it; an admin enables it and the waiting events go out in order', async () => {
    const tenant = await createTenant();
    let healthy = false;
    const local = await receiver(() => (healthy ? {} : { status: 503, body: 'down for maintenance' }));
    const { endpoint } = await makeEndpoint(tenant.id, local.url);
    const directory = newDirectory();
    const [first, second] = await writeOutboxEvents(tenant.id, directory, [
      { event: 'dsync.user.created' },
      { event: 'dsync.user.updated' },
    ]);
    await fanOut(getDb(), tenant.id, new Date());
    const settings = { ...FAST, backoffBaseMs: 20 * 60_000, disableAfterFailures: 3, disableAfterMs: 2 * 60 * 60_000 };
    const clock = manualClock();
    const nextDue = async () => {
      const [head] = (await deliveriesOf(endpoint.id)).filter((d) => d.status === 'retrying');
      clock.now = head.nextAttemptAt!;
    };

    await deliverEndpoint(deps(clock.read, settings), endpoint.id); // t0
    await nextDue();
    await deliverEndpoint(deps(clock.read, settings), endpoint.id); // t0 + 20 min
    await nextDue();
    await deliverEndpoint(deps(clock.read, settings), endpoint.id); // t0 + 60 min: 3 failures, but only for 1 hour
    expect(await endpointRow(endpoint.id)).toMatchObject({ enabled: true, consecutiveFailures: 3 });
    await nextDue();
    await deliverEndpoint(deps(clock.read, settings), endpoint.id); // t0 + 140 min: 4 failures over 2 h 20 min

    const disabled = await endpointRow(endpoint.id);
    expect(disabled).toMatchObject({ enabled: false, consecutiveFailures: 4 });
    expect(disabled.disabledReason).toMatch(
      /^Disabled automatically .*every attempt failed for 2 hours \(4 in a row\)\. Last error: HTTP 503\.$/,
    );
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, 'webhook_endpoint.disabled')));
    expect(audit).toMatchObject({
      actorEmail: 'system',
      target: endpoint.url,
      details: expect.objectContaining({ automatic: true, consecutiveFailures: 4 }),
    });
    expect(local.received.map(idOf)).toEqual([first.id, first.id, first.id, first.id]);

    // Disabled: no run claims it, and events that happen meanwhile are not queued for it.
    clock.advance(24 * 60 * 60_000);
    expect(await deliverEndpoint(deps(clock.read, settings), endpoint.id)).toMatchObject({ claimed: false });
    const [whileDisabled] = await writeOutboxEvents(tenant.id, directory, [{ event: 'dsync.user.deleted' }]);
    await fanOut(getDb(), tenant.id, clock.now);
    expect((await deliveriesOf(endpoint.id)).map((d) => d.eventId)).not.toContain(whileDisabled.id);

    healthy = true;
    await enableEndpoint(getDb(), tenant.id, endpoint.id, clock.now);
    const resumed = await deliverEndpoint(deps(clock.read, settings), endpoint.id);

    expect(resumed).toMatchObject({ claimed: true, succeeded: 2, failed: 0 });
    expect(local.received.map(idOf).slice(4)).toEqual([first.id, second.id]);
    expect(await endpointRow(endpoint.id)).toMatchObject({
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
    });
  });

  it('Resend sends a delivered event again as a new delivery (same body, fresh signature); a retrying one is simply due now', async () => {
    const tenant = await createTenant();
    let failNext = false;
    const local = await receiver(() => {
      if (failNext) {
        failNext = false;
        return { status: 502 };
      }
      return {};
    });
    const { endpoint, secret } = await makeEndpoint(tenant.id, local.url);
    const directory = newDirectory();
    const [event] = await writeOutboxEvents(tenant.id, directory, [{ event: 'dsync.group.created' }]);
    await fanOut(getDb(), tenant.id, new Date());
    const clock = manualClock();
    await deliverEndpoint(deps(clock.read), endpoint.id);
    const [original] = await deliveriesOf(endpoint.id);

    const resent = await resendDelivery(getDb(), tenant.id, original.id, clock.now);
    expect(resent).toMatchObject({
      mode: 'queued',
      endpointId: endpoint.id,
      delivery: { kind: 'resend', resendOf: original.id, eventId: event.id, status: 'pending' },
    });
    await deliverEndpoint(deps(clock.read), endpoint.id);

    expect(local.received.map(idOf)).toEqual([event.id, event.id]);
    expect(local.received[1].body).toBe(local.received[0].body);
    await expect(
      workos.webhooks.constructEvent({
        payload: local.received[1].body,
        sigHeader: local.received[1].headers['workos-signature'] as string,
        secret,
      }),
    ).resolves.toMatchObject({ id: event.id });
    const after = await deliveriesOf(endpoint.id);
    expect(after.map((d) => [d.kind, d.status, d.attempts])).toEqual([
      ['event', 'succeeded', 1],
      ['resend', 'succeeded', 1],
    ]);

    failNext = true;
    const [later] = await writeOutboxEvents(tenant.id, directory, [{ event: 'dsync.group.updated' }]);
    await fanOut(getDb(), tenant.id, clock.now);
    await deliverEndpoint(deps(clock.read), endpoint.id);
    const retrying = (await deliveriesOf(endpoint.id)).find((d) => d.eventId === later.id)!;
    expect(retrying.status).toBe('retrying');

    expect(await resendDelivery(getDb(), tenant.id, retrying.id, clock.now)).toMatchObject({ mode: 'retry_now' });
    await deliverEndpoint(deps(clock.read), endpoint.id);
    expect((await deliveriesOf(endpoint.id)).find((d) => d.id === retrying.id)).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });

    const stranger = await createTenant();
    await expect(resendDelivery(getDb(), stranger.id, retrying.id, clock.now)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('webhook delivery: slow and hostile receivers', () => {
  it('a hanging receiver times out and does not delay another endpoint’s deliveries', async () => {
    const tenant = await createTenant();
    const hanging = await receiver(() => ({ hang: true }));
    const healthy = await receiver();
    const slow = await makeEndpoint(tenant.id, hanging.url);
    const fast = await makeEndpoint(tenant.id, healthy.url);
    await writeOutboxEvents(
      tenant.id,
      newDirectory(),
      [1, 2, 3, 4, 5].map(() => ({ event: 'dsync.user.created' as const })),
    );
    await fanOut(getDb(), tenant.id, new Date());
    const settings = { ...FAST, timeoutMs: 1500 };

    const started = performance.now();
    const slowRun = deliverEndpoint(deps(undefined, settings), slow.endpoint.id).then((result) => ({
      result,
      ms: performance.now() - started,
    }));
    const fastRun = deliverEndpoint(deps(undefined, settings), fast.endpoint.id).then((result) => ({
      result,
      ms: performance.now() - started,
    }));
    const [slowDone, fastDone] = await Promise.all([slowRun, fastRun]);

    expect(fastDone.result).toMatchObject({ succeeded: 5, failed: 0 });
    expect(fastDone.ms).toBeLessThan(1000);
    expect(healthy.received).toHaveLength(5);
    expect(slowDone.result).toMatchObject({ succeeded: 0, failed: 1 });
    expect(slowDone.ms).toBeGreaterThanOrEqual(1500);
    expect(slowDone.ms).toBeLessThan(4000);
    const [head] = await deliveriesOf(slow.endpoint.id);
    expect(head).toMatchObject({
      status: 'retrying',
      lastStatusCode: null,
      lastError: 'No complete answer within 1.5 s',
    });
  });

  it('a receiver that answers without end is cut off at the read limit', async () => {
    const tenant = await createTenant();
    const endless = await receiver(() => ({ endless: true }));
    const { endpoint } = await makeEndpoint(tenant.id, endless.url);
    await writeOutboxEvents(tenant.id, newDirectory(), [{ event: 'dsync.user.created' }]);
    await fanOut(getDb(), tenant.id, new Date());

    const started = performance.now();
    const result = await deliverEndpoint(deps(), endpoint.id);

    expect(result).toMatchObject({ succeeded: 0, failed: 1 });
    expect(performance.now() - started).toBeLessThan(FAST.timeoutMs);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: 'retrying', lastError: 'The answer was longer than 64 KB' });
    expect(endless.bytesWritten).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('webhook delivery: a secret that cannot be decrypted', () => {
  it('fails the run with a clear error, sends nothing and leaves the endpoint free for the next run', async () => {
    const tenant = await createTenant();
    const local = await receiver();
    const { endpoint } = await makeEndpoint(tenant.id, local.url);
    await writeOutboxEvents(tenant.id, newDirectory(), [{ event: 'dsync.user.created' }]);
    await fanOut(getDb(), tenant.id, new Date());
    await getDb()
      .update(webhookEndpoints)
      .set({ secretEncrypted: 'v1.AAAA.BBBB.CCCC' })
      .where(eq(webhookEndpoints.id, endpoint.id));

    await expect(deliverEndpoint(deps(), endpoint.id)).rejects.toThrow('cannot be decrypted');

    expect(local.received).toHaveLength(0);
    expect(await endpointRow(endpoint.id)).toMatchObject({ leaseToken: null, leaseUntil: null });
    expect((await deliveriesOf(endpoint.id)).map((d) => [d.status, d.attempts])).toEqual([['pending', 0]]);
  });
});

describe('webhook delivery: two workers on one database', () => {
  const pools: pg.Pool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
  });
  function secondWorkerDb(): Database {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
    pools.push(pool);
    return drizzle(pool, { schema });
  }

  it('never deliver one attempt twice at the same time: one run holds the endpoint, every event arrives once', async () => {
    const tenant = await createTenant();
    const local = await receiver(() => ({ delayMs: 5 }));
    const { endpoint } = await makeEndpoint(tenant.id, local.url);
    const written = [];
    for (let d = 0; d < 4; d += 1) {
      written.push(
        ...(await writeOutboxEvents(
          tenant.id,
          newDirectory(),
          Array.from({ length: 10 }, () => ({ event: 'dsync.user.updated' as const })),
        )),
      );
    }
    await fanOut(getDb(), tenant.id, new Date());
    const other = secondWorkerDb();

    const runs = await Promise.all([
      deliverEndpoint(deps(), endpoint.id),
      deliverEndpoint(deps(undefined, FAST, other), endpoint.id),
    ]);
    for (
      let round = 0;
      round < 5 && (await deliveriesOf(endpoint.id)).some((d) => d.status !== 'succeeded');
      round += 1
    ) {
      runs.push(
        ...(await Promise.all([
          deliverEndpoint(deps(), endpoint.id),
          deliverEndpoint(deps(undefined, FAST, other), endpoint.id),
        ])),
      );
    }

    expect(runs.slice(0, 2).filter((run) => run.claimed)).toHaveLength(1);
    expect(local.maxInFlightPerEvent).toBe(1);
    expect(local.received.map(idOf).sort()).toEqual(written.map((e) => e.id).sort());
    expect((await deliveriesOf(endpoint.id)).every((d) => d.status === 'succeeded' && d.attempts === 1)).toBe(true);
  });

  it('a worker that died holding the endpoint delays it only until its lease runs out; then the events are delivered', async () => {
    const tenant = await createTenant();
    const local = await receiver();
    const { endpoint } = await makeEndpoint(tenant.id, local.url);
    await writeOutboxEvents(tenant.id, newDirectory(), [{ event: 'dsync.user.created' }]);
    await fanOut(getDb(), tenant.id, new Date());
    const clock = manualClock();
    await getDb()
      .update(webhookEndpoints)
      .set({ leaseToken: '00000000-0000-4000-8000-000000000000', leaseUntil: new Date(clock.now.getTime() + 60_000) })
      .where(eq(webhookEndpoints.id, endpoint.id));

    expect(await deliverEndpoint(deps(clock.read, FAST, secondWorkerDb()), endpoint.id)).toMatchObject({
      claimed: false,
    });
    expect(local.received).toHaveLength(0);

    clock.advance(60_000);
    expect(await deliverEndpoint(deps(clock.read, FAST, secondWorkerDb()), endpoint.id)).toMatchObject({
      claimed: true,
      succeeded: 1,
    });
    expect(local.received).toHaveLength(1);
  });
});
