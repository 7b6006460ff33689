import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** An HR company account. Its id is the public Tenant ID at the end of the SCIM URL. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
