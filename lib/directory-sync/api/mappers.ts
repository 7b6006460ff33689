/**
 * WorkOS REST objects (reference: shared/reference/workos-directory-sync.md §2.4, §2.6, §3.1). Event payloads are built
 * by the sync (lib/directory-sync/events.ts) and stored as they are sent; these mappers shape the REST answers only.
 */
import type { directories, directoryEvents, directoryGroups, directoryUsers, organizationDomains, organizations } from '@/db/schema';

const iso = (date: Date) => date.toISOString();

export type DirectoryRow = Omit<typeof directories.$inferSelect, 'clientSecretEncrypted' | 'syncLeaseToken'> & { primaryDomain: string | null };
export type DirectoryMetadata = { users: { active: number; inactive: number }; groups: number };

/** REST `state` keeps the stored vocabulary (`linked`, `unlinked`, …); the SDK maps linked/unlinked itself. */
export function toDirectory(row: DirectoryRow, metadata?: DirectoryMetadata) {
  return {
    object: 'directory' as const,
    id: row.id,
    organization_id: row.organizationId,
    external_key: row.externalKey,
    type: row.type,
    state: row.state,
    name: row.name,
    // The SDK types `domain` as a string: always present, the organization's first domain or null.
    domain: row.primaryDomain,
    ...(metadata ? { metadata } : {}),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

type GroupTable = typeof directoryGroups.$inferSelect;
export type GroupRow = Pick<GroupTable, 'id' | 'idpId' | 'directoryId' | 'name' | 'rawAttributes' | 'createdAt' | 'updatedAt'> & { organizationId: string };

export function toDirectoryGroup(row: GroupRow) {
  return {
    object: 'directory_group' as const,
    id: row.id,
    idp_id: row.idpId,
    directory_id: row.directoryId,
    organization_id: row.organizationId,
    name: row.name,
    raw_attributes: row.rawAttributes,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

type UserTable = typeof directoryUsers.$inferSelect;
export type UserRow = Omit<UserTable, 'tenantId' | 'contentHash' | 'deletedAt'> & { organizationId: string };

/** A REST directory user always carries `groups` (an array, maybe empty): the Node SDK maps it unconditionally. */
export function toDirectoryUser(row: UserRow, groups: GroupRow[]) {
  return {
    object: 'directory_user' as const,
    id: row.id,
    directory_id: row.directoryId,
    organization_id: row.organizationId,
    idp_id: row.idpId,
    email: row.email,
    first_name: row.firstName,
    last_name: row.lastName,
    name: row.name,
    // Deprecated top-level fields, still in the spec and read by older SDKs.
    emails: row.emails,
    username: row.username,
    job_title: row.jobTitle,
    state: row.state,
    custom_attributes: row.customAttributes,
    raw_attributes: row.rawAttributes,
    groups: groups.map(toDirectoryGroup),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

export type OrganizationRow = typeof organizations.$inferSelect & { domains: (typeof organizationDomains.$inferSelect)[] };

export function toOrganization(row: OrganizationRow) {
  return {
    object: 'organization' as const,
    id: row.id,
    name: row.name,
    allow_profiles_outside_organization: false,
    domains: row.domains.map((domain) => ({
      object: 'organization_domain' as const,
      id: domain.id,
      domain: domain.domain,
      organization_id: domain.organizationId,
      // Domains are entered by an admin of this Roster: there is no DNS verification step.
      state: 'verified' as const,
      verification_strategy: 'manual' as const,
      created_at: iso(domain.createdAt),
      updated_at: iso(domain.createdAt),
    })),
    external_id: null,
    metadata: {},
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

export type EventRow = Pick<typeof directoryEvents.$inferSelect, 'id' | 'event' | 'data' | 'createdAt'>;

export function toEvent(row: EventRow) {
  return { object: 'event' as const, id: row.id, event: row.event, data: row.data, created_at: iso(row.createdAt), context: {} };
}

/** The list envelope. Event lists carry only `after` (spec: EventList). */
export function toList<T>(data: T[], listMetadata: { before?: string | null; after: string | null }) {
  return { object: 'list' as const, data, list_metadata: listMetadata };
}
