import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

/**
 * Directory Sync (WorkOS-compatible). Public ids are WorkOS-style text ids (`org_…`, `directory_…` + a ULID), so
 * they are the primary keys. Every table carries tenant_id: every query filters by it.
 */

const tz = (name: string) => timestamp(name, { withTimezone: true });
const timestamps = {
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
};

export const directoryState = pgEnum('directory_state', [
  'unlinked',
  'validating',
  'linked',
  'invalid_credentials',
  'deleting',
]);
export const syncRunStatus = pgEnum('directory_sync_run_status', [
  'queued',
  'running',
  'succeeded',
  'failed',
  'held',
  'discarded',
]);

export const organizations = pgTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    ...timestamps,
  },
  (t) => [index('organizations_tenant_idx').on(t.tenantId, t.id)],
);

export const organizationDomains = pgTable(
  'organization_domains',
  {
    id: text('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organization_domains_tenant_domain_uq').on(t.tenantId, sql`lower(${t.domain})`),
    index('organization_domains_org_idx').on(t.organizationId),
  ],
);

export const directories = pgTable(
  'directories',
  {
    id: text('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type').notNull().default('cezanne hr'),
    state: directoryState('state').notNull().default('unlinked'),
    externalKey: text('external_key').notNull(),
    /** HR API base URL, fixed when the directory is created (a worker has no request to derive it from). */
    baseUrl: text('base_url').notNull(),
    clientId: text('client_id'),
    /** lib/crypto/encryption.ts ciphertext: the secret must be replayed to the HR API. */
    clientSecretEncrypted: text('client_secret_encrypted'),
    /** Bumped on every credentials update, so a run started with old credentials cannot overrule newer ones. */
    credentialsVersion: integer('credentials_version').notNull().default(0),
    lastError: text('last_error'),
    /** Time of the initial sync: later runs are due at anchor + k × 30 minutes. */
    anchorAt: tz('anchor_at'),
    nextSyncAt: tz('next_sync_at'),
    lastSyncAt: tz('last_sync_at'),
    activatedAt: tz('activated_at'),
    /** The lease of the one run that may work on this directory (DB-level guard across processes). */
    syncLeaseToken: uuid('sync_lease_token'),
    syncLeaseUntil: tz('sync_lease_until'),
    ...timestamps,
  },
  (t) => [
    index('directories_tenant_org_idx').on(t.tenantId, t.organizationId, t.id),
    index('directories_due_idx')
      .on(t.nextSyncAt)
      .where(sql`${t.state} = 'linked'`),
  ],
);

export const directoryUsers = pgTable(
  'directory_users',
  {
    id: text('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    directoryId: text('directory_id')
      .notNull()
      .references(() => directories.id, { onDelete: 'cascade' }),
    idpId: text('idp_id').notNull(),
    email: text('email'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    name: text('name'),
    username: text('username'),
    jobTitle: text('job_title'),
    state: text('state').notNull(),
    emails: jsonb('emails').notNull().default([]),
    customAttributes: jsonb('custom_attributes').notNull().default({}),
    rawAttributes: jsonb('raw_attributes').notNull().default({}),
    contentHash: text('content_hash').notNull(),
    ...timestamps,
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    uniqueIndex('directory_users_directory_idp_uq').on(t.directoryId, t.idpId),
    index('directory_users_tenant_directory_idx').on(t.tenantId, t.directoryId, t.id),
    // Keyset paging of a tenant's users without a directory filter (WorkOS API `GET /directory_users`).
    index('directory_users_tenant_idx').on(t.tenantId, t.id),
  ],
);

/**
 * Each user's WorkOS REST object (groups included) as JSON text, written only by the statement triggers of migration
 * 0009_directory_user_api_json_triggers (on users, groups and memberships): the API's user pages read it as it is.
 */
export const directoryUserApiJson = pgTable('directory_user_api_json', {
  userId: text('user_id')
    .primaryKey()
    .references(() => directoryUsers.id, { onDelete: 'cascade' }),
  json: text('json').notNull(),
});

export const directoryGroups = pgTable(
  'directory_groups',
  {
    id: text('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    directoryId: text('directory_id')
      .notNull()
      .references(() => directories.id, { onDelete: 'cascade' }),
    idpId: text('idp_id').notNull(),
    name: text('name').notNull(),
    rawAttributes: jsonb('raw_attributes').notNull().default({}),
    contentHash: text('content_hash').notNull(),
    ...timestamps,
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    uniqueIndex('directory_groups_directory_idp_uq').on(t.directoryId, t.idpId),
    index('directory_groups_tenant_directory_idx').on(t.tenantId, t.directoryId, t.id),
    // Keyset paging of a tenant's groups without a directory filter (WorkOS API `GET /directory_groups`).
    index('directory_groups_tenant_idx').on(t.tenantId, t.id),
  ],
);

export const directoryGroupMemberships = pgTable(
  'directory_group_memberships',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    directoryId: text('directory_id')
      .notNull()
      .references(() => directories.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => directoryUsers.id, { onDelete: 'cascade' }),
    groupId: text('group_id')
      .notNull()
      .references(() => directoryGroups.id, { onDelete: 'cascade' }),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.groupId] }),
    index('directory_group_memberships_group_idx').on(t.groupId, t.userId),
    index('directory_group_memberships_directory_idx').on(t.directoryId),
  ],
);

export const directorySyncRuns = pgTable(
  'directory_sync_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    directoryId: text('directory_id')
      .notNull()
      .references(() => directories.id, { onDelete: 'cascade' }),
    /** initial | scheduled | manual | retry | relink */
    trigger: text('trigger').notNull(),
    status: syncRunStatus('status').notNull().default('queued'),
    /** The first run of a retry chain (pg-boss retries a failed run's job; each attempt gets its own record). */
    retryOf: uuid('retry_of'),
    /** Executions of this record: above 1 when a killed worker's run was picked up again. */
    executions: integer('executions').notNull().default(0),
    credentialsVersion: integer('credentials_version').notNull(),
    scheduledFor: tz('scheduled_for'),
    queuedAt: tz('queued_at').notNull(),
    startedAt: tz('started_at'),
    fetchCompletedAt: tz('fetch_completed_at'),
    finishedAt: tz('finished_at'),
    pagesFetched: integer('pages_fetched').notNull().default(0),
    usersFetched: integer('users_fetched').notNull().default(0),
    /** `@odata.count` of the first People page, for a progress bar. */
    usersTotal: integer('users_total'),
    groupsFetched: integer('groups_fetched').notNull().default(0),
    usersCreated: integer('users_created').notNull().default(0),
    usersUpdated: integer('users_updated').notNull().default(0),
    usersDeleted: integer('users_deleted').notNull().default(0),
    groupsCreated: integer('groups_created').notNull().default(0),
    groupsUpdated: integer('groups_updated').notNull().default(0),
    groupsDeleted: integer('groups_deleted').notNull().default(0),
    membershipsAdded: integer('memberships_added').notNull().default(0),
    membershipsRemoved: integer('memberships_removed').notNull().default(0),
    eventsEmitted: integer('events_emitted').notNull().default(0),
    error: text('error'),
    /** provider | invalid_credentials | interrupted | lease_lost */
    errorKind: text('error_kind'),
    heldReason: text('held_reason'),
    decidedAt: tz('decided_at'),
    decidedBy: text('decided_by'),
    nextSyncAt: tz('next_sync_at'),
  },
  (t) => [
    index('directory_sync_runs_directory_idx').on(t.tenantId, t.directoryId, t.queuedAt),
    index('directory_sync_runs_open_idx')
      .on(t.directoryId)
      .where(sql`${t.status} in ('queued', 'running', 'held')`),
    index('directory_sync_runs_retry_of_idx').on(t.retryOf),
  ],
);

/** One run's snapshot of users, streamed in page by page; `unchanged` rows carry only the key. */
export const directoryStagedUsers = pgTable(
  'directory_staged_users',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => directorySyncRuns.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    idpId: text('idp_id').notNull(),
    unchanged: boolean('unchanged').notNull().default(false),
    email: text('email'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    name: text('name'),
    username: text('username'),
    jobTitle: text('job_title'),
    state: text('state'),
    emails: jsonb('emails'),
    customAttributes: jsonb('custom_attributes'),
    rawAttributes: jsonb('raw_attributes'),
    groupIdpIds: text('group_idp_ids').array(),
    contentHash: text('content_hash'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.idpId] })],
);

export const directoryStagedGroups = pgTable(
  'directory_staged_groups',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => directorySyncRuns.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    idpId: text('idp_id').notNull(),
    name: text('name').notNull(),
    rawAttributes: jsonb('raw_attributes').notNull(),
    contentHash: text('content_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.idpId] })],
);

/**
 * The ordered event outbox (`seq` is commit order: writers take a per-tenant lock before inserting). Events outlive
 * their directory, so there is no foreign key to it.
 */
export const directoryEvents = pgTable(
  'directory_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: text('id').notNull().unique(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id').notNull(),
    directoryId: text('directory_id').notNull(),
    event: text('event').notNull(),
    data: jsonb('data').notNull(),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [
    index('directory_events_tenant_seq_idx').on(t.tenantId, t.seq),
    index('directory_events_directory_seq_idx').on(t.tenantId, t.directoryId, t.seq),
  ],
);
