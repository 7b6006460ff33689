/**
 * WorkOS REST objects (reference: shared/reference/workos-directory-sync.md §2.4, §2.6, §3.1). Event payloads are built
 * by the sync (lib/directory-sync/events.ts) and stored as they are sent; these mappers shape the REST answers only.
 */
import type { directories, directoryEvents, directoryGroups, organizationDomains, organizations } from '@/db/schema';

const iso = (date: Date) => date.toISOString();

export type DirectoryRow = Omit<typeof directories.$inferSelect, 'clientSecretEncrypted' | 'syncLeaseToken'> & {
  primaryDomain: string | null;
};
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
export type GroupRow = Pick<
  GroupTable,
  'id' | 'idpId' | 'directoryId' | 'name' | 'rawAttributes' | 'createdAt' | 'updatedAt'
> & { organizationId: string };

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

// The REST directory user is built by PostgreSQL (roster_directory_user_api_json, migration
// 0009_directory_user_api_json_triggers) and stored with the user: its groups use the group shape of `toDirectoryGroup`.

export type OrganizationRow = typeof organizations.$inferSelect & {
  domains: (typeof organizationDomains.$inferSelect)[];
};

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
  return {
    object: 'event' as const,
    id: row.id,
    event: row.event,
    data: row.data,
    created_at: iso(row.createdAt),
    context: {},
  };
}

/** The list envelope. Event lists carry only `after` (spec: EventList). */
export function toList<T>(data: T[], listMetadata: { before?: string | null; after: string | null }) {
  return { object: 'list' as const, data, list_metadata: listMetadata };
}

/** The list envelope around items that are JSON text already. */
export function listJson(items: string[], listMetadata: { before: string | null; after: string | null }): string {
  return `{"object":"list","data":[${items.join(',')}],"list_metadata":${JSON.stringify(listMetadata)}}`;
}
