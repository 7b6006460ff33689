import { monotonicFactory } from 'ulid';

/** WorkOS-style public ids: a prefix and a 26-character ULID (Crockford base32, upper case). */
export const ID_PREFIX = {
  organization: 'org_',
  organizationDomain: 'org_domain_',
  directory: 'directory_',
  directoryUser: 'directory_user_',
  directoryGroup: 'directory_group_',
  event: 'event_',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

const nextUlid = monotonicFactory();

export function newId(kind: IdKind, now?: Date): string {
  return ID_PREFIX[kind] + nextUlid(now?.getTime());
}

const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
const PATTERNS = Object.fromEntries(
  Object.entries(ID_PREFIX).map(([kind, prefix]) => [kind, new RegExp(`^${prefix}${ULID}$`)]),
) as Record<IdKind, RegExp>;

/** Check an id before querying, so a malformed one is "not found" rather than a scan or a database error. */
export function isPublicId(kind: IdKind, value: string): boolean {
  return PATTERNS[kind].test(value);
}
