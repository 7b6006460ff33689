import { ScimError } from './errors';
import { parseScimFilter, type ScimFilter } from './filter';
import {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  DEFAULT_PAGE_SIZE,
  ENTERPRISE_USER_SCHEMA,
  MAX_PAGE_SIZE,
  ROSTER_USER_SCHEMA,
} from './schemas';

export type ListQuery = {
  filter: ScimFilter | null;
  startIndex: number;
  count: number;
  attributes: string[][] | null;
  excludedAttributes: string[][] | null;
};

/** Paging numbers beyond this are refused (they could not be an OFFSET PostgreSQL accepts, nor a useful page). */
const MAX_PAGING_NUMBER = 2_147_483_647;

/** The one value of a query parameter; sent twice it is ambiguous (which one would a client expect us to use?). */
function single(
  params: URLSearchParams,
  name: string,
  scimType: 'invalidValue' | 'invalidFilter' = 'invalidValue',
): string | null {
  const values = params.getAll(name);
  if (values.length > 1) throw new ScimError(400, `"${name}" is given more than once.`, scimType);
  return values[0] ?? null;
}

function intParam(value: string | null, name: string): number | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  // Decimals are truncated (lenient, as before); hex, exponents and numbers past the limit are refused.
  if (!/^[+-]?\d{1,10}(\.\d*)?$/.test(text) || Math.abs(Number(text)) > MAX_PAGING_NUMBER) {
    throw new ScimError(
      400,
      `"${name}" must be an integer from -${MAX_PAGING_NUMBER} to ${MAX_PAGING_NUMBER}, not ${JSON.stringify(value.slice(0, 50))}.`,
      'invalidValue',
    );
  }
  return Math.trunc(Number(text));
}

/**
 * Paging per RFC 7644 §3.4.2.4: `startIndex` below 1 means 1; a negative `count` means 0; `count` above the maximum
 * page size is capped; `count=0` returns only `totalResults`.
 */
export function parseListQuery(params: URLSearchParams): ListQuery {
  const filterText = single(params, 'filter', 'invalidFilter');
  const startIndex = Math.max(1, intParam(single(params, 'startIndex'), 'startIndex') ?? 1);
  const count = Math.min(MAX_PAGE_SIZE, Math.max(0, intParam(single(params, 'count'), 'count') ?? DEFAULT_PAGE_SIZE));
  return {
    filter: filterText && filterText.trim() ? parseScimFilter(filterText) : null,
    startIndex,
    count,
    ...parseAttributeParams(params),
  };
}

export function parseAttributeParams(params: URLSearchParams) {
  return {
    attributes: attributeList(single(params, 'attributes')),
    excludedAttributes: attributeList(single(params, 'excludedAttributes')),
  };
}

const EXTENSIONS = [ENTERPRISE_USER_SCHEMA, ROSTER_USER_SCHEMA];
const CORE = [CORE_USER_SCHEMA, CORE_GROUP_SCHEMA];

/** `name.givenName` → ['name', 'givenname']; `urn:…:enterprise:2.0:User:employeeNumber` → [urn, 'employeenumber']. */
export function attributePath(raw: string): string[] {
  const text = raw.trim();
  const lower = text.toLowerCase();
  for (const urn of CORE) {
    if (lower.startsWith(urn.toLowerCase() + ':')) return attributePath(text.slice(urn.length + 1));
  }
  for (const urn of EXTENSIONS) {
    const u = urn.toLowerCase();
    if (lower === u) return [urn];
    if (lower.startsWith(u + ':'))
      return [
        urn,
        ...text
          .slice(urn.length + 1)
          .toLowerCase()
          .split('.'),
      ];
  }
  return lower.split('.');
}

function attributeList(value: string | null): string[][] | null {
  if (!value || !value.trim()) return null;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(attributePath);
}

const ALWAYS = new Set(['id', 'schemas']);

function pick(value: unknown, rest: string[][]): unknown {
  if (rest.some((r) => r.length === 0)) return value;
  if (Array.isArray(value)) return value.map((v) => pick(v, rest));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const sub = rest.filter((r) => r[0] === key.toLowerCase()).map((r) => r.slice(1));
      if (sub.length) out[key] = pick(v, sub);
    }
    return out;
  }
  return value;
}

function drop(value: unknown, paths: string[][]): unknown {
  if (Array.isArray(value)) return value.map((v) => drop(v, paths));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const matching = paths.filter((p) => p[0] === key.toLowerCase());
    if (matching.some((p) => p.length === 1)) continue;
    out[key] = matching.length
      ? drop(
          v,
          matching.map((p) => p.slice(1)),
        )
      : v;
  }
  return out;
}

const keyOf = (path: string[]) => (path[0].startsWith('urn:') ? path[0].toLowerCase() : path[0]);

/** Applies `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5); `id` and `schemas` are always returned. */
export function projectResource<T extends Record<string, unknown>>(
  resource: T,
  query: { attributes: string[][] | null; excludedAttributes: string[][] | null },
): Record<string, unknown> {
  if (query.attributes) {
    const paths = query.attributes.map((p) => [keyOf(p), ...p.slice(1)]);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(resource)) {
      if (ALWAYS.has(key)) out[key] = value;
      else {
        const sub = paths.filter((p) => p[0] === key.toLowerCase()).map((p) => p.slice(1));
        if (sub.length) out[key] = pick(value, sub);
      }
    }
    return out;
  }
  if (query.excludedAttributes) {
    const paths = query.excludedAttributes
      .map((p) => [keyOf(p), ...p.slice(1)])
      .filter((p) => !(p.length === 1 && ALWAYS.has(p[0])));
    return drop(resource, paths) as Record<string, unknown>;
  }
  return resource;
}

/** Whether a projection leaves out an attribute entirely (e.g. Entra's `excludedAttributes=members`). */
export function isExcluded(
  query: { attributes: string[][] | null; excludedAttributes: string[][] | null },
  name: string,
): boolean {
  const n = name.toLowerCase();
  if (query.attributes) return !query.attributes.some((p) => p[0] === n);
  return Boolean(query.excludedAttributes?.some((p) => p.length === 1 && p[0] === n));
}
