import { and, eq, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { departments, people, roles, userAccounts } from '@/db/schema';
import type { Database, Executor } from '@/db/client';
import { uniqueViolation } from '@/lib/errors';
import { badRequest, conflict, notFound, ScimError } from './errors';
import { userFilterSql } from './filter';
import { toScimUser, type UserView } from './mappers';
import { applyPatch, checkUserPatchTarget, readPatchOperations } from './patch';
import type { ListQuery } from './query';
import { MATCH_METHOD_LABELS, type MatchMethod } from './settings-schema';
import { isUuid } from '@/lib/ids';
import type { ScimSettingsRow } from './settings';
import { ENTERPRISE_USER_SCHEMA } from './schemas';
import { chooseRole, readUserInput, type UserInput } from './user-input';

/** What every SCIM operation runs with: the tenant from the URL (authenticated), its settings and the SCIM base URL. */
export type ScimContext = { db: Database; tenantId: string; settings: ScimSettingsRow; baseUrl: string };

/** The relations as the user filter's SQL names them (`ua`, `p`, `r`, `d`). */
const ua = alias(userAccounts, 'ua');
const p = alias(people, 'p');
const r = alias(roles, 'r');
const d = alias(departments, 'd');

/**
 * ISO 8601 in UTC with microseconds, PostgreSQL's own precision, formatted by the SQL (spares building two Date
 * objects per row). One precision stored, compared and shown: `meta.lastModified eq "<a value we returned>"` matches.
 */
export const isoUtc = (column: AnyPgColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The user view: one definition for the builder (`findUser`) and for the one-statement SQL of list and create. */
const USER_FIELDS = {
  id: ua.id,
  personId: ua.personId,
  userName: ua.userName,
  externalId: ua.externalId,
  email: ua.email,
  active: ua.active,
  createdAt: isoUtc(ua.createdAt),
  updatedAt: isoUtc(ua.updatedAt),
  roleName: r.originalName,
  givenName: p.givenName,
  familyName: p.familyName,
  preferredGivenName: p.preferredGivenName,
  personCode: p.personCode,
  departmentId: d.id,
  departmentName: d.name,
};
const COLUMNS = sql.join(
  Object.entries(USER_FIELDS).map(([name, field]) => sql`${field} as ${sql.identifier(name)}`),
  sql`, `,
);

/** The user view over a relation aliased `ua`; LEFT JOINs on primary keys let PostgreSQL drop unused joins. */
const joinsFrom = (accounts: SQL) =>
  sql`${accounts} ua left join ${people} p on ${eq(p.id, ua.personId)} left join ${roles} r on ${eq(r.id, ua.roleId)} left join ${departments} d on ${eq(d.id, p.departmentId)}`;
const USER_FROM = joinsFrom(sql`${userAccounts}`);

const userNotFound = (id: string) => notFound(`User ${id} not found.`);

/** Rows of the one-statement SQL (list, create); the SCIM suites in tests/scim cover every field of `UserView`. */
async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}

async function findUser(db: Executor, tenantId: string, id: string, lock = false): Promise<UserView | null> {
  if (!isUuid(id)) return null;
  const query = db
    .select(USER_FIELDS)
    .from(ua)
    .innerJoin(p, eq(p.id, ua.personId))
    .leftJoin(r, eq(r.id, ua.roleId))
    .leftJoin(d, eq(d.id, p.departmentId))
    .where(and(eq(ua.tenantId, tenantId), eq(ua.id, id)));
  const [row] = lock ? await query.for('update', { of: ua }) : await query;
  return row ?? null;
}

/** GET /Users/{id}. Ids that are not ours (not even a UUID) are a 404, never a database error. */
export async function getUser(ctx: ScimContext, id: string): Promise<UserView> {
  const user = await findUser(ctx.db, ctx.tenantId, id);
  if (!user) throw userNotFound(id);
  return user;
}

/**
 * GET /Users: the filter compiles to SQL (indexes on tenant + lower(userName), externalId, lower(email)); a stable
 * order (created, id) for Okta's paged imports. One round trip in the common cases: a plain list fetches page and
 * total in one statement; a filtered query (usually one hit) counts separately only when its page is full.
 */
export async function listUsers(ctx: ScimContext, query: ListQuery): Promise<{ users: UserView[]; total: number }> {
  const where = sql`ua.tenant_id = ${ctx.tenantId}${query.filter ? sql` and ${userFilterSql(query.filter)}` : sql``}`;
  const page = sql`select ${COLUMNS} from ${USER_FROM} where ${where}
                   order by ua.created_at, ua.id limit ${query.count} offset ${query.startIndex - 1}`;
  const count = sql`select count(*)::int as total from ${USER_FROM} where ${where}`;
  if (!query.filter || query.count === 0) {
    const result = await rows<UserView & { total: number }>(
      ctx.db,
      sql`select t.total, page.* from (${count}) t left join lateral (${page}) page on true`,
    );
    return { users: result.filter((r) => r.id !== null), total: result[0]?.total ?? 0 };
  }
  const users = await rows<UserView>(ctx.db, page);
  const pageShowsTotal = users.length < query.count && (users.length > 0 || query.startIndex === 1);
  return {
    users,
    total: pageShowsTotal
      ? query.startIndex - 1 + users.length
      : (await rows<{ total: number }>(ctx.db, count))[0].total,
  };
}

/** The value the tenant's match method reads from the request, per Cezanne's rules. */
function matchValue(method: MatchMethod, input: UserInput): string {
  const label = MATCH_METHOD_LABELS[method].label.toLowerCase();
  if (method === 'person_code' || method === 'employment_id') {
    if (!input.employeeNumber) {
      throw badRequest(
        `Users are matched by ${label}: "employeeNumber" (${ENTERPRISE_USER_SCHEMA}:employeeNumber) is required when a user is created and must carry the ${label}.`,
      );
    }
    return input.employeeNumber;
  }
  const email = input.email ?? (input.userName?.includes('@') ? input.userName : null);
  if (!email)
    throw badRequest(`Users are matched by ${label}: send the person's ${label} in "emails" (or as userName).`);
  return email;
}

function personLookup(tenantId: string, method: MatchMethod, value: string): SQL {
  switch (method) {
    case 'internal_email':
      return sql`select p.id from people p where p.tenant_id = ${tenantId} and lower(p.internal_email) = lower(${value}::text)`;
    case 'external_email':
      return sql`select p.id from people p where p.tenant_id = ${tenantId} and lower(p.external_email) = lower(${value}::text)`;
    case 'person_code':
      return sql`select p.id from people p where p.tenant_id = ${tenantId} and p.person_code = ${value}::text`;
    case 'employment_id':
      return sql`select e.person_id as id from employments e where e.tenant_id = ${tenantId} and lower(e.employment_id) = lower(${value}::text) limit 1`;
  }
}

const unknownRole = (name: string) =>
  badRequest(
    `The Cezanne Role "${name}" does not exist. Use the original (untranslated) name of an existing base or custom role.`,
    'invalidValue',
  );

function uniquenessError(
  error: unknown,
  context: { userName: string; method?: string; value?: string },
): ScimError | null {
  const constraint = uniqueViolation(error);
  if (constraint === 'user_accounts_person_uq') {
    return conflict(
      `User already exists: the person matched by ${context.method} "${context.value}" already has a user account.`,
    );
  }
  if (constraint === 'user_accounts_tenant_user_name_uq')
    return conflict(`User already exists: userName "${context.userName}" is taken.`);
  return null;
}

/**
 * POST /Users: creates an account only for an existing person, matched by the tenant's method. Names sent by the
 * provider are ignored. The account and its SAML mapping (when the tenant has them on) are written in one statement;
 * the unique constraints on person and userName make concurrent duplicates fail with 409 instead of racing.
 */
export async function createUser(ctx: ScimContext, body: unknown): Promise<UserView> {
  const input = readUserInput(body);
  if (!input.userName) throw badRequest('"userName" is required.');
  const method = ctx.settings.matchMethod;
  const value = matchValue(method, input);
  const roleName = input.roleCandidates ? chooseRole(input.roleCandidates, null) : null;

  const label = MATCH_METHOD_LABELS[method].label.toLowerCase();
  const idp = ctx.settings.createSamlMappings ? ctx.settings.identityProviderId : null;
  let result: (UserView & { matchedPersonId: string | null; matchedRoleId: string | null }) | undefined;
  try {
    // Matching, role lookup, the account and its SAML mapping in one statement: one round trip, all or nothing.
    [result] = await rows(
      ctx.db,
      sql`with person as (${personLookup(ctx.tenantId, method, value)}),
          role as (select r.id from roles r where r.tenant_id = ${ctx.tenantId} and r.original_name = ${roleName}::text),
          ins as (
            insert into user_accounts (tenant_id, person_id, user_name, external_id, email, role_id, active)
            select ${ctx.tenantId}::uuid, person.id, ${input.userName}::text, ${input.externalId ?? null}::text, ${input.email ?? null}::text,
                   (select id from role), ${input.active ?? true}::boolean
            from person
            where ${roleName}::text is null or exists (select 1 from role)
            returning *
          ), saml as (
            insert into saml_mappings (tenant_id, user_account_id, identity_provider_id, user_identifier)
            select ins.tenant_id, ins.id, ${idp}::uuid, ins.user_name from ins where ${idp}::uuid is not null
          )
          select (select id from person) as "matchedPersonId", (select id from role) as "matchedRoleId", created.*
          from (select 1) one left join lateral (select ${COLUMNS} from ${joinsFrom(sql`ins`)}) created on true`,
    );
  } catch (error) {
    throw uniquenessError(error, { userName: input.userName, method: label, value }) ?? error;
  }
  if (!result?.matchedPersonId) {
    throw badRequest(
      `No person in Roster has the ${label} "${value}". Accounts are only created for existing person records: HR must create the person first, or check "Match User from Provider to Cezanne".`,
    );
  }
  if (roleName && !result.matchedRoleId) throw unknownRole(roleName);
  const { matchedPersonId: _p, matchedRoleId: _r, ...user } = result;
  return user;
}

type Desired = {
  userName: string;
  email: string | null;
  roleName: string | null;
  active: boolean;
  externalId: string | null;
};

/** Writes the attributes SCIM may change (userName, email, Cezanne Role, active, externalId); SAML mappings stay. */
async function applyChanges(db: Executor, ctx: ScimContext, current: UserView, next: Desired): Promise<UserView> {
  const set: Partial<typeof userAccounts.$inferInsert> = {};
  if (next.userName !== current.userName) set.userName = next.userName;
  if (next.email !== current.email) set.email = next.email;
  if (next.active !== current.active) set.active = next.active;
  if (next.externalId !== current.externalId) set.externalId = next.externalId;
  if (next.roleName !== current.roleName) {
    const [role] = next.roleName
      ? await db
          .select({ id: roles.id })
          .from(roles)
          .where(and(eq(roles.tenantId, ctx.tenantId), eq(roles.originalName, next.roleName)))
      : [{ id: null }];
    if (!role) throw unknownRole(next.roleName!);
    set.roleId = role.id;
  }
  if (Object.keys(set).length === 0) return current;
  try {
    await db
      .update(userAccounts)
      .set({ ...set, updatedAt: sql`now()` })
      .where(and(eq(userAccounts.tenantId, ctx.tenantId), eq(userAccounts.id, current.id)));
  } catch (error) {
    throw uniquenessError(error, { userName: next.userName }) ?? error;
  }
  return (await findUser(db, ctx.tenantId, current.id))!;
}

/**
 * PUT /Users/{id}: Okta sends our previous response with its changes merged in (`id`, `meta`, `groups`, `password`
 * included). Only userName, email, role and active (and externalId) change; names and employeeNumber are ignored.
 */
export async function replaceUser(ctx: ScimContext, id: string, body: unknown): Promise<UserView> {
  const input = readUserInput(body);
  if (!input.userName) throw badRequest('"userName" is required.');
  return ctx.db.transaction(async (tx) => {
    const current = await findUser(tx, ctx.tenantId, id, true);
    if (!current) throw userNotFound(id);
    return applyChanges(tx, ctx, current, {
      userName: input.userName!,
      email: input.email ?? null,
      roleName: input.roleCandidates ? chooseRole(input.roleCandidates, current.roleName) : null,
      active: input.active ?? current.active,
      externalId: input.externalId === undefined ? current.externalId : input.externalId,
    });
  });
}

/** PATCH /Users/{id}: applies the operations to our own representation, then keeps only the changes that count. */
export async function patchUser(ctx: ScimContext, id: string, body: unknown): Promise<UserView> {
  const operations = readPatchOperations(body);
  if (!isUuid(id)) throw userNotFound(id);
  return ctx.db.transaction(async (tx) => {
    const current = await findUser(tx, ctx.tenantId, id, true);
    if (!current) throw userNotFound(id);
    const patched = applyPatch(toScimUser(current, ctx.baseUrl), operations, checkUserPatchTarget);
    const input = readUserInput(patched);
    if (!input.userName) throw new ScimError(400, '"userName" cannot be removed.', 'mutability');
    return applyChanges(tx, ctx, current, {
      userName: input.userName,
      email: input.email ?? null,
      roleName: input.roleCandidates ? chooseRole(input.roleCandidates, current.roleName) : null,
      active: input.active ?? current.active,
      externalId: input.externalId ?? null,
    });
  });
}

/** DELETE /Users/{id}: removes the account (and its SAML mappings); the person record stays. */
export async function deleteUser(ctx: ScimContext, id: string): Promise<void> {
  if (!isUuid(id)) throw userNotFound(id);
  const deleted = await rows<{ id: string }>(
    ctx.db,
    sql`delete from user_accounts where tenant_id = ${ctx.tenantId} and id = ${id}::uuid returning id`,
  );
  if (deleted.length === 0) throw userNotFound(id);
}
