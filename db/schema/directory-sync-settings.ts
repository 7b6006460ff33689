import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { directories } from './directory-sync';
import { tenants } from './tenants';

/**
 * Per-tenant Directory Sync settings. As in WorkOS, the Cezanne HR integration "isn't enabled by default": an owner
 * turns it on before IT admins (or the Admin Portal) can create Cezanne HR directories.
 */
export const directorySyncSettings = pgTable('directory_sync_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  cezanneHrEnabled: boolean('cezanne_hr_enabled').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

/**
 * A directory's user and group counts as of its last applied sync, written in the sync's own transaction: the
 * dashboard shows them on every page, and counting a 100,000-user directory on each render costs ~100 ms.
 */
export const directoryCounts = pgTable('directory_counts', {
  directoryId: text('directory_id')
    .primaryKey()
    .references(() => directories.id, { onDelete: 'cascade' }),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  usersActive: integer('users_active').notNull().default(0),
  usersInactive: integer('users_inactive').notNull().default(0),
  groups: integer('groups').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
