import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './directory-sync';
import { tenants } from './tenants';

/**
 * Admin Portal setup links: a customer's IT admin sets up one organization's Directory Sync without a staff account.
 * Only the SHA-256 hash of the link's token is kept (the token is in the URL, shown once). `created_by` is a staff
 * id or `api` (POST /portal/generate_link).
 */
export const portalLinks = pgTable(
  'portal_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    intent: text('intent').notNull(),
    createdBy: text('created_by').notNull(),
    /** Who created it, as shown then (a staff member's name or email; "API"). */
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when setup completed (the directory became Linked through this link). */
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    returnUrl: text('return_url'),
    successUrl: text('success_url'),
  },
  (t) => [index('portal_links_tenant_org_idx').on(t.tenantId, t.organizationId, t.createdAt)],
);
