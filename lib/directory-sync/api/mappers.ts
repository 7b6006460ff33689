/**
 * WorkOS REST objects (reference: shared/reference/workos-directory-sync.md §2.4, §2.6, §3.1). Event payloads are built
 * by the sync (lib/directory-sync/events.ts) and stored as they are sent; these mappers shape the REST answers only.
 */
import type {
  directories,
  directoryEvents,
  directoryGroups,
  directoryUsers,
  organizationDomains,
  organizations,
} from '@/db/schema';

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

type UserTable = typeof directoryUsers.$inferSelect;
/** A user as the API reads it: the JSON columns as their JSON text (valid JSON, written by PostgreSQL), timestamps in ISO. */
export type UserRow = Omit<
  UserTable,
  'tenantId' | 'contentHash' | 'deletedAt' | 'emails' | 'customAttributes' | 'rawAttributes' | 'createdAt' | 'updatedAt'
> & {
  organizationId: string;
  emailsJson: string;
  customAttributesJson: string;
  rawAttributesJson: string;
  createdAt: string;
  updatedAt: string;
};

const str = JSON.stringify;

/**
 * A REST directory user, as JSON text: pages of 100 users are the API's hot path, so the JSON columns are spliced in
 * as PostgreSQL wrote them and each group is serialised once per page (`groupsJson`, from `toDirectoryGroup`). Always
 * carries `groups` (an array, maybe empty): the Node SDK maps it unconditionally.
 */
export function directoryUserJson(row: UserRow, groupsJson: string[]): string {
  return (
    `{"object":"directory_user","id":${str(row.id)},"directory_id":${str(row.directoryId)},"organization_id":${str(row.organizationId)},` +
    `"idp_id":${str(row.idpId)},"email":${str(row.email)},"first_name":${str(row.firstName)},"last_name":${str(row.lastName)},` +
    `"name":${str(row.name)},` +
    // Deprecated top-level fields, still in the spec and read by older SDKs.
    `"emails":${row.emailsJson},"username":${str(row.username)},"job_title":${str(row.jobTitle)},` +
    `"state":${str(row.state)},"custom_attributes":${row.customAttributesJson},"raw_attributes":${row.rawAttributesJson},` +
    `"groups":[${groupsJson.join(',')}],"created_at":${str(row.createdAt)},"updated_at":${str(row.updatedAt)}}`
  );
}

/** Users with their groups → JSON texts, serialising each distinct group once. */
export function directoryUsersJson(users: (UserRow & { groups: GroupRow[] })[]): string[] {
  const groupJson = new Map<string, string>();
  const jsonOf = (group: GroupRow) => {
    let text = groupJson.get(group.id);
    if (text === undefined) groupJson.set(group.id, (text = str(toDirectoryGroup(group))));
    return text;
  };
  return users.map((user) => directoryUserJson(user, user.groups.map(jsonOf)));
}

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
  return `{"object":"list","data":[${items.join(',')}],"list_metadata":${str(listMetadata)}}`;
}
