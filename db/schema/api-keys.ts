import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { staffUsers } from './auth';

/**
 * Secret keys (`sk_…`) of the WorkOS-compatible Directory Sync API (Dashboard › API Keys). A key belongs to one
 * tenant and reads only that tenant's data. Only the SHA-256 hash is kept: the key is shown once.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    keyLastFour: text('key_last_four').notNull(),
    createdById: uuid('created_by_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    /** Who created it, as shown then (the staff account may be renamed or removed later). */
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_tenant_idx').on(t.tenantId, t.createdAt)],
);
