import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
