import {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  LIST_RESPONSE_SCHEMA,
  ROSTER_USER_SCHEMA,
} from './schemas';

/** A user account joined with its person, role and department: everything a SCIM User shows. */
export type UserView = {
  id: string;
  personId: string;
  userName: string;
  externalId: string | null;
  email: string | null;
  active: boolean;
  /** ISO 8601 in UTC with microseconds; the SQL formats it (a Date would drop the microseconds). */
  createdAt: Date | string;
  updatedAt: Date | string;
  roleName: string | null;
  givenName: string;
  familyName: string;
  preferredGivenName: string | null;
  personCode: string;
  departmentId: string | null;
  departmentName: string | null;
};

export type GroupView = { id: string; name: string; createdAt: Date | string; updatedAt: Date | string };
export type GroupMember = { id: string; userName: string };

export type ScimResource = Record<string, unknown> & { id: string };

const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());

/**
 * The SCIM User. Names always come from the person record (what the provider sent is ignored); the Cezanne Role is
 * shown both in Roster's extension and in `roles`; the person code is the enterprise `employeeNumber`.
 */
export function toScimUser(u: UserView, baseUrl: string): ScimResource {
  const displayName = `${u.preferredGivenName || u.givenName} ${u.familyName}`;
  return {
    schemas: [CORE_USER_SCHEMA, ENTERPRISE_USER_SCHEMA, ROSTER_USER_SCHEMA],
    id: u.id,
    ...(u.externalId ? { externalId: u.externalId } : {}),
    userName: u.userName,
    name: { formatted: `${u.givenName} ${u.familyName}`, familyName: u.familyName, givenName: u.givenName },
    displayName,
    active: u.active,
    emails: u.email ? [{ value: u.email, type: 'work', primary: true }] : [],
    ...(u.roleName ? { roles: [{ value: u.roleName, primary: true }] } : {}),
    groups: u.departmentId
      ? [{ value: u.departmentId, $ref: `${baseUrl}/Groups/${u.departmentId}`, display: u.departmentName ?? '' }]
      : [],
    [ENTERPRISE_USER_SCHEMA]: {
      employeeNumber: u.personCode,
      ...(u.departmentName ? { department: u.departmentName } : {}),
    },
    [ROSTER_USER_SCHEMA]: { ...(u.roleName ? { role: u.roleName } : {}) },
    meta: {
      resourceType: 'User',
      created: iso(u.createdAt),
      lastModified: iso(u.updatedAt),
      location: `${baseUrl}/Users/${u.id}`,
    },
  };
}

/** A department as a read-only SCIM Group; `members` is left out when the client excluded it. */
export function toScimGroup(g: GroupView, members: GroupMember[] | null, baseUrl: string): ScimResource {
  return {
    schemas: [CORE_GROUP_SCHEMA],
    id: g.id,
    displayName: g.name,
    ...(members
      ? { members: members.map((m) => ({ value: m.id, $ref: `${baseUrl}/Users/${m.id}`, display: m.userName })) }
      : {}),
    meta: {
      resourceType: 'Group',
      created: iso(g.createdAt),
      lastModified: iso(g.updatedAt),
      location: `${baseUrl}/Groups/${g.id}`,
    },
  };
}

/** RFC 7644 §3.4.2 ListResponse with integer paging numbers (Okta requires integers). */
export function toListResponse(resources: Record<string, unknown>[], totalResults: number, startIndex: number) {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
