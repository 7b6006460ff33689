/**
 * Person create/update for the HR API's write scope (POST and PATCH People).
 *
 * A deliberately small stand-in: validation mirrors the person form's rules, and the two write functions
 * (`createPersonFromApi`, `updatePersonFromApi`) are the only places that touch the tables, so they can later call
 * lib/hr's person functions instead without changing the API.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { departments, employments, people } from '@/db/schema';
import type { Executor } from '@/db/client';
import { uniqueViolation } from '@/lib/errors';
import { ODataError, type ODataErrorDetail } from './errors';

/** Computed or navigation properties a client may echo back: ignored on write, like any OData service does. */
const READ_ONLY_PROPERTIES = ['StartDate', 'LeavingDate', 'UserAccount', 'LastModified'];

const required = (label: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? `${label} is required.` : `${label} must be text.`) })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);

const optional = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text or null.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .transform((value) => value || null)
    .nullable()
    .optional();

const email = (label: string) =>
  z
    .string({ error: `${label} must be text or null.` })
    .trim()
    .max(254, `${label} must be at most 254 characters.`)
    .transform((value) => value || null)
    .pipe(z.email(`${label} must be a valid email address.`).nullable())
    .nullable()
    .optional();

function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const date = (label: string) =>
  z
    .string({ error: `${label} must be a date (YYYY-MM-DD).` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date (YYYY-MM-DD).`)
    .refine(isCalendarDate, `${label} is not a real date.`);

const employmentSchema = z
  .strictObject(
    {
      EmploymentId: required('EmploymentId', 50),
      StartDate: date('StartDate'),
      EndDate: date('EndDate').nullable().optional(),
      PrimaryEmployment: z.boolean({ error: 'PrimaryEmployment must be true or false.' }).optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown employment property: ${issue.keys.join(', ')}.` : undefined) },
  )
  .refine((e) => !e.EndDate || e.EndDate >= e.StartDate, { path: ['EndDate'], message: 'EndDate must be on or after StartDate.' });

const employmentList = z
  .array(employmentSchema, { error: 'Employments must be a list.' })
  .max(20, 'At most 20 employments.')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((employment, index) => {
      const key = employment.EmploymentId.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'EmploymentId'], message: 'EmploymentId is given twice.' });
      seen.add(key);
    });
    if (list.filter((e) => e.PrimaryEmployment).length > 1) {
      ctx.addIssue({ code: 'custom', message: 'Only one employment can be the primary employment.' });
    }
  });

const personFields = {
  PersonCode: required('PersonCode', 50).regex(/^[^\s]+$/, 'PersonCode cannot contain spaces.'),
  GivenName: required('GivenName', 100),
  FamilyName: required('FamilyName', 100),
  PreferredGivenName: optional('PreferredGivenName', 100),
  InternalEmail: email('InternalEmail'),
  ExternalEmail: email('ExternalEmail'),
  JobTitle: optional('JobTitle', 120),
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
    Object.entries(body).filter(([key]) => !READ_ONLY_PROPERTIES.includes(key) && !key.startsWith('@odata.') && !key.startsWith('odata.')),
  );
}

function target(path: PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

/** Validates a write body; every problem is listed in the OData error's `details`, the first is the message. */
export function validatePersonBody<S extends typeof personCreateSchema | typeof personPatchSchema>(schema: S, body: unknown): z.infer<S> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ODataError(400, 'The request body must be a JSON object with People properties.', { code: 'InvalidBody' });
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

async function departmentIdFor(db: Executor, tenantId: string, code: string | null | undefined): Promise<string | null | undefined> {
  if (code === undefined || code === null) return code;
  const [row] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), sql`lower(${departments.code}) = lower(${code})`))
    .limit(1);
  if (!row) throw new ODataError(400, `No department has the code "${code}".`, { code: 'ValidationFailed', target: 'DepartmentCode' });
  return row.id;
}

const CONFLICTS: Record<string, { target: string; message: string }> = {
  people_tenant_code_uq: { target: 'PersonCode', message: 'A person with this PersonCode already exists.' },
  people_tenant_internal_email_uq: { target: 'InternalEmail', message: 'Another person already has this InternalEmail.' },
  people_tenant_external_email_uq: { target: 'ExternalEmail', message: 'Another person already has this ExternalEmail.' },
  employments_tenant_employment_id_uq: { target: 'Employments', message: 'Another person already has this EmploymentId.' },
};

/** A unique-constraint violation from a write → 409 naming the property; anything else is rethrown. */
export function asConflict(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (!constraint) throw error;
  const known = CONFLICTS[constraint] ?? { target: undefined, message: 'This change conflicts with an existing record.' };
  throw new ODataError(409, known.message, { code: 'Conflict', target: known.target });
}

/** Creates a person and their employments. Run inside a transaction. Returns the person code. */
export async function createPersonFromApi(db: Executor, tenantId: string, input: PersonCreateInput): Promise<string> {
  const departmentId = await departmentIdFor(db, tenantId, input.DepartmentCode);
  try {
    const [person] = await db
      .insert(people)
      .values({
        tenantId,
        personCode: input.PersonCode,
        givenName: input.GivenName,
        familyName: input.FamilyName,
        preferredGivenName: input.PreferredGivenName ?? null,
        internalEmail: input.InternalEmail ?? null,
        externalEmail: input.ExternalEmail ?? null,
        jobTitle: input.JobTitle ?? null,
        departmentId: departmentId ?? null,
        activeEmployee: input.ActiveEmployee ?? true,
      })
      .returning({ id: people.id, personCode: people.personCode });
    if (input.Employments?.length) {
      await db.insert(employments).values(
        input.Employments.map((e) => ({
          tenantId,
          personId: person.id,
          employmentId: e.EmploymentId,
          startDate: e.StartDate,
          endDate: e.EndDate ?? null,
          isPrimary: e.PrimaryEmployment ?? false,
        })),
      );
    }
    return person.personCode;
  } catch (error) {
    asConflict(error);
  }
}

/**
 * Updates the given properties of a person. Employments are matched by EmploymentId: listed ones are updated or
 * added, others are kept. Run inside a transaction. Returns the (possibly new) person code.
 */
export async function updatePersonFromApi(
  db: Executor,
  tenantId: string,
  personCode: string,
  input: PersonPatchInput,
): Promise<string> {
  const [person] = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.personCode, personCode)))
    .limit(1)
    .for('update');
  if (!person) throw new ODataError(404, `No person has the PersonCode "${personCode}".`, { code: 'NotFound' });
  const departmentId = await departmentIdFor(db, tenantId, input.DepartmentCode);
  const changes = {
    personCode: input.PersonCode,
    givenName: input.GivenName,
    familyName: input.FamilyName,
    preferredGivenName: input.PreferredGivenName,
    internalEmail: input.InternalEmail,
    externalEmail: input.ExternalEmail,
    jobTitle: input.JobTitle,
    departmentId,
    activeEmployee: input.ActiveEmployee,
  };
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  try {
    if (Object.keys(set).length > 0) {
      await db.update(people).set(set).where(and(eq(people.tenantId, tenantId), eq(people.id, person.id)));
    }
    for (const employment of input.Employments ?? []) await upsertEmployment(db, tenantId, person.id, employment);
    return input.PersonCode ?? personCode;
  } catch (error) {
    asConflict(error);
  }
}

async function upsertEmployment(
  db: Executor,
  tenantId: string,
  personId: string,
  employment: NonNullable<PersonPatchInput['Employments']>[number],
) {
  if (employment.PrimaryEmployment) {
    await db
      .update(employments)
      .set({ isPrimary: false })
      .where(
        and(
          eq(employments.personId, personId),
          eq(employments.isPrimary, true),
          sql`lower(${employments.employmentId}) <> lower(${employment.EmploymentId})`,
        ),
      );
  }
  const [existing] = await db
    .select({ id: employments.id })
    .from(employments)
    .where(
      and(eq(employments.tenantId, tenantId), eq(employments.personId, personId), sql`lower(${employments.employmentId}) = lower(${employment.EmploymentId})`),
    )
    .limit(1);
  const values = {
    startDate: employment.StartDate,
    ...(employment.EndDate === undefined ? {} : { endDate: employment.EndDate }),
    ...(employment.PrimaryEmployment === undefined ? {} : { isPrimary: employment.PrimaryEmployment }),
  };
  if (existing) {
    await db.update(employments).set(values).where(eq(employments.id, existing.id));
  } else {
    await db
      .insert(employments)
      .values({ tenantId, personId, employmentId: employment.EmploymentId, endDate: null, isPrimary: false, ...values });
  }
}
