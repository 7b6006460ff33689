import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

export const staffRole = pgEnum('staff_role', ['owner', 'hr_professional', 'it_admin']);

/** Staff who sign in to Roster (not the provisioned user accounts of people). */
export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: staffRole('role').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** Raised when the password changes: sessions signed in under an older version end. */
    sessionVersion: integer('session_version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('staff_users_email_lower_uq').on(sql`lower(${t.email})`),
    index('staff_users_tenant_idx').on(t.tenantId),
  ],
);

/** Failed sign-in counters, keyed by `email:<address>` or `ip:<address>`; rows expire (security cleanup job). */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull().default(0),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull().defaultNow(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
    /** Whether the latest attempt came while blocked (refused, not counted): how one statement reports its decision. */
    lastAttemptRefused: boolean('last_attempt_refused').notNull().default(false),
  },
  (t) => [index('login_throttle_last_failure_idx').on(t.lastFailureAt)],
);

/** Guards the one-time "Create the owner account" form: a single row with id = 1 once it has been used. */
export const installation = pgTable('installation', {
  id: integer('id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
