import { bigserial, boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { identityProviders, scimMatchMethod } from './hr';
import { staffUsers } from './auth';

export const scimSettings = pgTable('scim_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  tokenHash: text('token_hash'),
  tokenLastFour: text('token_last_four'),
  tokenCreatedAt: timestamp('token_created_at', { withTimezone: true }),
  tokenCreatedById: uuid('token_created_by_id').references(() => staffUsers.id, { onDelete: 'set null' }),
  tokenLastUsedAt: timestamp('token_last_used_at', { withTimezone: true }),
  matchMethod: scimMatchMethod('match_method').notNull().default('internal_email'),
  createSamlMappings: boolean('create_saml_mappings').notNull().default(false),
  identityProviderId: uuid('identity_provider_id').references(() => identityProviders.id, { onDelete: 'set null' }),
  userIdentifier: text('user_identifier').notNull().default('scim_username'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const scimRequestLog = pgTable(
  'scim_request_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    status: integer('status').notNull(),
    durationMs: integer('duration_ms').notNull(),
    userName: text('user_name'),
    requestBody: text('request_body'),
    responseBody: text('response_body'),
  },
  (t) => [
    index('scim_request_log_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('scim_request_log_created_idx').on(t.createdAt),
  ],
);

/**
 * SCIM requests refused before authentication (missing or wrong token, SCIM switched off), kept apart from the
 * tenant's request log so that whoever knows a tenant id cannot flood the real history away. Capped per tenant.
 */
export const scimRejectedRequests = pgTable(
  'scim_rejected_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    status: integer('status').notNull(),
    reason: text('reason').notNull(),
    clientAddress: text('client_address'),
  },
  (t) => [index('scim_rejected_requests_tenant_created_idx').on(t.tenantId, t.createdAt)],
);
