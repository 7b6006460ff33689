import { and, eq } from 'drizzle-orm';
import { employments } from '@/db/schema';
import type { Executor } from '@/db/client';
import { NotFoundError } from '@/lib/errors';
import { getPersonRow, patchPersonRecord, todayIso } from './people';
import type { EmploymentInput, UpdateEmploymentInput } from './schemas';

/**
 * Adds an employment to a person (its employment ID must be new). A new primary employment replaces the old one as
 * primary; if it has already ended, the person becomes a leaver.
 */
export async function addEmployment(db: Executor, tenantId: string, input: EmploymentInput, today = todayIso()) {
  const write = {
    recordId: null,
    employmentId: input.employmentId,
    startDate: input.startDate as string,
    endDate: input.endDate,
    isPrimary: input.primaryEmployment,
  };
  const {
    person,
    employments: [employment],
    changed,
  } = await patchPersonRecord(db, tenantId, { id: input.personId }, {}, [write], today);
  return { person, employment, becameLeaver: changed.includes('activeEmployee') };
}

/** Removes one employment of a person (the person record stays). */
export async function removeEmployment(db: Executor, tenantId: string, personId: string, employmentRecordId: string) {
  const person = await getPersonRow(db, tenantId, personId);
  const [removed] = await db
    .delete(employments)
    .where(
      and(
        eq(employments.id, employmentRecordId),
        eq(employments.personId, person.id),
        eq(employments.tenantId, tenantId),
      ),
    )
    .returning();
  if (!removed) throw new NotFoundError('This employment does not exist.');
  return { person, employment: removed };
}

/** Makes one employment the person's primary one (the others lose the flag); if it has ended, the person is a leaver. */
export async function makePrimaryEmployment(
  db: Executor,
  tenantId: string,
  personId: string,
  employmentRecordId: string,
  today = todayIso(),
) {
  const person = await getPersonRow(db, tenantId, personId);
  const [target] = await db
    .select()
    .from(employments)
    .where(
      and(
        eq(employments.id, employmentRecordId),
        eq(employments.personId, person.id),
        eq(employments.tenantId, tenantId),
      ),
    );
  if (!target) throw new NotFoundError('This employment does not exist.');
  const write = {
    recordId: target.id,
    employmentId: target.employmentId,
    startDate: target.startDate,
    isPrimary: true,
  };
  const { changed } = await patchPersonRecord(db, tenantId, { id: person.id }, {}, [write], today);
  return { person, employment: target, becameLeaver: changed.includes('activeEmployee') };
}

/**
 * Edits one employment of a person, primary or not: its employment ID (still unique in the company), start and end
 * dates. Its primary flag stays (Make primary changes it). Ending the primary employment makes the person a leaver.
 */
export async function updateEmployment(
  db: Executor,
  tenantId: string,
  input: UpdateEmploymentInput,
  today = todayIso(),
) {
  const person = await getPersonRow(db, tenantId, input.personId);
  const [target] = await db
    .select()
    .from(employments)
    .where(
      and(
        eq(employments.id, input.employmentRecordId),
        eq(employments.personId, person.id),
        eq(employments.tenantId, tenantId),
      ),
    );
  if (!target) throw new NotFoundError('This employment does not exist.');
  const write = {
    recordId: target.id,
    employmentId: input.employmentId,
    startDate: input.startDate as string,
    endDate: input.endDate,
    isPrimary: target.isPrimary,
  };
  const {
    person: saved,
    employments: [employment],
    changed,
  } = await patchPersonRecord(db, tenantId, { id: person.id }, {}, [write], today);
  const fields = (['employmentId', 'startDate', 'endDate'] as const).filter((key) => target[key] !== employment[key]);
  return {
    person: saved,
    employment,
    before: target,
    changedFields: fields,
    becameLeaver: changed.includes('activeEmployee') && !saved.activeEmployee,
  };
}
