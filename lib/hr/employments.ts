import { and, eq, ne, sql } from 'drizzle-orm';
import { employments } from '@/db/schema';
import type { Executor } from '@/db/client';
import { FormError, NotFoundError } from '@/lib/errors';
import { applyLeaverRule, getPersonRow, PEOPLE_UNIQUE_MESSAGES, rethrowPeopleUniqueViolation, todayIso } from './people';
import type { EmploymentInput } from './schemas';

/** Adds an employment to a person. A new primary employment replaces the old one as primary. */
export async function addEmployment(db: Executor, tenantId: string, input: EmploymentInput, today = todayIso()) {
  const person = await getPersonRow(db, tenantId, input.personId);
  const [taken] = await db
    .select({ id: employments.id })
    .from(employments)
    .where(and(eq(employments.tenantId, tenantId), sql`lower(${employments.employmentId}) = ${input.employmentId.toLowerCase()}`))
    .limit(1);
  if (taken) throw new FormError('Check the highlighted fields.', { employmentId: PEOPLE_UNIQUE_MESSAGES.employments_tenant_employment_id_uq.message });
  try {
    if (input.primaryEmployment) {
      await db
        .update(employments)
        .set({ isPrimary: false, updatedAt: sql`now()` })
        .where(and(eq(employments.personId, person.id), eq(employments.isPrimary, true)));
    }
    const [employment] = await db
      .insert(employments)
      .values({
        tenantId,
        personId: person.id,
        employmentId: input.employmentId,
        startDate: input.startDate as string,
        endDate: input.endDate,
        isPrimary: input.primaryEmployment,
      })
      .returning();
    const becameLeaver = await applyLeaverRule(db, person.id, today);
    return { person, employment, becameLeaver };
  } catch (error) {
    rethrowPeopleUniqueViolation(error);
  }
}

/** Removes one employment of a person (the person record stays). */
export async function removeEmployment(db: Executor, tenantId: string, personId: string, employmentRecordId: string) {
  const person = await getPersonRow(db, tenantId, personId);
  const [removed] = await db
    .delete(employments)
    .where(and(eq(employments.id, employmentRecordId), eq(employments.personId, person.id), eq(employments.tenantId, tenantId)))
    .returning();
  if (!removed) throw new NotFoundError('This employment does not exist.');
  return { person, employment: removed };
}

/** Makes one employment the person's primary one (the others lose the flag). */
export async function makePrimaryEmployment(db: Executor, tenantId: string, personId: string, employmentRecordId: string, today = todayIso()) {
  const person = await getPersonRow(db, tenantId, personId);
  const [target] = await db
    .select()
    .from(employments)
    .where(and(eq(employments.id, employmentRecordId), eq(employments.personId, person.id)));
  if (!target) throw new NotFoundError('This employment does not exist.');
  await db
    .update(employments)
    .set({ isPrimary: false, updatedAt: sql`now()` })
    .where(and(eq(employments.personId, person.id), ne(employments.id, target.id), eq(employments.isPrimary, true)));
  await db.update(employments).set({ isPrimary: true, updatedAt: sql`now()` }).where(eq(employments.id, target.id));
  const becameLeaver = await applyLeaverRule(db, person.id, today);
  return { person, employment: target, becameLeaver };
}
