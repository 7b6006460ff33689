import { z } from 'zod';
import { zCheckbox } from '@/lib/form-fields';

/** Form values arrive as strings ('' for an empty field) or, in tests, as undefined/null. */
const blankToEmpty = (value: unknown) => (value === undefined || value === null ? '' : value);

export const requiredText = (message: string, max = 200) =>
  z.preprocess(blankToEmpty, z.string().trim().min(1, message).max(max, `Use at most ${max} characters.`));

export const optionalText = (max = 200) =>
  z.preprocess(
    blankToEmpty,
    z
      .string()
      .trim()
      .max(max, `Use at most ${max} characters.`)
      .transform((v) => (v === '' ? null : v)),
  );

/** C0 control characters and DEL: never part of a name, code or address (and PostgreSQL text cannot hold NUL). */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** A UTF-16 surrogate without its pair: not a character, and it would be stored as U+FFFD without a word. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Text Roster can store as given: no control characters, no lone surrogates. */
export const hasNoControlCharacters = (value: string) => !CONTROL_CHARACTERS.test(value) && !LONE_SURROGATE.test(value);

/** Longest values the person and employment fields accept, wherever they come from (form, CSV import, HR API). */
export const PERSON_MAX = { personCode: 50, name: 100, jobTitle: 150, email: 254, employmentId: 50 } as const;

/**
 * An email address as stored: trimmed and lower-case, so it compares case-insensitively everywhere; '' is no email
 * (null). The messages are the caller's, so each protocol words them its own way.
 */
export function emailAddress(messages: { invalid: string; tooLong: string; notText?: string }) {
  return z
    .string(messages.notText ? { error: messages.notText } : undefined)
    .trim()
    .max(PERSON_MAX.email, messages.tooLong)
    .transform((value) => value.toLowerCase() || null)
    .pipe(z.email(messages.invalid).nullable());
}

/**
 * The person code rule, for the person form, the CSV import and the HR API: trimmed, required, at most
 * PERSON_MAX.personCode characters and no spaces anywhere (a code is matched exactly: SCIM's employeeNumber, the HR
 * API's `People('<code>')`). The messages are the caller's, so each protocol words them its own way.
 */
export function personCode(messages: {
  required: string;
  tooLong: string;
  hasSpaces: string;
  hasControlCharacters?: string;
  notText?: string | ((issue: { input?: unknown }) => string);
}) {
  return z
    .string(messages.notText ? { error: messages.notText } : undefined)
    .trim()
    .min(1, messages.required)
    .max(PERSON_MAX.personCode, messages.tooLong)
    .refine((code) => !/\s/.test(code), messages.hasSpaces)
    .refine(hasNoControlCharacters, messages.hasControlCharacters ?? messages.hasSpaces);
}

export const optionalEmail = z.preprocess(
  blankToEmpty,
  emailAddress({ invalid: 'Enter a valid email address.', tooLong: `Use at most ${PERSON_MAX.email} characters.` }),
);

/** The one date format Roster stores and accepts (forms, CSV import, HR API). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written as YYYY-MM-DD (2024-02-30 is not), from year 0001 (PostgreSQL has no year 0). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value) || value.startsWith('0000')) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const optionalDate = z.preprocess(
  blankToEmpty,
  z
    .string()
    .trim()
    .refine((v) => v === '' || isIsoDate(v), 'Enter a date as YYYY-MM-DD.')
    .transform((v) => (v === '' ? null : v)),
);

const optionalUuid = (message: string) =>
  z.preprocess(
    blankToEmpty,
    z.union([z.literal(''), z.uuid(message)]).transform((v) => (v === '' ? null : v)),
  );

// ---------------------------------------------------------------------------------------------------------------
// People

export const personFields = {
  personCode: z.preprocess(
    blankToEmpty,
    personCode({
      required: 'Enter a person code.',
      tooLong: `Use at most ${PERSON_MAX.personCode} characters.`,
      hasSpaces: 'A person code cannot contain spaces.',
    }),
  ),
  givenName: requiredText('Enter a given name.', PERSON_MAX.name),
  familyName: requiredText('Enter a family name.', PERSON_MAX.name),
  preferredGivenName: optionalText(PERSON_MAX.name),
  internalEmail: optionalEmail,
  externalEmail: optionalEmail,
  departmentId: optionalUuid('Choose a department.'),
  jobTitle: optionalText(PERSON_MAX.jobTitle),
  activeEmployee: zCheckbox,
};

export const employmentFields = {
  employmentId: optionalText(PERSON_MAX.employmentId),
  startDate: optionalDate,
  endDate: optionalDate,
  primaryEmployment: zCheckbox,
};

type EmploymentLike = { employmentId: string | null; startDate: string | null; endDate: string | null };

/** The employment is optional in the person form, but once an employment ID is given it needs a start date. */
function checkEmployment(value: EmploymentLike & { employmentRecordId?: string | null }, ctx: z.RefinementCtx) {
  const editingExisting = Boolean(value.employmentRecordId);
  if (!value.employmentId) {
    if (editingExisting)
      ctx.addIssue({
        code: 'custom',
        path: ['employmentId'],
        message: 'Enter the employment ID (remove the employment from the person page instead).',
      });
    else if (value.endDate)
      ctx.addIssue({ code: 'custom', path: ['employmentId'], message: 'Enter the employment ID for this employment.' });
    return;
  }
  if (!value.startDate) ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'Enter the start date.' });
  if (value.startDate && value.endDate && value.endDate < value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date is before the start date.' });
  }
}

export const personSchema = z.object({ ...personFields, ...employmentFields }).superRefine(checkEmployment);
export type PersonInput = z.infer<typeof personSchema>;

export const updatePersonSchema = z
  .object({
    personId: z.uuid('Unknown person.'),
    employmentRecordId: optionalUuid('Unknown employment.'),
    ...personFields,
    ...employmentFields,
  })
  .superRefine(checkEmployment);
export type UpdatePersonInput = z.infer<typeof updatePersonSchema>;

export const employmentSchema = z
  .object({
    personId: z.uuid('Unknown person.'),
    employmentId: requiredText('Enter the employment ID.', PERSON_MAX.employmentId),
    startDate: optionalDate.refine((v) => v !== null, 'Enter the start date.'),
    endDate: optionalDate,
    primaryEmployment: zCheckbox,
  })
  .refine((v) => !v.startDate || !v.endDate || v.endDate >= v.startDate, {
    path: ['endDate'],
    message: 'The end date is before the start date.',
  });
export type EmploymentInput = z.infer<typeof employmentSchema>;

export const updateEmploymentSchema = z
  .object({
    personId: z.uuid('Unknown person.'),
    employmentRecordId: z.uuid('Unknown employment.'),
    employmentId: requiredText('Enter the employment ID.', PERSON_MAX.employmentId),
    startDate: optionalDate.refine((v) => v !== null, 'Enter the start date.'),
    endDate: optionalDate,
  })
  .refine((v) => !v.startDate || !v.endDate || v.endDate >= v.startDate, {
    path: ['endDate'],
    message: 'The end date is before the start date.',
  });
export type UpdateEmploymentInput = z.infer<typeof updateEmploymentSchema>;

/** Deleting a person asks for their name, typed, so that a slip of the mouse never deletes anyone. */
export const deletePersonSchema = z.object({
  personId: z.uuid('Unknown person.'),
  confirmName: z.string().trim().min(1, 'Type the name of the person to confirm.').max(300),
});

export const removeEmploymentSchema = z.object({
  personId: z.uuid('Unknown person.'),
  employmentRecordId: z.uuid('Unknown employment.'),
});

// ---------------------------------------------------------------------------------------------------------------
// Departments

export const departmentSchema = z.object({
  departmentId: optionalUuid('Unknown department.'),
  name: requiredText('Enter a department name.', 120),
  code: optionalText(50).refine(
    (v) => v === null || /^[A-Za-z0-9_.-]+$/.test(v),
    'Use letters, digits, dot, dash or underscore.',
  ),
});
export type DepartmentInput = z.infer<typeof departmentSchema>;

export const deleteByIdSchema = z.object({ id: z.uuid('Unknown record.') });

// ---------------------------------------------------------------------------------------------------------------
// Roles

/** Locales a role's name can be translated into, shown side by side on the Roles page. */
export const ROLE_LOCALES = [
  { code: 'fr', label: 'French' },
  { code: 'de', label: 'German' },
  { code: 'es', label: 'Spanish' },
  { code: 'nl', label: 'Dutch' },
  { code: 'it', label: 'Italian' },
] as const;
export type RoleLocale = (typeof ROLE_LOCALES)[number]['code'];

export const roleSchema = z.object({
  roleId: optionalUuid('Unknown role.'),
  originalName: requiredText('Enter the original name.', 100),
  name_fr: optionalText(100),
  name_de: optionalText(100),
  name_es: optionalText(100),
  name_nl: optionalText(100),
  name_it: optionalText(100),
});
export type RoleInput = z.infer<typeof roleSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Identity providers

const httpUrl = (message: string) =>
  requiredText(message, 2000).refine((v) => {
    try {
      const url = new URL(v);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'Enter a full URL starting with https://');

export const identityProviderSchema = z.object({
  identityProviderId: optionalUuid('Unknown identity provider.'),
  name: requiredText('Enter a name.', 120),
  entityId: requiredText('Enter the entity ID (the IdP issuer).', 1000),
  ssoUrl: httpUrl('Enter the SSO URL.'),
  certificate: requiredText('Paste the X.509 signing certificate (PEM).', 20_000),
});
export type IdentityProviderInput = z.infer<typeof identityProviderSchema>;

/** A new identity provider from its SAML metadata: an uploaded or pasted XML document, or the URL it is served at. */
export const identityProviderMetadataSchema = z.object({
  name: requiredText('Enter a name.', 120),
  metadataXml: optionalText(256 * 1024),
  metadataUrl: optionalText(2000).refine(
    (v) => v === null || /^https?:\/\/\S+$/i.test(v),
    'Enter an http or https URL.',
  ),
});

// ---------------------------------------------------------------------------------------------------------------
// User accounts

export const setAccountActiveSchema = z.object({
  accountId: z.uuid('Unknown user account.'),
  active: z.enum(['true', 'false']).transform((v) => v === 'true'),
});

export const samlMappingSchema = z.object({
  accountId: z.uuid('Unknown user account.'),
  identityProviderId: z.uuid('Choose an identity provider.'),
  userIdentifier: requiredText('Enter the user identifier.', 254),
});

export const updateSamlMappingSchema = samlMappingSchema.extend({ mappingId: z.uuid('Unknown mapping.') });

export const removeSamlMappingSchema = z.object({
  accountId: z.uuid('Unknown user account.'),
  mappingId: z.uuid('Unknown mapping.'),
});
