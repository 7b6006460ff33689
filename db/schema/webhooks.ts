import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { staffUsers } from './auth';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Webhook endpoints (Dashboard › Webhooks): where Directory Sync events are pushed, signed the WorkOS way. The signing
 * secret must be replayed to sign, so it is stored encrypted (lib/crypto/encryption.ts), never hashed.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** The dsync.* event names this endpoint receives. */
    events: text('events').array().notNull(),
    secretEncrypted: text('secret_encrypted').notNull(),
    secretLastFour: text('secret_last_four').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    disabledReason: text('disabled_reason'),
    disabledAt: tz('disabled_at'),
    /** The last outbox `seq` (directory_events) already turned into deliveries for this endpoint. */
    cursorSeq: bigint('cursor_seq', { mode: 'number' }).notNull().default(0),
    /** Failed attempts since the last success, and when that run of failures began (auto-disable threshold). */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    failingSince: tz('failing_since'),
    lastSuccessAt: tz('last_success_at'),
    lastFailureAt: tz('last_failure_at'),
    /** The one delivery run that may send to this endpoint (DB-level guard across workers and processes). */
    leaseToken: uuid('lease_token'),
    leaseUntil: tz('lease_until'),
    createdById: uuid('created_by_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId, t.createdAt)],
);

export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', ['pending', 'retrying', 'succeeded', 'failed']);
/** event: from the outbox, in order per directory; test: "Send test event"; resend: a finished delivery sent again. */
export const webhookDeliveryKind = pgEnum('webhook_delivery_kind', ['event', 'test', 'resend']);

/** One event to one endpoint, with its latest attempt (the delivery log). */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    kind: webhookDeliveryKind('kind').notNull().default('event'),
    /**
     * Deliveries of one lane reach the endpoint one after another in `event_seq` order: the directory id for outbox
     * events, a key of its own for test events and resends (they wait for nothing).
     */
    lane: text('lane').notNull(),
    /** directory_events.seq (null for test events, whose body is in `payload`). */
    eventSeq: bigint('event_seq', { mode: 'number' }),
    eventId: text('event_id').notNull(),
    eventName: text('event_name').notNull(),
    payload: jsonb('payload'),
    resendOf: bigint('resend_of', { mode: 'number' }),
    status: webhookDeliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tz('next_attempt_at'),
    firstAttemptAt: tz('first_attempt_at'),
    lastAttemptAt: tz('last_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastDurationMs: integer('last_duration_ms'),
    lastError: text('last_error'),
    responseExcerpt: text('response_excerpt'),
    deliveredAt: tz('delivered_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_uq')
      .on(t.endpointId, t.eventSeq)
      .where(sql`${t.kind} = 'event'`),
    index('webhook_deliveries_open_idx')
      .on(t.endpointId, t.lane, t.eventSeq, t.id)
      .where(sql`${t.status} in ('pending', 'retrying')`),
    index('webhook_deliveries_log_idx').on(t.endpointId, t.id),
    index('webhook_deliveries_log_status_idx').on(t.endpointId, t.status, t.id),
    index('webhook_deliveries_done_idx')
      .on(t.createdAt)
      .where(sql`${t.status} in ('succeeded', 'failed')`),
  ],
);
