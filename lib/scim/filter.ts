import { sql, type SQL } from 'drizzle-orm';
import { parse, type Filter } from 'scim2-parse-filter';
import { ScimError } from './errors';
import { isUuid } from '@/lib/ids';
import { CORE_GROUP_SCHEMA, CORE_USER_SCHEMA, ENTERPRISE_USER_SCHEMA, ROSTER_USER_SCHEMA } from './schemas';

export type ScimFilter = Filter;

const MAX_FILTER_LENGTH = 2_000;
const MAX_FILTER_TERMS = 50;

const invalidFilter = (detail: string) => new ScimError(400, detail, 'invalidFilter');

/** Parses a SCIM filter (RFC 7644 §3.4.2.2); any syntax problem is a 400 `invalidFilter`. */
export function parseScimFilter(text: string): ScimFilter {
  if (text.length > MAX_FILTER_LENGTH)
    throw invalidFilter(`The filter is longer than ${MAX_FILTER_LENGTH} characters.`);
  let ast: Filter;
  try {
    ast = parse(text);
  } catch (error) {
    throw invalidFilter(
      `The filter ${JSON.stringify(text)} is not valid SCIM filter syntax (${(error as Error).message.trim()}).`,
    );
  }
  if (countTerms(ast) > MAX_FILTER_TERMS) throw invalidFilter(`The filter has more than ${MAX_FILTER_TERMS} terms.`);
  return ast;
}

function countTerms(f: Filter): number {
  if (f.op === 'and' || f.op === 'or') return f.filters.reduce((n, x) => n + countTerms(x), 0);
  if (f.op === 'not') return countTerms(f.filter);
  if (f.op === '[]') return countTerms(f.valFilter);
  return 1;
}

/** Attribute names are case-insensitive; a schema URN prefix (`urn:…:User:userName`) names the same attribute. */
export function normaliseAttrPath(path: string, urns: string[]): string {
  let p = path.trim();
  const lower = p.toLowerCase();
  for (const urn of urns) {
    const u = urn.toLowerCase();
    if (lower.startsWith(u + ':')) {
      p = (urn === CORE_USER_SCHEMA || urn === CORE_GROUP_SCHEMA ? '' : urn + ':') + p.slice(urn.length + 1);
      break;
    }
  }
  return p.toLowerCase();
}

type ColumnType = 'string' | 'boolean' | 'datetime' | 'uuid';

/** xsd:dateTime as SCIM clients send it (RFC 7643 §2.3.5), fraction up to nanoseconds (PostgreSQL rounds to µs). */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i;
type Column = { expr: SQL; type: ColumnType; caseExact?: boolean };
type ColumnMap = Record<string, Column | ((op: string, value: unknown) => SQL)>;

const ent = ENTERPRISE_USER_SCHEMA.toLowerCase();
const roster = ROSTER_USER_SCHEMA.toLowerCase();

/** User attributes a filter may use, over `user_accounts ua`, `people p`, `roles r`, `departments d`. */
const USER_COLUMNS: ColumnMap = {
  id: { expr: sql`ua.id`, type: 'uuid' },
  username: { expr: sql`ua.user_name`, type: 'string' },
  externalid: { expr: sql`ua.external_id`, type: 'string', caseExact: true },
  emails: { expr: sql`ua.email`, type: 'string' },
  'emails.value': { expr: sql`ua.email`, type: 'string' },
  'emails.type': { expr: sql`(case when ua.email is not null then 'work' end)`, type: 'string' },
  'emails.primary': { expr: sql`(case when ua.email is not null then true end)`, type: 'boolean' },
  active: { expr: sql`ua.active`, type: 'boolean' },
  'name.familyname': { expr: sql`p.family_name`, type: 'string' },
  'name.givenname': { expr: sql`p.given_name`, type: 'string' },
  displayname: { expr: sql`(coalesce(p.preferred_given_name, p.given_name) || ' ' || p.family_name)`, type: 'string' },
  'meta.lastmodified': { expr: sql`ua.updated_at`, type: 'datetime' },
  'meta.created': { expr: sql`ua.created_at`, type: 'datetime' },
  [`${ent}:employeenumber`]: { expr: sql`p.person_code`, type: 'string', caseExact: true },
  [`${ent}:department`]: { expr: sql`d.name`, type: 'string' },
  roles: { expr: sql`r.original_name`, type: 'string', caseExact: true },
  'roles.value': { expr: sql`r.original_name`, type: 'string', caseExact: true },
  [`${roster}:role`]: { expr: sql`r.original_name`, type: 'string', caseExact: true },
  groups: { expr: sql`p.department_id`, type: 'uuid' },
  'groups.value': { expr: sql`p.department_id`, type: 'uuid' },
  'groups.display': { expr: sql`d.name`, type: 'string' },
};

/** Group (department) attributes, over `departments d`. */
const GROUP_COLUMNS: ColumnMap = {
  id: { expr: sql`d.id`, type: 'uuid' },
  displayname: { expr: sql`d.name`, type: 'string' },
  'meta.lastmodified': { expr: sql`d.updated_at`, type: 'datetime' },
  'meta.created': { expr: sql`d.created_at`, type: 'datetime' },
  members: memberFilter,
  'members.value': memberFilter,
};

function memberFilter(op: string, value: unknown): SQL {
  if (op !== 'eq') throw invalidFilter('Group members can only be filtered with "eq".');
  if (typeof value !== 'string' || !isUuid(value)) return sql`false`;
  return sql`exists (select 1 from user_accounts ua join people p on p.id = ua.person_id where p.department_id = d.id and ua.id = ${value}::uuid)`;
}

function boolValue(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return null;
}

/**
 * Leaf comparisons stay plain (`lower(ua.user_name) = lower($1)`) so that indexes apply. A missing attribute gives
 * SQL NULL, which the WHERE clause treats as false; `not` wraps its operand in `coalesce(…, false)` so that NULL
 * also behaves as false underneath it (SCIM: a comparison on a missing attribute is false).
 */
function compare(column: Column, op: string, value: unknown, attr: string): SQL {
  const { expr, type } = column;
  if (op === 'pr') return type === 'string' ? sql`(${expr} <> '')` : sql`(${expr} is not null)`;
  if (value === null) {
    if (op === 'eq') return sql`(${expr} is null)`;
    if (op === 'ne') return sql`(${expr} is not null)`;
    throw invalidFilter(`"${attr} ${op} null" is not a valid comparison.`);
  }
  const negate = (positive: SQL) => sql`(not coalesce(${positive}, false))`;
  if (type === 'boolean') {
    const b = boolValue(value);
    if (b === null || (op !== 'eq' && op !== 'ne'))
      throw invalidFilter(`"${attr}" is a boolean: use "eq true" or "eq false".`);
    const match = sql`(${expr} = ${b})`;
    return op === 'eq' ? match : negate(match);
  }
  if (type === 'datetime') {
    const year = typeof value === 'string' ? new Date(value).getUTCFullYear() : NaN;
    // Years PostgreSQL's timestamptz and the ISO form we send it both take; Date alone accepts ±275760.
    if (typeof value !== 'string' || !(year >= 1 && year <= 9999)) {
      throw invalidFilter(`"${attr}" compares with a date-time string such as "2024-05-13T04:42:34Z".`);
    }
    const ops: Record<string, SQL> = { eq: sql`=`, ne: sql`=`, gt: sql`>`, ge: sql`>=`, lt: sql`<`, le: sql`<=` };
    if (!ops[op]) throw invalidFilter(`"${op}" cannot be used on the date-time "${attr}".`);
    // An ISO 8601 value goes to PostgreSQL as sent, so its microseconds (as meta shows them) count; other forms Date
    // reads are normalised (milliseconds).
    const literal = ISO_DATE_TIME.test(value) ? value : new Date(value).toISOString();
    const match = sql`(${expr} ${ops[op]} ${literal}::timestamptz)`;
    return op === 'ne' ? negate(match) : match;
  }
  if (typeof value !== 'string') throw invalidFilter(`"${attr}" compares with a string value in double quotes.`);
  // PostgreSQL text cannot hold NUL, so no attribute can equal or contain it: refuse rather than fail in SQL.
  if (value.includes('\u0000')) throw invalidFilter(`The value compared with "${attr}" contains a NUL character.`);
  if (type === 'uuid') {
    if (op === 'eq' || op === 'ne') {
      const match = isUuid(value) ? sql`(${expr} = ${value}::uuid)` : sql`false`;
      return op === 'eq' ? match : negate(match);
    }
    return compare({ expr: sql`${expr}::text`, type: 'string' }, op, value, attr);
  }
  const col = column.caseExact ? expr : sql`lower(${expr})`;
  const v = column.caseExact ? sql`${value}::text` : sql`lower(${value}::text)`;
  switch (op) {
    case 'eq':
      return sql`(${col} = ${v})`;
    case 'ne':
      return negate(sql`(${col} = ${v})`);
    case 'co':
      return sql`(strpos(${col}, ${v}) > 0)`;
    case 'sw':
      return sql`starts_with(${col}, ${v})`;
    case 'ew':
      return sql`(right(${col}, length(${v})) = ${v})`;
    case 'gt':
      return sql`(${col} > ${v})`;
    case 'ge':
      return sql`(${col} >= ${v})`;
    case 'lt':
      return sql`(${col} < ${v})`;
    case 'le':
      return sql`(${col} <= ${v})`;
  }
  throw invalidFilter(`The operator "${op}" is not supported.`);
}

function compile(f: Filter, columns: ColumnMap, urns: string[], prefix = ''): SQL {
  switch (f.op) {
    case 'and':
    case 'or': {
      const parts = f.filters.map((x) => compile(x, columns, urns, prefix));
      return sql`(${sql.join(parts, f.op === 'and' ? sql` and ` : sql` or `)})`;
    }
    case 'not':
      return sql`(not coalesce(${compile(f.filter, columns, urns, prefix)}, false))`;
    case '[]': {
      if (prefix) throw invalidFilter('Value filters cannot be nested.');
      return compile(f.valFilter, columns, urns, normaliseAttrPath(f.attrPath, urns) + '.');
    }
    default: {
      const attr = prefix + normaliseAttrPath(f.attrPath, urns);
      const column = columns[attr];
      if (!column) {
        throw invalidFilter(
          `Filtering on "${prefix ? prefix.slice(0, -1) + '[' + f.attrPath + ']' : f.attrPath}" is not supported.`,
        );
      }
      const value = f.op === 'pr' ? undefined : f.compValue;
      return typeof column === 'function' ? column(f.op, value) : compare(column, f.op, value, f.attrPath);
    }
  }
}

const USER_URNS = [CORE_USER_SCHEMA, ENTERPRISE_USER_SCHEMA, ROSTER_USER_SCHEMA];

/** Translates a parsed filter into SQL over the user view; unsupported attributes or operators are `invalidFilter`. */
export function userFilterSql(f: ScimFilter): SQL {
  return compile(f, USER_COLUMNS, USER_URNS);
}

export function groupFilterSql(f: ScimFilter): SQL {
  return compile(f, GROUP_COLUMNS, [CORE_GROUP_SCHEMA]);
}
