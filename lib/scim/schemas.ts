/** SCIM schema URNs and the discovery documents (RFC 7643 §5–§7, RFC 7644 §4). */
export const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** Roster's extension carrying the Cezanne Role (Cezanne's own URN is not public; this one is ours). */
export const ROSTER_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:cezanne:2.0:User';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_BODY_BYTES = 1024 * 1024;

type Attr = {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'dateTime' | 'reference';
  multiValued?: boolean;
  description: string;
  required?: boolean;
  caseExact?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned?: 'always' | 'never' | 'default' | 'request';
  uniqueness?: 'none' | 'server' | 'global';
  subAttributes?: Attr[];
  referenceTypes?: string[];
};

function attr(a: Attr): Record<string, unknown> {
  return {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued ?? false,
    description: a.description,
    required: a.required ?? false,
    caseExact: a.caseExact ?? false,
    mutability: a.mutability ?? 'readWrite',
    returned: a.returned ?? 'default',
    uniqueness: a.uniqueness ?? 'none',
    ...(a.referenceTypes ? { referenceTypes: a.referenceTypes } : {}),
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attr) } : {}),
  };
}

const str = (name: string, description: string, extra: Partial<Attr> = {}): Attr => ({
  name,
  type: 'string',
  description,
  ...extra,
});

const USER_ATTRIBUTES: Attr[] = [
  str('userName', 'Unique identifier for the user, used to sign in. Updatable.', {
    required: true,
    uniqueness: 'server',
  }),
  {
    name: 'name',
    type: 'complex',
    description:
      "The person record's names. Accepted but ignored on create and update: Roster always returns the names of the linked person.",
    mutability: 'readOnly',
    subAttributes: [
      str('formatted', 'Full name.', { mutability: 'readOnly' }),
      str('familyName', 'Family name (from the person record).', { mutability: 'readOnly' }),
      str('givenName', 'Given name (from the person record).', { mutability: 'readOnly' }),
    ],
  },
  str('displayName', 'Display name (from the person record).', { mutability: 'readOnly' }),
  {
    name: 'active',
    type: 'boolean',
    description: 'false deactivates the account; it stays readable. true reactivates it.',
  },
  {
    name: 'emails',
    type: 'complex',
    multiValued: true,
    description: 'The account email (one, type "work"). Updatable.',
    subAttributes: [
      str('value', 'Email address.'),
      str('type', 'Always "work".', { mutability: 'readOnly' }),
      { name: 'primary', type: 'boolean', description: 'Always true.', mutability: 'readOnly' },
    ],
  },
  {
    name: 'roles',
    type: 'complex',
    multiValued: true,
    description:
      "The Cezanne Role: the original (untranslated) name of an existing base or custom role. Same as the extension's role.",
    subAttributes: [
      str('value', 'Role original name.', { caseExact: true }),
      { name: 'primary', type: 'boolean', description: 'Always true.' },
    ],
  },
  {
    name: 'groups',
    type: 'complex',
    multiValued: true,
    description: "The person's department (groups are managed in HR).",
    mutability: 'readOnly',
    subAttributes: [
      str('value', 'Department id.', { mutability: 'readOnly' }),
      { name: '$ref', type: 'reference', referenceTypes: ['Group'], description: 'Group URI.', mutability: 'readOnly' },
      str('display', 'Department name.', { mutability: 'readOnly' }),
    ],
  },
];

const ENTERPRISE_ATTRIBUTES: Attr[] = [
  str(
    'employeeNumber',
    'Matches the person code or employment ID (match methods 3 and 4). Read only when the user is created; ignored on update.',
    {
      caseExact: true,
      mutability: 'immutable',
    },
  ),
  str('department', "The person's department name.", { mutability: 'readOnly' }),
];

const ROSTER_ATTRIBUTES: Attr[] = [
  str('role', 'Cezanne Role: the original (untranslated) name of an existing base or custom role. Updatable.', {
    caseExact: true,
  }),
];

const GROUP_ATTRIBUTES: Attr[] = [
  str('displayName', 'Department name.', { required: true, mutability: 'readOnly', uniqueness: 'server' }),
  {
    name: 'members',
    type: 'complex',
    multiValued: true,
    description: "User accounts of the department's people.",
    mutability: 'readOnly',
    subAttributes: [
      str('value', 'User id.', { mutability: 'readOnly' }),
      { name: '$ref', type: 'reference', referenceTypes: ['User'], description: 'User URI.', mutability: 'readOnly' },
      str('display', 'userName.', { mutability: 'readOnly' }),
    ],
  },
];

function schemaDoc(id: string, name: string, description: string, attributes: Attr[], base: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id,
    name,
    description,
    attributes: attributes.map(attr),
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${id}` },
  };
}

export function schemaDocuments(base: string) {
  return [
    schemaDoc(CORE_USER_SCHEMA, 'User', 'User Account', USER_ATTRIBUTES, base),
    schemaDoc(ENTERPRISE_USER_SCHEMA, 'EnterpriseUser', 'Enterprise User', ENTERPRISE_ATTRIBUTES, base),
    schemaDoc(ROSTER_USER_SCHEMA, 'CezanneUser', 'Cezanne Role of the user account', ROSTER_ATTRIBUTES, base),
    schemaDoc(CORE_GROUP_SCHEMA, 'Group', 'Group', GROUP_ATTRIBUTES, base),
  ];
}

export function resourceTypeDocuments(base: string) {
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User accounts, created only for people who already have a person record',
      schema: CORE_USER_SCHEMA,
      schemaExtensions: [
        { schema: ENTERPRISE_USER_SCHEMA, required: false },
        { schema: ROSTER_USER_SCHEMA, required: false },
      ],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Departments and their members (read-only)',
      schema: CORE_GROUP_SCHEMA,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
    },
  ];
}

export function serviceProviderConfig(base: string) {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: `${base.replace(/\/scim\/v2\/[^/]+$/, '')}/admin/integrations/scim`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: MAX_BODY_BYTES },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description:
          'The secret token generated in Roster (Administration › Integrations › SCIM), sent as "Authorization: Bearer <token>".',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}
