import { and, asc, desc, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import { departments, employments, people, userAccounts } from '@/db/schema';
import type { Executor } from '@/db/client';
import { FormError, NotFoundError, uniqueViolation } from '@/lib/errors';
import type { PersonInput, UpdatePersonInput } from './schemas';

export type Person = typeof people.$inferSelect;
export type Employment = typeof employments.$inferSelect;

// ---------------------------------------------------------------------------------------------------------------
// Uniqueness: the unique indexes are the rule; these messages are how a form shows a violation.

export const PEOPLE_UNIQUE_MESSAGES: Record<string, { field: string; message: string }> = {
  people_tenant_code_uq: { field: 'personCode', message: 'Another person already has this person code.' },
  people_tenant_internal_email_uq: { field: 'internalEmail', message: 'Another person already has this internal email.' },
  people_tenant_external_email_uq: { field: 'externalEmail', message: 'Another person already has this external email.' },
  employments_tenant_employment_id_uq: { field: 'employmentId', message: 'This employment ID is already used.' },
};

/** Turns a unique-index violation on people or employments into field messages; rethrows anything else. */
export function rethrowPeopleUniqueViolation(error: unknown): never {
  const constraint = uniqueViolation(error);
  const known = constraint ? PEOPLE_UNIQUE_MESSAGES[constraint] : undefined;
  if (known) throw new FormError('Check the highlighted fields.', { [known.field]: known.message });
  throw error;
}

type UniqueKeys = { personCode: string; internalEmail: string | null; externalEmail: string | null; employmentId: string | null };

/**
 * Finds every uniqueness conflict at once (so a form can show them all); the unique indexes still guard against
 * a concurrent save between this check and the write.
 */
export async function findPersonConflicts(
  db: Executor,
  tenantId: string,
  keys: UniqueKeys,
  except: { personId?: string | null; employmentRecordId?: string | null } = {},
): Promise<Record<string, string>> {
  const matches: SQL[] = [eq(people.personCode, keys.personCode)];
  if (keys.internalEmail) matches.push(sql`lower(${people.internalEmail}) = ${keys.internalEmail.toLowerCase()}`);
  if (keys.externalEmail) matches.push(sql`lower(${people.externalEmail}) = ${keys.externalEmail.toLowerCase()}`);
  const others = await db
    .select({ personCode: people.personCode, internalEmail: people.internalEmail, externalEmail: people.externalEmail })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), or(...matches), except.personId ? ne(people.id, except.personId) : undefined));
  const errors: Record<string, string> = {};
  const lower = (v: string | null) => v?.toLowerCase() ?? null;
  for (const other of others) {
    if (other.personCode === keys.personCode) errors.personCode = PEOPLE_UNIQUE_MESSAGES.people_tenant_code_uq.message;
    if (keys.internalEmail && lower(other.internalEmail) === lower(keys.internalEmail)) {
      errors.internalEmail = PEOPLE_UNIQUE_MESSAGES.people_tenant_internal_email_uq.message;
    }
    if (keys.externalEmail && lower(other.externalEmail) === lower(keys.externalEmail)) {
      errors.externalEmail = PEOPLE_UNIQUE_MESSAGES.people_tenant_external_email_uq.message;
    }
  }
  if (keys.employmentId) {
    const [taken] = await db
      .select({ id: employments.id })
      .from(employments)
      .where(
        and(
          eq(employments.tenantId, tenantId),
          sql`lower(${employments.employmentId}) = ${keys.employmentId.toLowerCase()}`,
          except.employmentRecordId ? ne(employments.id, except.employmentRecordId) : undefined,
        ),
      )
      .limit(1);
    if (taken) errors.employmentId = PEOPLE_UNIQUE_MESSAGES.employments_tenant_employment_id_uq.message;
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------------------------
// The leaver rule: a person whose primary employment has ended (end date before today) is inactive.

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** An employment ends at the end of its end date: on that day the person still works there. */
export function hasEnded(endDate: string | null | undefined, today = todayIso()): boolean {
  return Boolean(endDate) && (endDate as string) < today;
}

/** The active flag to store: HR's choice, except that a leaver is never active. */
export function effectiveActive(requested: boolean, primaryEndDate: string | null | undefined, today = todayIso()): boolean {
  return requested && !hasEnded(primaryEndDate, today);
}

/**
 * Marks as inactive everyone whose primary employment ended before `today` (the rule applies on save; this sweep
 * catches end dates that pass later). Run it daily; returns the people it changed.
 */
export async function deactivateLeavers(db: Executor, options: { tenantId?: string; today?: string } = {}) {
  const today = options.today ?? todayIso();
  const tenantFilter = options.tenantId ? sql`and e.tenant_id = ${options.tenantId}` : sql``;
  const result = await db.execute<{ id: string; tenant_id: string; person_code: string }>(sql`
    update people p set active_employee = false, updated_at = now()
    from employments e
    where e.person_id = p.id and e.is_primary and e.end_date < ${today} and p.active_employee ${tenantFilter}
    returning p.id, p.tenant_id, p.person_code`);
  return result.rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, personCode: r.person_code }));
}

async function primaryEndDate(db: Executor, personId: string): Promise<string | null | undefined> {
  const [primary] = await db
    .select({ endDate: employments.endDate })
    .from(employments)
    .where(and(eq(employments.personId, personId), eq(employments.isPrimary, true)))
    .limit(1);
  return primary?.endDate;
}

/** Applies the leaver rule to one person after their employments changed; true when it made them inactive. */
export async function applyLeaverRule(db: Executor, personId: string, today = todayIso()): Promise<boolean> {
  if (!hasEnded(await primaryEndDate(db, personId), today)) return false;
  const changed = await db
    .update(people)
    .set({ activeEmployee: false, updatedAt: sql`now()` })
    .where(and(eq(people.id, personId), eq(people.activeEmployee, true)))
    .returning({ id: people.id });
  return changed.length > 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Create and update

async function assertDepartmentInTenant(db: Executor, tenantId: string, departmentId: string | null) {
  if (!departmentId) return;
  const [row] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.tenantId, tenantId)));
  if (!row) throw new FormError('Check the highlighted fields.', { departmentId: 'Choose a department.' });
}

function personValues(input: PersonInput | UpdatePersonInput) {
  return {
    personCode: input.personCode,
    givenName: input.givenName,
    familyName: input.familyName,
    preferredGivenName: input.preferredGivenName,
    internalEmail: input.internalEmail,
    externalEmail: input.externalEmail,
    departmentId: input.departmentId,
    jobTitle: input.jobTitle,
  };
}

export type SavedPerson = { person: Person; leaver: boolean };

export async function createPerson(db: Executor, tenantId: string, input: PersonInput, today = todayIso()): Promise<SavedPerson> {
  await assertDepartmentInTenant(db, tenantId, input.departmentId);
  const conflicts = await findPersonConflicts(db, tenantId, input);
  if (Object.keys(conflicts).length) throw new FormError('Check the highlighted fields.', conflicts);
  const withEmployment = Boolean(input.employmentId && input.startDate);
  const leaver = withEmployment && input.primaryEmployment && hasEnded(input.endDate, today);
  try {
    const [person] = await db
      .insert(people)
      .values({ tenantId, ...personValues(input), activeEmployee: input.activeEmployee && !leaver })
      .returning();
    if (withEmployment) {
      await db.insert(employments).values({
        tenantId,
        personId: person.id,
        employmentId: input.employmentId as string,
        startDate: input.startDate as string,
        endDate: input.endDate,
        isPrimary: input.primaryEmployment,
      });
    }
    return { person, leaver };
  } catch (error) {
    rethrowPeopleUniqueViolation(error);
  }
}

/** The employment the person form edits: the primary one, else the earliest. */
export async function firstEmployment(db: Executor, personId: string): Promise<Employment | undefined> {
  const [row] = await db
    .select()
    .from(employments)
    .where(eq(employments.personId, personId))
    .orderBy(desc(employments.isPrimary), asc(employments.startDate), asc(employments.createdAt))
    .limit(1);
  return row;
}

async function clearOtherPrimaries(db: Executor, personId: string, keepId: string | null) {
  await db
    .update(employments)
    .set({ isPrimary: false, updatedAt: sql`now()` })
    .where(and(eq(employments.personId, personId), eq(employments.isPrimary, true), keepId ? ne(employments.id, keepId) : undefined));
}

export async function getPersonRow(db: Executor, tenantId: string, personId: string): Promise<Person> {
  const [person] = await db.select().from(people).where(and(eq(people.id, personId), eq(people.tenantId, tenantId)));
  if (!person) throw new NotFoundError('This person does not exist (or belongs to another company).');
  return person;
}

export type UpdatedPerson = SavedPerson & { changed: string[] };

export async function updatePerson(db: Executor, tenantId: string, input: UpdatePersonInput, today = todayIso()): Promise<UpdatedPerson> {
  const before = await getPersonRow(db, tenantId, input.personId);
  await assertDepartmentInTenant(db, tenantId, input.departmentId);
  let employment: Employment | undefined;
  if (input.employmentRecordId) {
    [employment] = await db
      .select()
      .from(employments)
      .where(and(eq(employments.id, input.employmentRecordId), eq(employments.personId, before.id)));
    if (!employment) throw new NotFoundError('This employment does not belong to this person.');
  }
  const conflicts = await findPersonConflicts(db, tenantId, input, { personId: before.id, employmentRecordId: employment?.id });
  if (Object.keys(conflicts).length) throw new FormError('Check the highlighted fields.', conflicts);
  try {
    const employmentChanged = await saveFormEmployment(db, tenantId, before.id, employment, input);
    const leaver = hasEnded(await primaryEndDate(db, before.id), today);
    const values = { ...personValues(input), activeEmployee: input.activeEmployee && !leaver };
    const changed: string[] = (Object.keys(values) as (keyof typeof values)[]).filter((key) => values[key] !== before[key]);
    if (employmentChanged) changed.push('employment');
    const [person] = await db
      .update(people)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(people.id, before.id), eq(people.tenantId, tenantId)))
      .returning();
    return { person, leaver, changed };
  } catch (error) {
    rethrowPeopleUniqueViolation(error);
  }
}

/** Saves the employment fields of the person form; returns whether anything changed. */
async function saveFormEmployment(
  db: Executor,
  tenantId: string,
  personId: string,
  existing: Employment | undefined,
  input: UpdatePersonInput,
): Promise<boolean> {
  if (!input.employmentId || !input.startDate) return false;
  if (input.primaryEmployment) await clearOtherPrimaries(db, personId, existing?.id ?? null);
  const values = { employmentId: input.employmentId, startDate: input.startDate, endDate: input.endDate, isPrimary: input.primaryEmployment };
  if (!existing) {
    await db.insert(employments).values({ tenantId, personId, ...values });
    return true;
  }
  const same =
    existing.employmentId === values.employmentId &&
    existing.startDate === values.startDate &&
    existing.endDate === values.endDate &&
    existing.isPrimary === values.isPrimary;
  if (same) return false;
  await db
    .update(employments)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(employments.id, existing.id));
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading one person

export async function getPersonDetail(db: Executor, tenantId: string, personId: string) {
  const person = await getPersonRow(db, tenantId, personId);
  const [department] = person.departmentId
    ? await db.select().from(departments).where(and(eq(departments.id, person.departmentId), eq(departments.tenantId, tenantId)))
    : [];
  const personEmployments = await db
    .select()
    .from(employments)
    .where(and(eq(employments.personId, person.id), eq(employments.tenantId, tenantId)))
    .orderBy(desc(employments.isPrimary), asc(employments.startDate), asc(employments.createdAt));
  const [account] = await db
    .select({ id: userAccounts.id, userName: userAccounts.userName, active: userAccounts.active })
    .from(userAccounts)
    .where(and(eq(userAccounts.personId, person.id), eq(userAccounts.tenantId, tenantId)));
  const primary = personEmployments.find((e) => e.isPrimary);
  return {
    person,
    department: department ?? null,
    employments: personEmployments,
    account: account ?? null,
    leaver: hasEnded(primary?.endDate),
  };
}

export function displayName(person: Pick<Person, 'givenName' | 'familyName' | 'preferredGivenName'>): string {
  return `${person.preferredGivenName || person.givenName} ${person.familyName}`;
}
