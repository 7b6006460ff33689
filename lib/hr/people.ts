import { and, asc, desc, eq, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { departments, employments, people, userAccounts } from '@/db/schema';
import type { Executor } from '@/db/client';
import { ConflictError, FormError, NotFoundError, uniqueViolation } from '@/lib/errors';
import { resolveDepartmentId, type DepartmentRef } from './departments';
import type { PersonInput, UpdatePersonInput } from './schemas';
import { effectiveActive, hasEnded, todayIso } from './leaver-rule';

export { effectiveActive, hasEnded, todayIso } from './leaver-rule';

export type Person = typeof people.$inferSelect;
export type Employment = typeof employments.$inferSelect;

// ---------------------------------------------------------------------------------------------------------------
// What a write is made of: the person's own fields and the employments to save. The person form, the employments
// card and the HR API each map their input to these; the rules below apply to all of them.

/** The person's own fields. The department is named by id (form select) or by code (HR API). */
export type PersonFields = {
  personCode: string;
  givenName: string;
  familyName: string;
  preferredGivenName: string | null;
  internalEmail: string | null;
  externalEmail: string | null;
  jobTitle: string | null;
  department: DepartmentRef;
  activeEmployee: boolean;
};

/**
 * One employment to save for a person. `recordId` says which stored employment it is: that record (the person form
 * edits one by its id and may rename it), `null` for a new one, or, when absent, the person's employment with this
 * employment ID (any case), else a new one (the HR API's PATCH). An end date or primary flag left out keeps the
 * stored value (a new employment: no end date, not primary). Employments not listed are kept.
 */
export type EmploymentWrite = {
  recordId?: string | null;
  employmentId: string;
  startDate: string;
  endDate?: string | null;
  isPrimary?: boolean;
};

// ---------------------------------------------------------------------------------------------------------------
// Uniqueness: the unique indexes are the rule; these messages are how a form shows a violation.

export const PEOPLE_UNIQUE_MESSAGES: Record<string, { field: string; message: string }> = {
  people_tenant_code_uq: { field: 'personCode', message: 'Another person already has this person code.' },
  people_tenant_internal_email_uq: {
    field: 'internalEmail',
    message: 'Another person already has this internal email.',
  },
  people_tenant_external_email_uq: {
    field: 'externalEmail',
    message: 'Another person already has this external email.',
  },
  employments_tenant_employment_id_uq: { field: 'employmentId', message: 'This employment ID is already used.' },
};

/** Turns a unique-index violation on people or employments into field messages; rethrows anything else. */
export function rethrowPeopleUniqueViolation(error: unknown): never {
  const constraint = uniqueViolation(error);
  const known = constraint ? PEOPLE_UNIQUE_MESSAGES[constraint] : undefined;
  if (known) throw new ConflictError('Check the highlighted fields.', { [known.field]: known.message });
  throw error;
}

/** The values a write would store that must be unique; a key left out is not being written. */
type UniqueKeys = {
  personCode?: string;
  internalEmail?: string | null;
  externalEmail?: string | null;
  employments?: EmploymentWrite[];
};

/**
 * Finds every uniqueness conflict at once (so a form can show them all), ignoring the person being written and the
 * employments each write targets; the unique indexes still guard against a concurrent save between this check and
 * the write.
 */
export async function findPersonConflicts(
  db: Executor,
  tenantId: string,
  keys: UniqueKeys,
  personId: string | null = null,
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const lower = (v: string | null | undefined) => v?.toLowerCase() ?? null;
  const matches: SQL[] = [];
  if (keys.personCode) matches.push(eq(people.personCode, keys.personCode));
  if (keys.internalEmail) matches.push(sql`lower(${people.internalEmail}) = ${lower(keys.internalEmail)}`);
  if (keys.externalEmail) matches.push(sql`lower(${people.externalEmail}) = ${lower(keys.externalEmail)}`);
  const others = matches.length
    ? await db
        .select({
          personCode: people.personCode,
          internalEmail: people.internalEmail,
          externalEmail: people.externalEmail,
        })
        .from(people)
        .where(and(eq(people.tenantId, tenantId), or(...matches), personId ? ne(people.id, personId) : undefined))
    : [];
  for (const other of others) {
    if (keys.personCode && other.personCode === keys.personCode)
      errors.personCode = PEOPLE_UNIQUE_MESSAGES.people_tenant_code_uq.message;
    if (keys.internalEmail && lower(other.internalEmail) === lower(keys.internalEmail)) {
      errors.internalEmail = PEOPLE_UNIQUE_MESSAGES.people_tenant_internal_email_uq.message;
    }
    if (keys.externalEmail && lower(other.externalEmail) === lower(keys.externalEmail)) {
      errors.externalEmail = PEOPLE_UNIQUE_MESSAGES.people_tenant_external_email_uq.message;
    }
  }
  if (keys.employments?.length) {
    const taken = await db
      .select({
        id: employments.id,
        personId: employments.personId,
        key: sql<string>`lower(${employments.employmentId})`,
      })
      .from(employments)
      .where(
        and(
          eq(employments.tenantId, tenantId),
          inArray(
            sql`lower(${employments.employmentId})`,
            keys.employments.map((e) => e.employmentId.toLowerCase()),
          ),
        ),
      );
    const isTarget = (row: (typeof taken)[number], write: EmploymentWrite) =>
      write.recordId === undefined ? row.personId === personId : row.id === write.recordId;
    const conflict = keys.employments.some((write) =>
      taken.some((row) => row.key === lower(write.employmentId) && !isTarget(row, write)),
    );
    if (conflict) errors.employmentId = PEOPLE_UNIQUE_MESSAGES.employments_tenant_employment_id_uq.message;
  }
  return errors;
}

async function assertNoConflicts(db: Executor, tenantId: string, keys: UniqueKeys, personId: string | null = null) {
  const conflicts = await findPersonConflicts(db, tenantId, keys, personId);
  if (Object.keys(conflicts).length) throw new ConflictError('Check the highlighted fields.', conflicts);
}

// ---------------------------------------------------------------------------------------------------------------
// The leaver rule (lib/hr/leaver-rule.ts) and the sweep that applies it to end dates that pass later.

/**
 * Marks as inactive everyone whose primary employment ended before `today` (the rule applies on save; this sweep
 * catches end dates that pass later). Run it daily; returns the people it changed.
 */
export async function deactivateLeavers(db: Executor, options: { tenantId?: string; today?: string } = {}) {
  const today = options.today ?? todayIso();
  return db
    .update(people)
    .set({ activeEmployee: false, updatedAt: sql`now()` })
    .from(employments)
    .where(
      and(
        eq(employments.personId, people.id),
        eq(employments.isPrimary, true),
        lt(employments.endDate, today),
        eq(people.activeEmployee, true),
        options.tenantId ? eq(employments.tenantId, options.tenantId) : undefined,
      ),
    )
    .returning({ id: people.id, tenantId: people.tenantId, personCode: people.personCode });
}

export type DeletedPerson = { personCode: string; userName: string | null; employments: number };

/**
 * Deletes a person by person code, with their employments, user account and its SAML mappings (the foreign keys
 * cascade). The caller audits it.
 */
export async function deletePerson(db: Executor, tenantId: string, personCode: string): Promise<DeletedPerson> {
  const [person] = await db
    .select({ id: people.id, personCode: people.personCode })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.personCode, personCode)))
    .for('update');
  if (!person) throw new NotFoundError(`No person has the PersonCode "${personCode}".`);
  const [account] = await db
    .select({ userName: userAccounts.userName })
    .from(userAccounts)
    .where(and(eq(userAccounts.tenantId, tenantId), eq(userAccounts.personId, person.id)));
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(employments)
    .where(and(eq(employments.tenantId, tenantId), eq(employments.personId, person.id)));
  await db.delete(people).where(and(eq(people.tenantId, tenantId), eq(people.id, person.id)));
  return { personCode: person.personCode, userName: account?.userName ?? null, employments: n };
}

/**
 * Deletes a person chosen in the UI, once `confirmName` is their name as shown (any case, spaces trimmed): their
 * employments, user account and SAML mappings go with them, so SCIM no longer finds the account.
 */
export async function deletePersonConfirmed(db: Executor, tenantId: string, personId: string, confirmName: string) {
  const person = await getPersonRow(db, tenantId, personId);
  const name = displayName(person);
  const typed = confirmName.trim().replace(/\s+/g, ' ').toLowerCase();
  if (typed !== name.toLowerCase() && typed !== `${person.givenName} ${person.familyName}`.toLowerCase()) {
    const message = `Type ${name} to confirm.`;
    throw new FormError(message, { confirmName: message });
  }
  const deleted = await deletePerson(db, tenantId, person.personCode);
  return { ...deleted, name };
}

async function primaryEndDate(db: Executor, personId: string): Promise<string | null | undefined> {
  const [primary] = await db
    .select({ endDate: employments.endDate })
    .from(employments)
    .where(and(eq(employments.personId, personId), eq(employments.isPrimary, true)))
    .limit(1);
  return primary?.endDate;
}

// ---------------------------------------------------------------------------------------------------------------
// Create and change: department resolution, uniqueness, employments and the leaver rule, for every writer.

export type SavedPerson = { person: Person; leaver: boolean; employments: Employment[] };
export type UpdatedPerson = SavedPerson & { changed: string[] };

function employmentRow(tenantId: string, personId: string, write: EmploymentWrite) {
  return {
    tenantId,
    personId,
    employmentId: write.employmentId,
    startDate: write.startDate,
    endDate: write.endDate ?? null,
    isPrimary: write.isPrimary ?? false,
  };
}

/** Creates a person with their employments (at most one primary). A leaver is stored inactive. */
export async function createPersonRecord(
  db: Executor,
  tenantId: string,
  fields: PersonFields,
  employmentWrites: EmploymentWrite[] = [],
  today = todayIso(),
): Promise<SavedPerson> {
  const { department, ...own } = fields;
  const departmentId = await resolveDepartmentId(db, tenantId, department);
  await assertNoConflicts(db, tenantId, { ...own, employments: employmentWrites });
  const primaryEnd = employmentWrites.find((e) => e.isPrimary)?.endDate;
  const leaver = hasEnded(primaryEnd, today);
  try {
    const [person] = await db
      .insert(people)
      .values({
        tenantId,
        ...own,
        departmentId,
        activeEmployee: effectiveActive(own.activeEmployee, primaryEnd, today),
      })
      .returning();
    const saved = employmentWrites.length
      ? await db
          .insert(employments)
          .values(employmentWrites.map((write) => employmentRow(tenantId, person.id, write)))
          .returning()
      : [];
    return { person, leaver, employments: saved };
  } catch (error) {
    rethrowPeopleUniqueViolation(error);
  }
}

/**
 * Changes the given fields of a person and saves the given employments (see EmploymentWrite); everything else is
 * kept. The leaver rule applies to the result: a person whose primary employment has ended is stored inactive.
 * `changed` names the person columns that changed, plus `employment` when an employment did.
 */
export async function patchPersonRecord(
  db: Executor,
  tenantId: string,
  ref: { id: string } | { code: string },
  changes: Partial<PersonFields>,
  employmentWrites: EmploymentWrite[] = [],
  today = todayIso(),
): Promise<UpdatedPerson> {
  const before = await lockPerson(db, tenantId, ref);
  const { department, ...own } = definedOnly(changes);
  const values: Partial<PersonColumns> = own;
  if (department !== undefined) values.departmentId = await resolveDepartmentId(db, tenantId, department);
  await assertEmploymentsOf(db, before.id, employmentWrites);
  await assertNoConflicts(db, tenantId, { ...own, employments: employmentWrites }, before.id);
  try {
    const saved: Employment[] = [];
    let employmentChanged = false;
    for (const write of employmentWrites) {
      const result = await saveEmployment(db, tenantId, before.id, write);
      saved.push(result.employment);
      employmentChanged ||= result.changed;
    }
    const primaryEnd = await primaryEndDate(db, before.id);
    const leaver = hasEnded(primaryEnd, today);
    values.activeEmployee = effectiveActive(values.activeEmployee ?? before.activeEmployee, primaryEnd, today);
    const changed: string[] = (Object.keys(values) as (keyof PersonColumns)[]).filter(
      (key) => values[key] !== before[key],
    );
    if (employmentChanged) changed.push('employment');
    // Without a changed column this UPDATE is a no-op, and the LastModified trigger leaves updated_at alone.
    const [person] = await db
      .update(people)
      .set(values)
      .where(and(eq(people.id, before.id), eq(people.tenantId, tenantId)))
      .returning();
    return { person, leaver, changed, employments: saved };
  } catch (error) {
    rethrowPeopleUniqueViolation(error);
  }
}

type PersonColumns = Omit<PersonFields, 'department'> & { departmentId: string | null };

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function lockPerson(db: Executor, tenantId: string, ref: { id: string } | { code: string }): Promise<Person> {
  const [person] = await db
    .select()
    .from(people)
    .where(and(eq(people.tenantId, tenantId), 'id' in ref ? eq(people.id, ref.id) : eq(people.personCode, ref.code)))
    .limit(1)
    .for('update');
  if (!person) throw new NotFoundError('This person does not exist (or belongs to another company).');
  return person;
}

/** Employments named by record id must be this person's. */
async function assertEmploymentsOf(db: Executor, personId: string, writes: EmploymentWrite[]) {
  const ids = writes.map((w) => w.recordId).filter((id): id is string => Boolean(id));
  if (!ids.length) return;
  const found = await db
    .select({ id: employments.id })
    .from(employments)
    .where(and(eq(employments.personId, personId), inArray(employments.id, ids)));
  if (found.length < new Set(ids).size) throw new NotFoundError('This employment does not belong to this person.');
}

async function clearOtherPrimaries(db: Executor, personId: string, keepId: string | null) {
  await db
    .update(employments)
    .set({ isPrimary: false, updatedAt: sql`now()` })
    .where(
      and(
        eq(employments.personId, personId),
        eq(employments.isPrimary, true),
        keepId ? ne(employments.id, keepId) : undefined,
      ),
    );
}

/** Inserts or updates one employment (EmploymentWrite says which); a new primary takes the flag from the others. */
async function saveEmployment(
  db: Executor,
  tenantId: string,
  personId: string,
  write: EmploymentWrite,
): Promise<{ employment: Employment; changed: boolean }> {
  const target =
    write.recordId === undefined
      ? and(
          eq(employments.personId, personId),
          sql`lower(${employments.employmentId}) = ${write.employmentId.toLowerCase()}`,
        )
      : write.recordId === null
        ? undefined
        : and(eq(employments.personId, personId), eq(employments.id, write.recordId));
  const [existing] = target ? await db.select().from(employments).where(target).limit(1) : [];
  if (write.isPrimary) await clearOtherPrimaries(db, personId, existing?.id ?? null);
  if (!existing) {
    const [employment] = await db
      .insert(employments)
      .values(employmentRow(tenantId, personId, write))
      .returning();
    return { employment, changed: true };
  }
  const values: Partial<Employment> = {
    ...(write.recordId ? { employmentId: write.employmentId } : {}),
    startDate: write.startDate,
    ...(write.endDate === undefined ? {} : { endDate: write.endDate }),
    ...(write.isPrimary === undefined ? {} : { isPrimary: write.isPrimary }),
  };
  const changed = (Object.keys(values) as (keyof Employment)[]).some((key) => values[key] !== existing[key]);
  if (!changed) return { employment: existing, changed };
  const [employment] = await db
    .update(employments)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(employments.id, existing.id))
    .returning();
  return { employment, changed };
}

// ---------------------------------------------------------------------------------------------------------------
// The person form: its flat values (one employment, the one it shows) mapped to a write.

function formFields(input: PersonInput | UpdatePersonInput): PersonFields {
  return {
    personCode: input.personCode,
    givenName: input.givenName,
    familyName: input.familyName,
    preferredGivenName: input.preferredGivenName,
    internalEmail: input.internalEmail,
    externalEmail: input.externalEmail,
    jobTitle: input.jobTitle,
    department: input.departmentId ? { id: input.departmentId } : null,
    activeEmployee: input.activeEmployee,
  };
}

/** The form's employment, when it has an employment ID and a start date; `recordId` null means a new one. */
function formEmployment(input: PersonInput | UpdatePersonInput, recordId: string | null): EmploymentWrite[] {
  if (!input.employmentId || !input.startDate) return [];
  return [
    {
      recordId,
      employmentId: input.employmentId,
      startDate: input.startDate,
      endDate: input.endDate,
      isPrimary: input.primaryEmployment,
    },
  ];
}

export async function createPerson(
  db: Executor,
  tenantId: string,
  input: PersonInput,
  today = todayIso(),
): Promise<SavedPerson> {
  return createPersonRecord(db, tenantId, formFields(input), formEmployment(input, null), today);
}

export async function updatePerson(
  db: Executor,
  tenantId: string,
  input: UpdatePersonInput,
  today = todayIso(),
): Promise<UpdatedPerson> {
  const writes = formEmployment(input, input.employmentRecordId ?? null);
  return patchPersonRecord(db, tenantId, { id: input.personId }, formFields(input), writes, today);
}

export async function getPersonRow(db: Executor, tenantId: string, personId: string): Promise<Person> {
  const [person] = await db
    .select()
    .from(people)
    .where(and(eq(people.id, personId), eq(people.tenantId, tenantId)));
  if (!person) throw new NotFoundError('This person does not exist (or belongs to another company).');
  return person;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading one person

export async function getPersonDetail(db: Executor, tenantId: string, personId: string) {
  const person = await getPersonRow(db, tenantId, personId);
  const [department] = person.departmentId
    ? await db
        .select()
        .from(departments)
        .where(and(eq(departments.id, person.departmentId), eq(departments.tenantId, tenantId)))
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
