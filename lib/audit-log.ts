import { and, asc, desc, eq, getTableColumns, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { auditLog, directories, identityProviders, organizations, people, staffUsers, userAccounts } from '@/db/schema';
import { containsPattern } from '@/lib/like';

// The audit log page: filters, server-side paging with a page count, entries in words with names and links, and the
// CSV export of the same filter (streamed in keyset batches).

export const AUDIT_PAGE_SIZE = 50;
/** Deep pages cost a walk over the skipped rows; past this the page asks for a narrower filter. */
export const AUDIT_MAX_PAGE = 2000;
const EXPORT_BATCH = 1000;

/** The kinds of change the Action filter offers: an action prefix (before the dot) and its label. */
export const AUDIT_ACTION_KINDS = [
  { value: 'person', label: 'People' },
  { value: 'employment', label: 'Employments' },
  { value: 'people', label: 'Imports and leavers' },
  { value: 'department', label: 'Departments' },
  { value: 'role', label: 'Roles' },
  { value: 'identity_provider', label: 'Identity providers' },
  { value: 'user_account', label: 'User accounts' },
  { value: 'saml_mapping', label: 'SAML mappings' },
  { value: 'scim', label: 'SCIM' },
  { value: 'authorised_application', label: 'Authorised Applications' },
  { value: 'member', label: 'Members' },
  { value: 'directory_sync', label: 'Directory Sync' },
  { value: 'api_key', label: 'API keys' },
  { value: 'webhook_endpoint', label: 'Webhooks' },
  { value: 'portal_link', label: 'Admin Portal links' },
  { value: 'tenant', label: 'Company' },
] as const;
const KIND_VALUES: readonly string[] = AUDIT_ACTION_KINDS.map((k) => k.value);

export type AuditQuery = {
  /** An actor's email, or "system". */
  actor: string;
  /** An action kind (AUDIT_ACTION_KINDS) or an exact action such as "member.deleted". */
  action: string;
  /** UTC dates, YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
  q: string;
  page: number;
};

function first(value: string | string[] | undefined, max = 200): string {
  return ((Array.isArray(value) ? value[0] : value) ?? '').trim().slice(0, max);
}

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/** Reads the page's URL parameters; anything malformed is dropped, never an error. */
export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  const action = first(params.action, 80);
  const from = first(params.from, 10);
  const to = first(params.to, 10);
  const page = Math.floor(Number(first(params.page, 12)));
  return {
    actor: first(params.actor, 254),
    action: /^[a-z_]+(\.[a-z_]+)?$/.test(action) ? action : '',
    from: isDate(from) ? from : '',
    to: isDate(to) ? to : '',
    q: first(params.q),
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, AUDIT_MAX_PAGE) : 1,
  };
}

export function isAuditFiltered(query: AuditQuery): boolean {
  return Boolean(query.actor || query.action || query.from || query.to || query.q);
}

function auditWhere(tenantId: string, query: AuditQuery): SQL {
  const parts: (SQL | undefined)[] = [eq(auditLog.tenantId, tenantId)];
  // "system" is the actor email of Roster's own jobs (lib/audit SYSTEM_ACTOR), like any other actor's.
  if (query.actor) parts.push(sql`lower(${auditLog.actorEmail}) = ${query.actor.toLowerCase()}`);
  if (query.action) {
    parts.push(
      KIND_VALUES.includes(query.action)
        ? or(eq(auditLog.action, query.action), sql`${auditLog.action} like ${`${query.action}.%`}`)
        : eq(auditLog.action, query.action),
    );
  }
  if (query.from) parts.push(gte(auditLog.createdAt, new Date(`${query.from}T00:00:00Z`)));
  if (query.to) parts.push(lt(auditLog.createdAt, new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000)));
  for (const term of query.q.split(/\s+/).filter(Boolean).slice(0, 5)) {
    const pattern = containsPattern(term);
    parts.push(
      or(
        ilike(auditLog.action, pattern),
        ilike(auditLog.target, pattern),
        ilike(auditLog.actorEmail, pattern),
        sql`${auditLog.details}::text ilike ${pattern}`,
      ),
    );
  }
  return and(...parts)!;
}

type AuditRow = typeof auditLog.$inferSelect;

export type AuditLink = { label: string; href: string | null };
export type DescribedEntry = {
  id: number;
  createdAt: Date;
  actorName: string;
  actorEmail: string | null;
  action: string;
  /** "turned on SAML SSO mappings (Okta Test)": what the actor did, after their name. */
  summary: string;
  target: AuditLink | null;
  /** Details with ids replaced by names, as label/value pairs. */
  details: { label: string; value: string }[];
};

/** Names for the ids and keys an audit page mentions, read in a handful of queries per page. */
type Lookups = {
  actors: Map<string, string>;
  identityProviders: Map<string, { id: string; name: string }>;
  people: Map<string, string>;
  accounts: Map<string, string>;
  /** Directory Sync ids (organizations and directories) → name and page. */
  dsync: Map<string, { name: string; href: string }>;
};

const PERSON_TARGETS = ['person.', 'employment.'];
const ACCOUNT_TARGETS = ['user_account.', 'saml_mapping.'];
const startsWithAny = (action: string, prefixes: string[]) => prefixes.some((p) => action.startsWith(p));

async function loadLookups(db: Executor, tenantId: string, rows: AuditRow[]): Promise<Lookups> {
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((v): v is string => Boolean(v)))];
  const codes = [...new Set(rows.filter((r) => startsWithAny(r.action, PERSON_TARGETS)).map((r) => r.target ?? ''))];
  const userNames = [
    ...new Set(rows.filter((r) => startsWithAny(r.action, ACCOUNT_TARGETS)).map((r) => r.target ?? '')),
  ];
  const dsyncIds = [
    ...new Set(
      rows.flatMap((r) => {
        const ids = [r.target, r.details?.organizationId, r.details?.directoryId];
        return r.action.startsWith('directory_sync.') || r.action.startsWith('portal_link.') ? ids : [];
      }),
    ),
  ].filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length < 200);
  const [actors, idps, persons, accounts, orgs, dirs] = await Promise.all([
    actorIds.length
      ? db
          .select({ id: staffUsers.id, name: staffUsers.name })
          .from(staffUsers)
          .where(and(eq(staffUsers.tenantId, tenantId), inArray(staffUsers.id, actorIds)))
      : [],
    db
      .select({ id: identityProviders.id, name: identityProviders.name })
      .from(identityProviders)
      .where(eq(identityProviders.tenantId, tenantId)),
    codes.length
      ? db
          .select({ id: people.id, code: people.personCode })
          .from(people)
          .where(and(eq(people.tenantId, tenantId), inArray(people.personCode, codes)))
      : [],
    userNames.length
      ? db
          .select({ id: userAccounts.id, userName: userAccounts.userName })
          .from(userAccounts)
          .where(and(eq(userAccounts.tenantId, tenantId), inArray(userAccounts.userName, userNames)))
      : [],
    dsyncIds.length
      ? db
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(and(eq(organizations.tenantId, tenantId), inArray(organizations.id, dsyncIds)))
      : [],
    dsyncIds.length
      ? db
          .select({ id: directories.id, name: directories.name })
          .from(directories)
          .where(and(eq(directories.tenantId, tenantId), inArray(directories.id, dsyncIds)))
      : [],
  ]);
  const byId = new Map(idps.map((i) => [i.id, i]));
  const byName = new Map(idps.map((i) => [i.name, i]));
  return {
    actors: new Map(actors.map((a) => [a.id, a.name])),
    identityProviders: new Map([...byId, ...byName]),
    people: new Map(persons.map((p) => [p.code, p.id])),
    accounts: new Map(accounts.map((a) => [a.userName, a.id])),
    dsync: new Map<string, { name: string; href: string }>([
      ...orgs.map((o) => [o.id, { name: o.name, href: `/dashboard/organizations/${o.id}` }] as const),
      ...dirs.map((d) => [d.id, { name: d.name, href: `/dashboard/directories/${d.id}` }] as const),
    ]),
  };
}

/** What each action did, in words, after the actor's name; the target follows. */
const VERBS: Record<string, string> = {
  'tenant.created': 'created the company',
  'person.created': 'created the person record of',
  'person.updated': 'updated the person record of',
  'person.deleted': 'deleted the person record of',
  'employment.added': 'added an employment to',
  'employment.updated': 'updated an employment of',
  'employment.removed': 'removed an employment of',
  'employment.made_primary': 'changed the primary employment of',
  'people.imported': 'imported people from',
  'people.leavers_deactivated': 'deactivated leavers:',
  'people_import.uploaded': 'uploaded the people import',
  'people_import.validated': 'validated the people import',
  'people_import.started': 'started the people import',
  'department.created': 'created the department',
  'department.updated': 'updated the department',
  'department.deleted': 'deleted the department',
  'role.created': 'created the role',
  'role.updated': 'updated the role',
  'role.deleted': 'deleted the role',
  'identity_provider.created': 'added the identity provider',
  'identity_provider.updated': 'updated the identity provider',
  'identity_provider.deleted': 'deleted the identity provider',
  'user_account.deactivated': 'deactivated the user account',
  'user_account.reactivated': 'reactivated the user account',
  'saml_mapping.added': 'added a SAML mapping to',
  'saml_mapping.updated': 'changed a SAML mapping of',
  'saml_mapping.removed': 'removed a SAML mapping from',
  'scim.enabled': 'turned on SCIM provisioning',
  'scim.disabled': 'turned off SCIM provisioning',
  'scim.token_generated': 'generated a new SCIM token',
  'authorised_application.created': 'created the Authorised Application',
  'authorised_application.deleted': 'deleted the Authorised Application',
  'authorised_application.revoked': 'revoked the Authorised Application',
  'authorised_application.secret_regenerated': 'regenerated the Client Secret of',
  'member.created': 'invited the member',
  'member.role_changed': 'changed the role of',
  'member.disabled': 'disabled the member',
  'member.enabled': 'enabled the member',
  'member.deleted': 'deleted the member',
  'member.password_reset': 'reset the password of',
  'member.password_changed': 'changed their password',
  'member.name_changed': 'changed their name',
  'api_key.created': 'created the API key',
  'api_key.revoked': 'revoked the API key',
  'webhook_endpoint.created': 'added the webhook endpoint',
  'webhook_endpoint.deleted': 'deleted the webhook endpoint',
  'webhook_endpoint.disabled': 'disabled the webhook endpoint',
  'webhook_endpoint.enabled': 'enabled the webhook endpoint',
  'webhook_endpoint.test_sent': 'sent a test event to',
  'webhook_delivery.resent': 'resent a webhook delivery to',
  'directory_sync.cezanne_hr_enabled': 'turned on the directory integration',
  'directory_sync.cezanne_hr_disabled': 'turned off the directory integration',
  'directory_sync.organization_created': 'created the organization',
  'directory_sync.directory_created': 'created the directory',
  'directory_sync.directory_deleted': 'deleted the directory',
  'directory_sync.directory_renamed': 'renamed the directory',
  'directory_sync.credentials_updated': 'updated the credentials of the directory',
  'directory_sync.sync_requested': 'asked for a sync of the directory',
  'directory_sync.held_run_approved': 'approved a held sync of the directory',
  'directory_sync.held_run_discarded': 'discarded a held sync of the directory',
  'portal_link.created': 'created an Admin Portal link for',
  'portal_link.revoked': 'revoked an Admin Portal link for',
  'portal_link.completed': 'completed the Admin Portal setup of',
};

/** Actions whose target adds nothing to the sentence. */
const NO_TARGET = new Set([
  'scim.enabled',
  'scim.disabled',
  'scim.token_generated',
  'member.password_changed',
  'member.name_changed',
]);

const SECTION_LINKS: [string, string][] = [
  ['department.', '/admin/departments'],
  ['role.', '/admin/roles'],
  ['identity_provider.', '/admin/identity-providers'],
  ['scim.', '/admin/integrations/scim'],
  ['authorised_application.', '/admin/security/authorised-applications'],
  ['member.', '/settings/members'],
  ['api_key.', '/dashboard/api-keys'],
  ['webhook_', '/dashboard/webhooks'],
  ['directory_sync.', '/dashboard/organizations'],
  ['portal_link.', '/dashboard/organizations'],
  ['people.', '/admin/people'],
  ['people_import.', '/admin/people/import'],
];

const MATCH_METHOD_WORDS: Record<string, string> = {
  internal_email: 'internal email',
  external_email: 'external email',
  person_code: 'person code',
  employment_id: 'employment ID',
};

function scimSettingsSummary(row: AuditRow, lookups: Lookups): string {
  const changes = (row.details ?? {}) as Record<string, { from?: unknown; to?: unknown }>;
  const idpName = (id: unknown) => (typeof id === 'string' ? lookups.identityProviders.get(id)?.name : undefined);
  const parts: string[] = [];
  const idp = idpName(changes.identityProviderId?.to);
  if (changes.createSamlMappings?.to === true) parts.push(`turned on SAML SSO mappings${idp ? ` (${idp})` : ''}`);
  else if (changes.createSamlMappings?.to === false) parts.push('turned off SAML SSO mappings');
  else if (changes.identityProviderId) parts.push(`set the SAML identity provider to ${idp ?? 'none'}`);
  if (changes.matchMethod)
    parts.push(
      `changed the match method to ${MATCH_METHOD_WORDS[String(changes.matchMethod.to)] ?? String(changes.matchMethod.to)}`,
    );
  if (changes.userIdentifier) parts.push(`changed the SAML user identifier to ${String(changes.userIdentifier.to)}`);
  return parts.length ? parts.join(', ') : 'updated the SCIM settings';
}

function targetOf(row: AuditRow, lookups: Lookups): AuditLink | null {
  if (!row.target || NO_TARGET.has(row.action) || row.action.startsWith('scim.')) return null;
  const label = row.target;
  if (startsWithAny(row.action, PERSON_TARGETS)) {
    const id = lookups.people.get(label);
    return { label, href: id ? `/admin/people/${id}` : null };
  }
  if (startsWithAny(row.action, ACCOUNT_TARGETS)) {
    const id = lookups.accounts.get(label);
    return { label, href: id ? `/admin/users/${id}` : null };
  }
  if (row.action.startsWith('directory_sync.cezanne_hr_')) return { label, href: '/dashboard/settings' };
  if (row.action.startsWith('directory_sync.')) {
    const known = lookups.dsync.get(label);
    const named = typeof row.details?.name === 'string' ? row.details.name : label;
    return known ? { label: known.name, href: known.href } : { label: named, href: null };
  }
  if (row.action.startsWith('portal_link.')) {
    const ids = [row.details?.organizationId, row.details?.directoryId].filter((v) => typeof v === 'string');
    const known = ids.map((id) => lookups.dsync.get(id as string)).find(Boolean);
    return known ? { label: known.name, href: known.href } : { label: 'an organization', href: null };
  }
  if (row.action.endsWith('.deleted')) return { label, href: null };
  const section = SECTION_LINKS.find(([prefix]) => row.action.startsWith(prefix));
  return { label, href: section?.[1] ?? null };
}

/** Detail keys whose id values are shown as names, and the label they get. */
const RESOLVED_KEYS: Record<string, string> = {
  identityProviderId: 'identityProvider',
  organizationId: 'organization',
  directoryId: 'directory',
};

/** "createSamlMappings" → "Create SAML mappings". */
function humanKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(/\b(saml|sso|scim|id|url|csv|api)\b/g, (w) => w.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueText(value: unknown, lookups: Lookups, key: string): string {
  if ((key === 'organizationId' || key === 'directoryId') && typeof value === 'string')
    return lookups.dsync.get(value)?.name ?? value;
  if (key === 'identityProviderId' || key.endsWith('IdentityProviderId')) {
    if (typeof value === 'string') return lookups.identityProviders.get(value)?.name ?? value;
    if (value === null) return 'none';
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && 'to' in value) {
    const change = value as { from?: unknown; to?: unknown };
    return `${valueText(change.from, lookups, key)} → ${valueText(change.to, lookups, key)}`;
  }
  if (Array.isArray(value)) return value.map((v) => valueText(v, lookups, key)).join(', ');
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function describeEntry(row: AuditRow, lookups: Lookups): DescribedEntry {
  const actorName = row.actorId
    ? (lookups.actors.get(row.actorId) ?? row.actorEmail ?? 'A deleted member')
    : (row.actorEmail ?? 'system');
  const summary =
    row.action === 'scim.settings_updated'
      ? scimSettingsSummary(row, lookups)
      : (VERBS[row.action] ?? `did “${row.action}” to`);
  const details = Object.entries(row.details ?? {}).map(([key, value]) => ({
    label: humanKey(RESOLVED_KEYS[key] ?? key),
    value: valueText(value, lookups, key),
  }));
  return {
    id: row.id,
    createdAt: row.createdAt,
    actorName,
    actorEmail: row.actorEmail,
    action: row.action,
    summary,
    target: targetOf(row, lookups),
    details,
  };
}

/** The sentence of an entry as plain text: "Hannah Hr turned on SAML SSO mappings (Okta Test)". */
export function entrySentence(entry: DescribedEntry): string {
  return [entry.actorName, entry.summary, entry.target?.label].filter(Boolean).join(' ');
}

export type AuditPage = {
  entries: DescribedEntry[];
  query: AuditQuery;
  total: number;
  pageCount: number;
};

/** One page of the log, newest first, with the number of matching entries and pages. */
export async function listAuditPage(db: Executor, tenantId: string, query: AuditQuery): Promise<AuditPage> {
  const where = auditWhere(tenantId, query);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(where);
  const pageCount = Math.max(1, Math.min(Math.ceil(n / AUDIT_PAGE_SIZE), AUDIT_MAX_PAGE));
  const page = Math.min(query.page, pageCount);
  const rows = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  const lookups = await loadLookups(db, tenantId, rows);
  return { entries: rows.map((r) => describeEntry(r, lookups)), query: { ...query, page }, total: n, pageCount };
}

/** The Actor filter's choices: the company's members (by email) and "system". */
export async function auditActorOptions(db: Executor, tenantId: string) {
  const members = await db
    .select({ email: staffUsers.email, name: staffUsers.name })
    .from(staffUsers)
    .where(eq(staffUsers.tenantId, tenantId))
    .orderBy(asc(staffUsers.name));
  return [
    ...members.map((m) => ({ value: m.email, label: `${m.name} (${m.email})` })),
    { value: 'system', label: 'System' },
  ];
}

export const AUDIT_CSV_HEADER = ['When (UTC)', 'Actor', 'Actor email', 'Action', 'Description', 'Target', 'Details'];

/** Every entry of the filter, newest first, as CSV cells: read in keyset batches over (created_at, id). */
export async function* auditCsvRows(db: Executor, tenantId: string, query: AuditQuery): AsyncGenerator<unknown[]> {
  const where = auditWhere(tenantId, query);
  // The cursor keeps created_at as Postgres text: a JS Date would cut its microseconds and skip or repeat rows.
  let after: { at: string; id: number } | null = null;
  for (;;) {
    const cursor: SQL | undefined = after
      ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (${after.at}::timestamptz, ${after.id})`
      : undefined;
    const rows: (AuditRow & { cursorAt: string })[] = await db
      .select({ ...getTableColumns(auditLog), cursorAt: sql<string>`${auditLog.createdAt}::text` })
      .from(auditLog)
      .where(and(where, cursor))
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(EXPORT_BATCH);
    const lookups = await loadLookups(db, tenantId, rows);
    for (const row of rows) {
      const entry = describeEntry(row, lookups);
      yield [
        `${row.createdAt.toISOString().replace('T', ' ').slice(0, 19)}`,
        entry.actorName,
        entry.actorEmail,
        entry.action,
        entrySentence(entry),
        entry.target?.label ?? '',
        entry.details.map((d) => `${d.label}: ${d.value}`).join('; '),
      ];
    }
    if (rows.length < EXPORT_BATCH) return;
    const last = rows[rows.length - 1];
    after = { at: last.cursorAt, id: last.id };
  }
}
