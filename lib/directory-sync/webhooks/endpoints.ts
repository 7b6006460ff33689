/**
 * Webhook endpoints of a tenant: create (the signing secret is returned once and stored encrypted), list with their
 * backlog, enable and disable, delete. Every query filters by tenant.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import net from 'node:net';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { directoryEvents, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { encrypt } from '@/lib/crypto/encryption';
import { lastFour } from '@/lib/crypto/tokens';
import { FormError, NotFoundError } from '@/lib/errors';
import { classifyAddress, EgressBlockedError, parseEgressUrl, type EgressPolicy } from '@/lib/net/egress';
import { DSYNC_EVENTS, type DsyncEventName } from '../events';
import { generateWebhookSecret } from './signature';

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

const OPEN = ['pending', 'retrying'] as const;
const MAX_URL_LENGTH = 2048;
const MAX_ENDPOINTS_PER_TENANT = 50;

export const newEndpointSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'Enter the endpoint URL.')
    .max(MAX_URL_LENGTH, `Use at most ${MAX_URL_LENGTH} characters.`),
  events: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? [...new Set(value)] : [value]),
    z
      .array(z.string())
      .min(1, 'Choose at least one event.')
      .refine(
        (names) => names.every((name) => (DSYNC_EVENTS as readonly string[]).includes(name)),
        'Choose events from the list.',
      )
      .transform((names) => names as DsyncEventName[]),
  ),
});
export type NewEndpoint = z.infer<typeof newEndpointSchema>;

export const endpointIdSchema = z.object({ endpointId: z.uuid() });

/**
 * An endpoint URL must be plain http(s) without credentials; an address written as an IP is checked now (the
 * egress guard checks names again when it connects, so a DNS answer cannot slip past it).
 */
export function checkEndpointUrl(value: string, policy: EgressPolicy): string {
  let url: URL;
  try {
    url = parseEgressUrl(value);
  } catch (error) {
    if (error instanceof EgressBlockedError)
      throw new FormError('Check the endpoint URL.', {
        url: `Enter an http or https URL without a user name or password (${error.message}).`,
      });
    throw error;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) {
    const kind = classifyAddress(host);
    if (kind === 'blocked')
      throw new FormError('Check the endpoint URL.', {
        url: 'This address is link-local, cloud metadata or reserved, and is never contacted.',
      });
    if (kind === 'private' && !policy.allowPrivate && !policy.trustedOrigins.includes(url.origin)) {
      throw new FormError('Check the endpoint URL.', {
        url: 'This address is private or loopback; the operator has not allowed private addresses (ROSTER_EGRESS_ALLOW_PRIVATE).',
      });
    }
  }
  url.hash = '';
  return url.toString();
}

/** The outbox position a new endpoint starts from: it receives events that happen after it was created. */
export async function outboxEnd(db: Executor, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ seq: sql<string | null>`max(${directoryEvents.seq})` })
    .from(directoryEvents)
    .where(eq(directoryEvents.tenantId, tenantId));
  return Number(row?.seq ?? 0);
}

export async function createEndpoint(
  db: Executor,
  tenantId: string,
  createdById: string | null,
  input: NewEndpoint,
  policy: EgressPolicy,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const url = checkEndpointUrl(input.url, policy);
  const [{ count }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.tenantId, tenantId));
  if (count >= MAX_ENDPOINTS_PER_TENANT)
    throw new FormError(`A tenant can have at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints.`);
  const secret = generateWebhookSecret();
  const [endpoint] = await db
    .insert(webhookEndpoints)
    .values({
      tenantId,
      url,
      events: input.events,
      secretEncrypted: encrypt(secret),
      secretLastFour: lastFour(secret),
      cursorSeq: await outboxEnd(db, tenantId),
      createdById,
    })
    .returning();
  return { endpoint, secret };
}

export type EndpointSummary = WebhookEndpoint & { waiting: number };

/** Deliveries still waiting or retrying, per endpoint. */
export async function waitingCounts(
  db: Executor,
  tenantId: string,
  endpointIds: string[],
): Promise<Map<string, number>> {
  if (endpointIds.length === 0) return new Map();
  const rows = await db
    .select({ endpointId: webhookDeliveries.endpointId, count: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        inArray(webhookDeliveries.endpointId, endpointIds),
        inArray(webhookDeliveries.status, [...OPEN]),
      ),
    )
    .groupBy(webhookDeliveries.endpointId);
  return new Map(rows.map((row) => [row.endpointId, row.count]));
}

/** The tenant's endpoints, newest first, each with the number of deliveries still waiting or retrying. */
export async function listEndpoints(db: Executor, tenantId: string): Promise<EndpointSummary[]> {
  const endpoints = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.tenantId, tenantId))
    .orderBy(desc(webhookEndpoints.createdAt));
  const counts = await waitingCounts(
    db,
    tenantId,
    endpoints.map((e) => e.id),
  );
  return endpoints.map((endpoint) => ({ ...endpoint, waiting: counts.get(endpoint.id) ?? 0 }));
}

export async function getEndpoint(db: Executor, tenantId: string, endpointId: string): Promise<WebhookEndpoint | null> {
  const [endpoint] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, endpointId)));
  return endpoint ?? null;
}

export async function requireEndpoint(db: Executor, tenantId: string, endpointId: string): Promise<WebhookEndpoint> {
  const endpoint = await getEndpoint(db, tenantId, endpointId);
  if (!endpoint) throw new NotFoundError('This webhook endpoint no longer exists.');
  return endpoint;
}

/**
 * Enabling starts a fresh run: the failure count is cleared, and deliveries that were waiting are due at once with a
 * new retry window. Events that happened while the endpoint was disabled are not sent to it.
 */
export async function enableEndpoint(
  db: Executor,
  tenantId: string,
  endpointId: string,
  now: Date,
): Promise<WebhookEndpoint> {
  const [endpoint] = await db
    .update(webhookEndpoints)
    .set({
      enabled: true,
      disabledReason: null,
      disabledAt: null,
      consecutiveFailures: 0,
      failingSince: null,
      updatedAt: now,
    })
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, endpointId)))
    .returning();
  if (!endpoint) throw new NotFoundError('This webhook endpoint no longer exists.');
  await db
    .update(webhookDeliveries)
    .set({
      nextAttemptAt: sql`least(${webhookDeliveries.nextAttemptAt}, ${now.toISOString()}::timestamptz)`,
      firstAttemptAt: null,
    })
    .where(
      and(
        eq(webhookDeliveries.tenantId, tenantId),
        eq(webhookDeliveries.endpointId, endpointId),
        inArray(webhookDeliveries.status, [...OPEN]),
      ),
    );
  return endpoint;
}

export async function disableEndpoint(
  db: Executor,
  tenantId: string,
  endpointId: string,
  reason: string,
  now: Date,
): Promise<WebhookEndpoint> {
  const [endpoint] = await db
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: reason, disabledAt: now, updatedAt: now })
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, endpointId)))
    .returning();
  if (!endpoint) throw new NotFoundError('This webhook endpoint no longer exists.');
  return endpoint;
}

/** Removes the endpoint and its delivery log. */
export async function deleteEndpoint(db: Executor, tenantId: string, endpointId: string): Promise<WebhookEndpoint> {
  const [endpoint] = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, endpointId)))
    .returning();
  if (!endpoint) throw new NotFoundError('This webhook endpoint no longer exists.');
  return endpoint;
}
