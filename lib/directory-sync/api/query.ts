/**
 * Query parameters of the WorkOS-compatible API: URLSearchParams → a plain object → zod schema → typed values, or one
 * 422 naming every bad parameter. Unknown parameters are ignored (SDKs send extra ones); empty values count as absent
 * (the Node SDK drops them too).
 */
import { z } from 'zod';
import { isPublicId, type IdKind } from '../ids';
import { invalidParameters, type FieldError } from './errors';
import type { Order } from './keyset';

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
const MAX_EVENT_NAMES = 50;
const MAX_TEXT = 200;

/** Parameters that may be given several times; every other one must appear at most once. */
const MULTI_VALUED = new Set(['events', 'domains']);

type RawQuery = Record<string, string | string[]>;

/** `events[]=a` is read as `events=a`, repeated keys become arrays, and comma lists are split by the schemas. */
export function rawQuery(params: URLSearchParams): { raw: RawQuery; repeated: string[] } {
  const raw: RawQuery = {};
  const repeated = new Set<string>();
  for (const [rawKey, value] of params) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    if (value === '') continue;
    const previous = raw[key];
    if (previous === undefined) raw[key] = MULTI_VALUED.has(key) ? [value] : value;
    else if (Array.isArray(previous)) previous.push(value);
    else repeated.add(key);
  }
  return { raw, repeated: [...repeated] };
}

const limit = z
  .string()
  .regex(/^\d{1,9}$/, `limit must be a whole number from 1 to ${MAX_LIMIT}.`)
  // The wire rule is "clamped to 1..100": a larger page request gets the largest page, not an error.
  .transform((value) => Math.min(Math.max(Number(value), 1), MAX_LIMIT))
  .default(DEFAULT_LIMIT);

const order = z.enum(['asc', 'desc', 'normal'], { error: 'order must be asc, desc or normal.' }).default('desc');

const KIND_LABELS: Record<IdKind, string> = {
  organization: 'an organization id (org_…)',
  organizationDomain: 'an organization domain id (org_domain_…)',
  directory: 'a directory id (directory_…)',
  directoryUser: 'a directory user id (directory_user_…)',
  directoryGroup: 'a directory group id (directory_group_…)',
  event: 'an event id (event_…)',
};

export function publicId(kind: IdKind, field: string) {
  return z.string().refine((value) => isPublicId(kind, value), `${field} must be ${KIND_LABELS[kind]}.`);
}

const text = (field: string) => z.string().max(MAX_TEXT, `${field} must be at most ${MAX_TEXT} characters.`);

/** `a,b`, `a&a`, `a[]` → one list, trimmed, without empties or duplicates. */
function commaList(field: string, each: z.ZodString, max: number) {
  return z
    .array(z.string())
    .transform((values) => [
      ...new Set(
        values
          .flatMap((v) => v.split(','))
          .map((v) => v.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(each).max(max, `${field}: at most ${max} values.`));
}

function pageParams<K extends IdKind>(kind: K) {
  return { limit, order, before: publicId(kind, 'before').optional(), after: publicId(kind, 'after').optional() };
}

export const listOrganizationsQuery = z.object({
  ...pageParams('organization'),
  domains: commaList('domains', text('domains'), 50).optional(),
});

export const listDirectoriesQuery = z.object({
  ...pageParams('directory'),
  organization_id: publicId('organization', 'organization_id').optional(),
  search: text('search').optional(),
  domain: text('domain').optional(),
});

export const listUsersQuery = z
  .object({
    ...pageParams('directoryUser'),
    directory: publicId('directory', 'directory').optional(),
    group: publicId('directoryGroup', 'group').optional(),
    idp_id: text('idp_id').optional(),
    email: text('email').optional(),
  })
  .superRefine((query, ctx) => {
    for (const field of ['idp_id', 'email'] as const) {
      if (query[field] !== undefined && !query.directory) {
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} can only be used together with directory.` });
      }
    }
  });

export const listGroupsQuery = z.object({
  ...pageParams('directoryGroup'),
  directory: publicId('directory', 'directory').optional(),
  user: publicId('directoryUser', 'user').optional(),
});

const EVENT_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const timestamp = (field: string) =>
  z
    .string()
    .refine(
      (value) => z.iso.datetime({ offset: true }).safeParse(value).success || z.iso.date().safeParse(value).success,
      {
        message: `${field} must be an ISO 8601 date or timestamp, e.g. 2026-01-15T12:00:00.000Z.`,
      },
    )
    .transform((value) => new Date(value));

export const listEventsQuery = z
  .object({
    events: commaList(
      'events',
      z.string().regex(EVENT_NAME, 'events: each name must look like dsync.user.created.'),
      MAX_EVENT_NAMES,
    ).optional(),
    organization_id: publicId('organization', 'organization_id').optional(),
    range_start: timestamp('range_start').optional(),
    range_end: timestamp('range_end').optional(),
    limit,
    after: publicId('event', 'after').optional(),
    // Accepted for SDK compatibility and ignored: WorkOS serves events oldest first whatever `order` says, and
    // consumers page forward with `after` (see the reference, section 3.1).
    order: z.enum(['asc', 'desc', 'normal'], { error: 'order must be asc, desc or normal.' }).optional(),
  })
  .superRefine((query, ctx) => {
    if (query.after && query.range_start) {
      ctx.addIssue({
        code: 'custom',
        path: ['range_start'],
        message: 'range_start and after cannot be used together: page with after alone.',
      });
    }
    if (query.range_start && query.range_end && query.range_start > query.range_end) {
      ctx.addIssue({ code: 'custom', path: ['range_end'], message: 'range_end must not be before range_start.' });
    }
  });

function fieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'query');
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, code: `invalid_${field}`, message: issue.message });
  }
  return out;
}

/** Parses the query string with `schema`; throws one 422 listing every bad or repeated parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): z.infer<S> {
  const { raw, repeated } = rawQuery(params);
  const parsed = schema.safeParse(raw);
  const errors: FieldError[] = repeated.map((field) => ({
    field,
    code: `invalid_${field}`,
    message: `${field} may be given only once.`,
  }));
  if (!parsed.success) errors.push(...fieldErrors(parsed.error).filter((e) => !repeated.includes(e.field)));
  if (errors.length || !parsed.success) throw invalidParameters(errors);
  return parsed.data;
}

export type PageQuery = { limit: number; order: Order; before?: string; after?: string };
