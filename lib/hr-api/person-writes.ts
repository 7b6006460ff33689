/**
 * The HR API's write scope (POST and PATCH People), protocol side only: the OData request body (PascalCase
 * properties, read-only ones ignored, unknown ones refused), its mapping to lib/hr's person write, and lib/hr's
 * errors mapped to OData error JSON. The rules (uniqueness, the leaver rule, departments, employments) are lib/hr's.
 */
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { ConflictError, FormError, NotFoundError, uniqueViolation } from '@/lib/errors';
import {
  createPersonRecord,
  patchPersonRecord,
  type EmploymentWrite,
  type PersonFields,
  type SavedPerson,
  type UpdatedPerson,
} from '@/lib/hr/people';
import { emailAddress, hasNoControlCharacters, ISO_DATE, isIsoDate, PERSON_MAX, personCode } from '@/lib/hr/schemas';
import { ODataError, type ODataErrorDetail } from './errors';

/** Computed or navigation properties a client may echo back: ignored on write, like any OData service does. */
const READ_ONLY_PROPERTIES = ['StartDate', 'LeavingDate', 'UserAccount', 'LastModified'];

const requiredOrText = (label: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null ? `${label} is required.` : `${label} must be text.`;

const required = (label: string, max: number) =>
  z
    .string({ error: requiredOrText(label) })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`)
    .refine(hasNoControlCharacters, `${label} must not contain control characters or broken Unicode.`);

const optional = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text or null.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .refine(hasNoControlCharacters, `${label} must not contain control characters or broken Unicode.`)
    .transform((value) => value || null)
    .nullable()
    .optional();

const email = (label: string) =>
  emailAddress({
    notText: `${label} must be text or null.`,
    tooLong: `${label} must be at most ${PERSON_MAX.email} characters.`,
    invalid: `${label} must be a valid email address.`,
  })
    .nullable()
    .optional();

const date = (label: string) =>
  z
    .string({ error: `${label} must be a date (YYYY-MM-DD).` })
    .regex(ISO_DATE, `${label} must be a date (YYYY-MM-DD).`)
    .refine(isIsoDate, `${label} is not a real date.`);

const employmentSchema = z
  .strictObject(
    {
      EmploymentId: required('EmploymentId', PERSON_MAX.employmentId),
      StartDate: date('StartDate'),
      EndDate: date('EndDate').nullable().optional(),
      PrimaryEmployment: z.boolean({ error: 'PrimaryEmployment must be true or false.' }).optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? `Unknown employment property: ${issue.keys.join(', ')}.` : undefined,
    },
  )
  .refine((e) => !e.EndDate || e.EndDate >= e.StartDate, {
    path: ['EndDate'],
    message: 'EndDate must be on or after StartDate.',
  });

const employmentList = z
  .array(employmentSchema, { error: 'Employments must be a list.' })
  .max(20, 'At most 20 employments.')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((employment, index) => {
      const key = employment.EmploymentId.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: [index, 'EmploymentId'], message: 'EmploymentId is given twice.' });
      seen.add(key);
    });
    if (list.filter((e) => e.PrimaryEmployment).length > 1) {
      ctx.addIssue({ code: 'custom', message: 'Only one employment can be the primary employment.' });
    }
  });

const personFields = {
  PersonCode: personCode({
    notText: requiredOrText('PersonCode'),
    required: 'PersonCode is required.',
    tooLong: `PersonCode must be at most ${PERSON_MAX.personCode} characters.`,
    hasSpaces: 'PersonCode cannot contain spaces.',
    hasControlCharacters: 'PersonCode cannot contain control characters or broken Unicode.',
  }),
  GivenName: required('GivenName', PERSON_MAX.name),
  FamilyName: required('FamilyName', PERSON_MAX.name),
  PreferredGivenName: optional('PreferredGivenName', PERSON_MAX.name),
  InternalEmail: email('InternalEmail'),
  ExternalEmail: email('ExternalEmail'),
  JobTitle: optional('JobTitle', PERSON_MAX.jobTitle),
  DepartmentCode: optional('DepartmentCode', 50),
  ActiveEmployee: z.boolean({ error: 'ActiveEmployee must be true or false.' }).optional(),
  Employments: employmentList.optional(),
};

const unknownProperty = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `Unknown property: ${issue.keys?.join(', ')}.` : undefined,
};

export const personCreateSchema = z.strictObject(personFields, unknownProperty);
export const personPatchSchema = z.strictObject(
  {
    ...personFields,
    PersonCode: personFields.PersonCode.optional(),
    GivenName: personFields.GivenName.optional(),
    FamilyName: personFields.FamilyName.optional(),
  },
  unknownProperty,
);
export type PersonCreateInput = z.infer<typeof personCreateSchema>;
export type PersonPatchInput = z.infer<typeof personPatchSchema>;

function withoutReadOnly(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body).filter(
      ([key]) => !READ_ONLY_PROPERTIES.includes(key) && !key.startsWith('@odata.') && !key.startsWith('odata.'),
    ),
  );
}

function target(path: PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    '',
  );
}

/** Validates a write body; every problem is listed in the OData error's `details`, the first is the message. */
export function validatePersonBody<S extends typeof personCreateSchema | typeof personPatchSchema>(
  schema: S,
  body: unknown,
): z.infer<S> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ODataError(400, 'The request body must be a JSON object with People properties.', {
      code: 'InvalidBody',
    });
  }
  const parsed = schema.safeParse(withoutReadOnly(body));
  if (parsed.success) return parsed.data as z.infer<S>;
  const details: ODataErrorDetail[] = parsed.error.issues.map((issue) => ({
    code: 'InvalidValue',
    message: issue.message,
    ...(issue.path.length ? { target: target(issue.path) } : {}),
  }));
  throw new ODataError(400, details[0].message, { code: 'ValidationFailed', target: details[0].target, details });
}

// ---------------------------------------------------------------------------------------------------------------
// The OData body → lib/hr's person write

/** A PATCH changes the properties it names (null clears one); the others are kept. */
export function toPersonChanges(input: PersonPatchInput): Partial<PersonFields> {
  const changes: Partial<PersonFields> = {
    personCode: input.PersonCode,
    givenName: input.GivenName,
    familyName: input.FamilyName,
    preferredGivenName: input.PreferredGivenName,
    internalEmail: input.InternalEmail,
    externalEmail: input.ExternalEmail,
    jobTitle: input.JobTitle,
    department:
      input.DepartmentCode === undefined ? undefined : input.DepartmentCode ? { code: input.DepartmentCode } : null,
    activeEmployee: input.ActiveEmployee,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

/** A POST leaves out what the person does not have; ActiveEmployee defaults to true. */
export function toPersonFields(input: PersonCreateInput): PersonFields {
  return {
    preferredGivenName: null,
    internalEmail: null,
    externalEmail: null,
    jobTitle: null,
    department: null,
    activeEmployee: true,
    ...toPersonChanges(input),
    personCode: input.PersonCode,
    givenName: input.GivenName,
    familyName: input.FamilyName,
  };
}

/** Employments are matched by EmploymentId (no record id): listed ones are updated or added, others are kept. */
export function toEmploymentWrites(list: PersonPatchInput['Employments'] = []): EmploymentWrite[] {
  return list.map((e) => ({
    employmentId: e.EmploymentId,
    startDate: e.StartDate,
    endDate: e.EndDate,
    isPrimary: e.PrimaryEmployment,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// lib/hr's errors → OData errors

/** The fields lib/hr's person writes report on, as People properties (an employment ID on the Employments list). */
const PROPERTY_OF_FIELD: Record<string, string> = {
  personCode: 'PersonCode',
  internalEmail: 'InternalEmail',
  externalEmail: 'ExternalEmail',
  departmentCode: 'DepartmentCode',
  employmentId: 'Employments',
};

const CONFLICT_MESSAGES: Record<string, string> = {
  PersonCode: 'A person with this PersonCode already exists.',
  InternalEmail: 'Another person already has this InternalEmail.',
  ExternalEmail: 'Another person already has this ExternalEmail.',
  Employments: 'Another person already has this EmploymentId.',
};

/**
 * lib/hr's expected failures as OData errors: uniqueness → 409 Conflict, other field messages → 400
 * ValidationFailed (each field a detail, the first one the message), an unknown person → 404.
 */
export function toODataWriteError(error: unknown, personCode?: string): unknown {
  if (error instanceof FormError) {
    const conflict = error instanceof ConflictError;
    const details: ODataErrorDetail[] = Object.entries(error.fieldErrors).map(([field, message]) => {
      const property = PROPERTY_OF_FIELD[field] ?? field;
      return {
        code: conflict ? 'Conflict' : 'InvalidValue',
        target: property,
        message: (conflict && CONFLICT_MESSAGES[property]) || message,
      };
    });
    const first = details[0] ?? { message: error.message, target: undefined };
    return new ODataError(conflict ? 409 : 400, first.message, {
      code: conflict ? 'Conflict' : 'ValidationFailed',
      target: first.target,
      details,
    });
  }
  if (error instanceof NotFoundError)
    return new ODataError(404, `No person has the PersonCode "${personCode}".`, { code: 'NotFound' });
  // A unique index lib/hr has no field message for: still a conflict, not a server error.
  if (uniqueViolation(error))
    return new ODataError(409, 'This change conflicts with an existing record.', { code: 'Conflict' });
  return error;
}

/** Creates a person with their employments. Run inside a transaction. */
export async function createPersonFromApi(
  db: Executor,
  tenantId: string,
  input: PersonCreateInput,
): Promise<SavedPerson> {
  try {
    return await createPersonRecord(db, tenantId, toPersonFields(input), toEmploymentWrites(input.Employments));
  } catch (error) {
    throw toODataWriteError(error);
  }
}

/** Updates the given properties of the person with this code. Run inside a transaction. */
export async function updatePersonFromApi(
  db: Executor,
  tenantId: string,
  personCode: string,
  input: PersonPatchInput,
): Promise<UpdatedPerson> {
  try {
    return await patchPersonRecord(
      db,
      tenantId,
      { code: personCode },
      toPersonChanges(input),
      toEmploymentWrites(input.Employments),
    );
  } catch (error) {
    throw toODataWriteError(error, personCode);
  }
}
