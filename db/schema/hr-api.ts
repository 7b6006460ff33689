import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { staffUsers } from './auth';

/** OAuth2 client-credentials applications (Administration › Security › Authorised Applications). */
export const authorisedApplications = pgTable(
  'authorised_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    clientId: text('client_id').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    secretLastFour: text('secret_last_four').notNull(),
    scopes: text('scopes').array().notNull(),
    createdById: uuid('created_by_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    secretRotatedAt: timestamp('secret_rotated_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('authorised_applications_tenant_idx').on(t.tenantId)],
);

export const oauthAccessTokens = pgTable(
  'oauth_access_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => authorisedApplications.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('oauth_access_tokens_app_idx').on(t.applicationId)],
);

/**
 * The HR API's change feed (`$deltatoken`): one row per change of a person or department, written by triggers on
 * `people` and `departments` (migration 0011) in the writing transaction. `xid` is that transaction's id
 * (`pg_current_xact_id()`): the feed serves a row only once every transaction with a smaller id has ended, so a row of
 * a still-open transaction holds the feed back instead of being skipped (lib/hr-api/delta.ts). No foreign key to
 * tenants: a tenant's deletion cascades to its people, whose removal rows must not fail; old rows are pruned by age.
 */
export const hrChanges = pgTable(
  'hr_changes',
  {
    seq: bigint('seq', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id').notNull(),
    /** `People` or `Departments`: the entity set the change belongs to. */
    entitySet: text('entity_set').notNull(),
    entityId: uuid('entity_id').notNull(),
    /** The entity's key when the row was written (a removal names the key that is gone). */
    code: text('code').notNull(),
    /** `changed` (created or updated) or `removed` (deleted, or its key changed to another). */
    kind: text('kind').notNull(),
    removedReason: text('removed_reason'),
    xid: bigint('xid', { mode: 'bigint' })
      .notNull()
      .default(sql`(pg_current_xact_id()::text::bigint)`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('hr_changes_feed_idx').on(t.tenantId, t.entitySet, t.xid, t.seq),
    index('hr_changes_created_idx').on(t.createdAt),
  ],
);
