import { sql, type SQL } from 'drizzle-orm';
import {
  boolean,
  date,
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

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('departments_tenant_code_uq').on(t.tenantId, sql`lower(${t.code})`),
    uniqueIndex('departments_tenant_name_uq').on(t.tenantId, sql`lower(${t.name})`),
  ],
);

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    personCode: text('person_code').notNull(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    preferredGivenName: text('preferred_given_name'),
    internalEmail: text('internal_email'),
    externalEmail: text('external_email'),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
    jobTitle: text('job_title'),
    activeEmployee: boolean('active_employee').notNull().default(true),
    searchText: text('search_text').generatedAlwaysAs(
      (): SQL =>
        sql`lower(${people.personCode} || ' ' || ${people.givenName} || ' ' || ${people.familyName} || ' ' || coalesce(${people.preferredGivenName}, '') || ' ' || coalesce(${people.internalEmail}, '') || ' ' || coalesce(${people.externalEmail}, '') || ' ' || coalesce(${people.jobTitle}, ''))`,
    ),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('people_tenant_code_uq').on(t.tenantId, t.personCode),
    uniqueIndex('people_tenant_internal_email_uq').on(t.tenantId, sql`lower(${t.internalEmail})`),
    uniqueIndex('people_tenant_external_email_uq').on(t.tenantId, sql`lower(${t.externalEmail})`),
    // The people list sorts by name as (family, given, id): one index serves the first page in either direction.
    index('people_tenant_name_idx').on(t.tenantId, sql`lower(${t.familyName})`, sql`lower(${t.givenName})`, t.id),
    index('people_tenant_given_idx').on(t.tenantId, sql`lower(${t.givenName})`, t.id),
    index('people_tenant_updated_idx').on(t.tenantId, t.updatedAt, t.id),
    index('people_department_idx').on(t.departmentId),
    index('people_search_trgm_idx').using('gin', t.searchText.op('gin_trgm_ops')),
  ],
);

export const employments = pgTable(
  'employments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    employmentId: text('employment_id').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    isPrimary: boolean('is_primary').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('employments_tenant_employment_id_uq').on(t.tenantId, sql`lower(${t.employmentId})`),
    uniqueIndex('employments_one_primary_per_person_uq')
      .on(t.personId)
      .where(sql`${t.isPrimary}`),
    index('employments_person_idx').on(t.personId),
    // The leaver sweep looks up primary employments that have ended.
    index('employments_primary_end_idx')
      .on(t.tenantId, t.endDate)
      .where(sql`${t.isPrimary}`),
  ],
);

/** Cezanne roles. The original name is what the SCIM "Cezanne Role" attribute must match. */
export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    originalName: text('original_name').notNull(),
    isBase: boolean('is_base').notNull().default(false),
    translations: jsonb('translations').$type<Record<string, string>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [uniqueIndex('roles_tenant_name_uq').on(t.tenantId, t.originalName)],
);

export const identityProviders = pgTable(
  'identity_providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    entityId: text('entity_id').notNull(),
    ssoUrl: text('sso_url').notNull(),
    certificatePem: text('certificate_pem').notNull(),
    certificateExpiresAt: timestamp('certificate_expires_at', { withTimezone: true }).notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('identity_providers_tenant_name_uq').on(t.tenantId, sql`lower(${t.name})`)],
);

/** A user account provisioned (by SCIM) for a person; at most one per person. */
export const userAccounts = pgTable(
  'user_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    userName: text('user_name').notNull(),
    externalId: text('external_id'),
    email: text('email'),
    roleId: uuid('role_id').references(() => roles.id, { onDelete: 'set null' }),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('user_accounts_person_uq').on(t.personId),
    uniqueIndex('user_accounts_tenant_user_name_uq').on(t.tenantId, sql`lower(${t.userName})`),
    index('user_accounts_tenant_external_id_idx').on(t.tenantId, t.externalId),
    index('user_accounts_tenant_updated_idx').on(t.tenantId, t.updatedAt, t.id),
    // SCIM: stable list order (created, id) and `emails.value eq` filters use these.
    index('user_accounts_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
    index('user_accounts_tenant_email_idx').on(t.tenantId, sql`lower(${t.email})`),
  ],
);

export const samlMappings = pgTable(
  'saml_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userAccountId: uuid('user_account_id')
      .notNull()
      .references(() => userAccounts.id, { onDelete: 'cascade' }),
    identityProviderId: uuid('identity_provider_id')
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
    userIdentifier: text('user_identifier').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('saml_mappings_account_idp_uq').on(t.userAccountId, t.identityProviderId)],
);

export type PeopleImportError = { line: number; personCode: string | null; message: string };
export type PeopleImportSummary = { rows: number; creates: number; updates: number; newDepartments: string[] };

/**
 * A CSV import of people: the uploaded file is kept here between the preview (column mapping, validation) and
 * the import, so nothing is written to people until every row is valid.
 */
/** uploaded → (invalid | valid) → queued → importing → (imported | failed | invalid when the data changed). */
export type PeopleImportStatus = 'uploaded' | 'invalid' | 'valid' | 'queued' | 'importing' | 'imported' | 'failed';

export const peopleImports = pgTable(
  'people_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    createdById: uuid('created_by_id'),
    fileName: text('file_name').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    content: text('content'),
    headers: jsonb('headers').$type<string[]>().notNull().default([]),
    mapping: jsonb('mapping').$type<Record<string, string | null>>().notNull().default({}),
    status: text('status').$type<PeopleImportStatus>().notNull().default('uploaded'),
    rowCount: integer('row_count').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    errors: jsonb('errors').$type<PeopleImportError[]>().notNull().default([]),
    summary: jsonb('summary').$type<PeopleImportSummary | null>(),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    failure: text('failure'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The pg-boss job that runs the import (queued → importing → imported/failed). */
    jobId: uuid('job_id'),
    /** Rows done so far, and when the worker last said it is alive (written beside the import's transaction). */
    processedRows: integer('processed_rows').notNull().default(0),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('people_imports_tenant_created_idx').on(t.tenantId, t.createdAt),
    // One import queued or running per company, across every app and worker process.
    uniqueIndex('people_imports_one_running_uq')
      .on(t.tenantId)
      .where(sql`${t.status} in ('queued', 'importing')`),
  ],
);

export const scimMatchMethod = pgEnum('scim_match_method', [
  'internal_email',
  'external_email',
  'person_code',
  'employment_id',
]);
