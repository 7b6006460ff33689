import { and, asc, count, eq, like, or, sql, type SQL } from 'drizzle-orm';
import { containsPattern } from '@/lib/like';
import { identityProviders, people, roles, samlMappings, userAccounts } from '@/db/schema';
import type { Executor } from '@/db/client';
import { allQueries } from './concurrency';
import { FormError, NotFoundError, uniqueViolation } from '@/lib/errors';

export type UserAccount = typeof userAccounts.$inferSelect;

export const ACCOUNT_STATUSES = ['all', 'active', 'inactive'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const ACCOUNTS_PAGE_SIZE = 50;

export const ACCOUNT_SORTS = ['username', 'person', 'role', 'status', 'created', 'updated'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

export type AccountsQuery = { q: string; status: AccountStatus; page: number; sort: AccountSort; dir: 'asc' | 'desc' };

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Pages past this are past the end of any company's accounts: asked for, they show the last one possible (empty). */
export const MAX_ACCOUNTS_PAGE = 10_000;

export function parseAccountsQuery(params: Record<string, string | string[] | undefined>): AccountsQuery {
  const status = first(params.status);
  const sort = first(params.sort);
  const page = Math.floor(Number(first(params.page)));
  return {
    sort: (ACCOUNT_SORTS as readonly string[]).includes(sort ?? '') ? (sort as AccountSort) : 'username',
    dir: first(params.dir) === 'desc' ? 'desc' : 'asc',
    q: (first(params.q) ?? '').trim().slice(0, 200),
    status: (ACCOUNT_STATUSES as readonly string[]).includes(status ?? '') ? (status as AccountStatus) : 'all',
    // `page=1e30` is a finite number too: an offset that large is out of PostgreSQL's range (a 500, not a page).
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, MAX_ACCOUNTS_PAGE) : 1,
  };
}

function accountsWhere(tenantId: string, query: AccountsQuery): SQL {
  const parts: SQL[] = [eq(userAccounts.tenantId, tenantId)];
  const term = query.q.toLowerCase();
  if (term) {
    const pattern = containsPattern(term);
    parts.push(or(like(sql`lower(${userAccounts.userName})`, pattern), like(people.searchText, pattern))!);
  }
  if (query.status === 'active') parts.push(eq(userAccounts.active, true));
  if (query.status === 'inactive') parts.push(eq(userAccounts.active, false));
  return and(...parts)!;
}

function accountsOrder(query: AccountsQuery): SQL[] {
  const d = query.dir === 'desc' ? sql`desc` : sql`asc`;
  const byName = sql`lower(${userAccounts.userName}) ${d}`;
  const tail = [byName, sql`${userAccounts.id} ${d}`];
  switch (query.sort) {
    case 'person':
      return [sql`lower(${people.familyName}) ${d}, lower(${people.givenName}) ${d}`, ...tail];
    case 'role':
      return [sql`lower(${roles.originalName}) ${d} nulls last`, ...tail];
    case 'status':
      // Ascending: active accounts first.
      return [sql`${userAccounts.active} ${query.dir === 'desc' ? sql`asc` : sql`desc`}`, ...tail];
    case 'created':
      return [sql`${userAccounts.createdAt} ${d}`, sql`${userAccounts.id} ${d}`];
    case 'updated':
      return [sql`${userAccounts.updatedAt} ${d}`, sql`${userAccounts.id} ${d}`];
    default:
      return tail;
  }
}

/** A page of user accounts with their person and role, in the chosen order (username by default). */
export async function listUserAccounts(db: Executor, tenantId: string, query: AccountsQuery) {
  const offset = (query.page - 1) * ACCOUNTS_PAGE_SIZE;
  const where = accountsWhere(tenantId, query);
  const [rows, [{ total }]] = await allQueries(db, [
    () =>
      db
        .select({
          id: userAccounts.id,
          userName: userAccounts.userName,
          email: userAccounts.email,
          active: userAccounts.active,
          createdAt: userAccounts.createdAt,
          updatedAt: userAccounts.updatedAt,
          personId: userAccounts.personId,
          personCode: people.personCode,
          givenName: people.givenName,
          familyName: people.familyName,
          preferredGivenName: people.preferredGivenName,
          roleName: roles.originalName,
        })
        .from(userAccounts)
        .innerJoin(people, eq(people.id, userAccounts.personId))
        .leftJoin(roles, eq(roles.id, userAccounts.roleId))
        .where(where)
        .orderBy(...accountsOrder(query))
        .limit(ACCOUNTS_PAGE_SIZE + 1)
        .offset(offset),
    () =>
      db
        .select({ total: count() })
        .from(userAccounts)
        .innerJoin(people, eq(people.id, userAccounts.personId))
        .where(where),
  ] as const);
  return {
    rows: rows.slice(0, ACCOUNTS_PAGE_SIZE).map(({ givenName, familyName, preferredGivenName, ...row }) => ({
      ...row,
      personName: `${preferredGivenName || givenName} ${familyName}`,
    })),
    total,
    pageCount: Math.max(1, Math.min(Math.ceil(total / ACCOUNTS_PAGE_SIZE), MAX_ACCOUNTS_PAGE)),
    hasNext: rows.length > ACCOUNTS_PAGE_SIZE,
    hasPrevious: query.page > 1,
  };
}

/** One account with its person, role and SAML mappings. */
export async function getUserAccountDetail(db: Executor, tenantId: string, accountId: string) {
  const [row] = await db
    .select({ account: userAccounts, person: people, roleName: roles.originalName })
    .from(userAccounts)
    .innerJoin(people, eq(people.id, userAccounts.personId))
    .leftJoin(roles, eq(roles.id, userAccounts.roleId))
    .where(and(eq(userAccounts.id, accountId), eq(userAccounts.tenantId, tenantId)));
  if (!row) throw new NotFoundError('This user account does not exist.');
  const mappings = await db
    .select({
      id: samlMappings.id,
      identityProviderId: samlMappings.identityProviderId,
      identityProviderName: identityProviders.name,
      userIdentifier: samlMappings.userIdentifier,
      createdAt: samlMappings.createdAt,
    })
    .from(samlMappings)
    .innerJoin(identityProviders, eq(identityProviders.id, samlMappings.identityProviderId))
    .where(and(eq(samlMappings.userAccountId, accountId), eq(samlMappings.tenantId, tenantId)))
    .orderBy(asc(samlMappings.createdAt));
  return { ...row, mappings };
}

/** HR deactivates or reactivates an account (as Okta does through SCIM); the account stays readable. */
export async function setUserAccountActive(db: Executor, tenantId: string, accountId: string, active: boolean) {
  const [account] = await db
    .update(userAccounts)
    .set({ active, updatedAt: sql`now()` })
    .where(and(eq(userAccounts.id, accountId), eq(userAccounts.tenantId, tenantId)))
    .returning();
  if (!account) throw new NotFoundError('This user account does not exist.');
  return account;
}

async function accountInTenant(db: Executor, tenantId: string, accountId: string): Promise<UserAccount> {
  const [account] = await db
    .select()
    .from(userAccounts)
    .where(and(eq(userAccounts.id, accountId), eq(userAccounts.tenantId, tenantId)));
  if (!account) throw new NotFoundError('This user account does not exist.');
  return account;
}

/** The tenant's identity provider chosen for a SAML mapping, or the field message. */
async function mappingIdentityProvider(db: Executor, tenantId: string, identityProviderId: string) {
  const [idp] = await db
    .select()
    .from(identityProviders)
    .where(and(eq(identityProviders.id, identityProviderId), eq(identityProviders.tenantId, tenantId)));
  if (!idp)
    throw new FormError('Check the highlighted fields.', { identityProviderId: 'Choose an identity provider.' });
  return idp;
}

/** A second mapping for the same account and provider becomes a field message; anything else stays as it is. */
function asMappingConflict(error: unknown): unknown {
  if (uniqueViolation(error) !== 'saml_mappings_account_idp_uq') return error;
  return new FormError('Check the highlighted fields.', {
    identityProviderId: 'This account already has a mapping for this identity provider.',
  });
}

/** Adds a SAML mapping by hand (SCIM updates never change mappings; HR edits them here). */
export async function addSamlMapping(
  db: Executor,
  tenantId: string,
  input: { accountId: string; identityProviderId: string; userIdentifier: string },
) {
  const account = await accountInTenant(db, tenantId, input.accountId);
  const idp = await mappingIdentityProvider(db, tenantId, input.identityProviderId);
  try {
    const [mapping] = await db
      .insert(samlMappings)
      .values({ tenantId, userAccountId: account.id, identityProviderId: idp.id, userIdentifier: input.userIdentifier })
      .returning();
    return { account, identityProvider: idp, mapping };
  } catch (error) {
    throw asMappingConflict(error);
  }
}

/** Changes a mapping's identity provider and/or user identifier (one mapping per account and provider). */
export async function updateSamlMapping(
  db: Executor,
  tenantId: string,
  input: { accountId: string; mappingId: string; identityProviderId: string; userIdentifier: string },
) {
  const account = await accountInTenant(db, tenantId, input.accountId);
  const [before] = await db
    .select({ mapping: samlMappings, identityProviderName: identityProviders.name })
    .from(samlMappings)
    .innerJoin(identityProviders, eq(identityProviders.id, samlMappings.identityProviderId))
    .where(
      and(
        eq(samlMappings.id, input.mappingId),
        eq(samlMappings.userAccountId, account.id),
        eq(samlMappings.tenantId, tenantId),
      ),
    );
  if (!before) throw new NotFoundError('This SAML mapping does not exist.');
  const idp = await mappingIdentityProvider(db, tenantId, input.identityProviderId);
  try {
    const [mapping] = await db
      .update(samlMappings)
      .set({ identityProviderId: idp.id, userIdentifier: input.userIdentifier })
      .where(and(eq(samlMappings.id, before.mapping.id), eq(samlMappings.tenantId, tenantId)))
      .returning();
    return {
      account,
      identityProvider: idp,
      mapping,
      before: { ...before.mapping, identityProviderName: before.identityProviderName },
    };
  } catch (error) {
    throw asMappingConflict(error);
  }
}

export async function removeSamlMapping(db: Executor, tenantId: string, accountId: string, mappingId: string) {
  const account = await accountInTenant(db, tenantId, accountId);
  const [mapping] = await db
    .delete(samlMappings)
    .where(
      and(
        eq(samlMappings.id, mappingId),
        eq(samlMappings.userAccountId, account.id),
        eq(samlMappings.tenantId, tenantId),
      ),
    )
    .returning();
  if (!mapping) throw new NotFoundError('This SAML mapping does not exist.');
  return { account, mapping };
}

export const ACCOUNTS_CSV_HEADER = [
  'Username',
  'Email',
  'Person code',
  'Person',
  'Role',
  'Active',
  'Created (UTC)',
  'Updated (UTC)',
];
const EXPORT_BATCH = 1000;
const utc = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

/** Every account of the list's filter (search, status) as CSV cells, by id in keyset batches. */
export async function* accountsCsvRows(
  db: Executor,
  tenantId: string,
  query: AccountsQuery,
): AsyncGenerator<unknown[]> {
  const where = accountsWhere(tenantId, query);
  let after: string | null = null;
  for (;;) {
    const rows: {
      id: string;
      userName: string;
      email: string | null;
      active: boolean;
      createdAt: Date;
      updatedAt: Date;
      personCode: string;
      givenName: string;
      familyName: string;
      preferredGivenName: string | null;
      roleName: string | null;
    }[] = await db
      .select({
        id: userAccounts.id,
        userName: userAccounts.userName,
        email: userAccounts.email,
        active: userAccounts.active,
        createdAt: userAccounts.createdAt,
        updatedAt: userAccounts.updatedAt,
        personCode: people.personCode,
        givenName: people.givenName,
        familyName: people.familyName,
        preferredGivenName: people.preferredGivenName,
        roleName: roles.originalName,
      })
      .from(userAccounts)
      .innerJoin(people, eq(people.id, userAccounts.personId))
      .leftJoin(roles, eq(roles.id, userAccounts.roleId))
      .where(and(where, after === null ? undefined : sql`${userAccounts.id} > ${after}`))
      .orderBy(userAccounts.id)
      .limit(EXPORT_BATCH);
    for (const r of rows) {
      yield [
        r.userName,
        r.email,
        r.personCode,
        `${r.preferredGivenName || r.givenName} ${r.familyName}`,
        r.roleName,
        r.active ? 'yes' : 'no',
        utc(r.createdAt),
        utc(r.updatedAt),
      ];
    }
    if (rows.length < EXPORT_BATCH) return;
    after = rows[rows.length - 1].id;
  }
}
