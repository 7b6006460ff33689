import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { employments, people } from '@/db/schema';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { createTenant } from '@/tests/support/factories';
import { insertEmployment, insertPerson, uniqueCode } from '@/tests/support/hr-factories';
import { addEmployment, makePrimaryEmployment } from './employments';
import { employmentSchema } from './schemas';

const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

function input(personId: string, overrides: Record<string, unknown> = {}) {
  return employmentSchema.parse({
    personId,
    employmentId: uniqueCode('E'),
    startDate: '2022-01-01',
    primaryEmployment: 'on',
    ...overrides,
  });
}

describe('adding an employment', () => {
  it('a new primary employment takes the primary flag from the old one', async () => {
    const tenant = await createTenant();
    const person = await insertPerson(tenant.id);
    const old = await insertEmployment(tenant.id, person.id, { isPrimary: true });
    const { employment, becameLeaver } = await addEmployment(getDb(), tenant.id, input(person.id));
    expect(employment.isPrimary).toBe(true);
    expect(becameLeaver).toBe(false);
    const [before] = await getDb().select().from(employments).where(eq(employments.id, old.id));
    expect(before.isPrimary).toBe(false);
  });

  it('an employment ID already used (by anyone, this person included, any case) is a field message; nothing is added', async () => {
    const tenant = await createTenant();
    const person = await insertPerson(tenant.id);
    const existing = await insertEmployment(tenant.id, person.id, { isPrimary: false });
    const error = await addEmployment(
      getDb(),
      tenant.id,
      input(person.id, { employmentId: existing.employmentId.toLowerCase() }),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.fieldErrors).toEqual({ employmentId: 'This employment ID is already used.' });
    expect(await getDb().select().from(employments).where(eq(employments.personId, person.id))).toHaveLength(1);
  });

  it('leaver rule: adding a primary employment that has already ended makes the person inactive', async () => {
    const tenant = await createTenant();
    const person = await insertPerson(tenant.id);
    const { becameLeaver } = await addEmployment(
      getDb(),
      tenant.id,
      input(person.id, { startDate: '2020-01-01', endDate: yesterday }),
    );
    expect(becameLeaver).toBe(true);
    const [row] = await getDb().select().from(people).where(eq(people.id, person.id));
    expect(row.activeEmployee).toBe(false);
  });
});

describe('making an employment the primary one', () => {
  it("moves the flag; an ended employment made primary makes the person a leaver; another person's employment is not found", async () => {
    const tenant = await createTenant();
    const person = await insertPerson(tenant.id);
    const current = await insertEmployment(tenant.id, person.id, { isPrimary: true });
    const ended = await insertEmployment(tenant.id, person.id, {
      isPrimary: false,
      startDate: '2019-01-01',
      endDate: yesterday,
    });
    const { becameLeaver } = await makePrimaryEmployment(getDb(), tenant.id, person.id, ended.id);
    expect(becameLeaver).toBe(true);
    const rows = await getDb().select().from(employments).where(eq(employments.personId, person.id));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.isPrimary]))).toEqual({ [current.id]: false, [ended.id]: true });
    const [row] = await getDb().select().from(people).where(eq(people.id, person.id));
    expect(row.activeEmployee).toBe(false);
    const other = await insertPerson(tenant.id);
    await expect(makePrimaryEmployment(getDb(), tenant.id, other.id, current.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
