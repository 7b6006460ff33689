import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { employments, people } from '@/db/schema';
import { ConflictError, FormError, NotFoundError, uniqueViolation } from '@/lib/errors';
import { createTenant } from '@/tests/support/factories';
import { insertDepartment, insertEmployment, insertPerson, uniqueCode } from '@/tests/support/hr-factories';
import {
  createPerson,
  createPersonRecord,
  deactivateLeavers,
  effectiveActive,
  getPersonDetail,
  hasEnded,
  patchPersonRecord,
  rethrowPeopleUniqueViolation,
  updatePerson,
  type PersonFields,
} from './people';
import { personSchema, updatePersonSchema, type PersonInput } from './schemas';

function personInput(overrides: Partial<Record<keyof PersonInput, unknown>> = {}): PersonInput {
  const code = uniqueCode();
  return personSchema.parse({
    personCode: code,
    givenName: 'Grace',
    familyName: 'Hopper',
    internalEmail: `${code.toLowerCase()}@corp.test`,
    activeEmployee: 'on',
    employmentId: uniqueCode('E'),
    startDate: '2021-04-01',
    primaryEmployment: 'on',
    ...overrides,
  });
}

async function dbError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the database to refuse the write');
}

describe('person uniqueness is enforced by the database (unique indexes), not only by the form', () => {
  it('person code is unique within a tenant; another tenant may reuse it', async () => {
    const [a, b] = [await createTenant(), await createTenant()];
    await insertPerson(a.id, { personCode: 'DUP-1' });
    expect(uniqueViolation(await dbError(insertPerson(a.id, { personCode: 'DUP-1', internalEmail: null })))).toBe(
      'people_tenant_code_uq',
    );
    await expect(insertPerson(b.id, { personCode: 'DUP-1' })).resolves.toBeTruthy();
  });

  it('internal email is unique per tenant case-insensitively (Ada@X vs ada@x)', async () => {
    const tenant = await createTenant();
    await insertPerson(tenant.id, { internalEmail: 'Ada@Corp.Test' });
    const error = await dbError(insertPerson(tenant.id, { internalEmail: 'ada@corp.test' }));
    expect(uniqueViolation(error)).toBe('people_tenant_internal_email_uq');
  });

  it('external email is unique per tenant case-insensitively', async () => {
    const tenant = await createTenant();
    await insertPerson(tenant.id, { externalEmail: 'home@Mail.test' });
    const error = await dbError(insertPerson(tenant.id, { externalEmail: 'HOME@mail.TEST' }));
    expect(uniqueViolation(error)).toBe('people_tenant_external_email_uq');
  });

  it('several people may have no email at all (NULLs do not collide)', async () => {
    const tenant = await createTenant();
    await insertPerson(tenant.id, { internalEmail: null, externalEmail: null });
    await expect(insertPerson(tenant.id, { internalEmail: null, externalEmail: null })).resolves.toBeTruthy();
  });

  it('employment ID is unique per tenant case-insensitively, across different people', async () => {
    const tenant = await createTenant();
    const [p1, p2] = [await insertPerson(tenant.id), await insertPerson(tenant.id)];
    await insertEmployment(tenant.id, p1.id, { employmentId: 'EMP-77' });
    const error = await dbError(insertEmployment(tenant.id, p2.id, { employmentId: 'emp-77', isPrimary: true }));
    expect(uniqueViolation(error)).toBe('employments_tenant_employment_id_uq');
    const other = await createTenant();
    const p3 = await insertPerson(other.id);
    await expect(insertEmployment(other.id, p3.id, { employmentId: 'EMP-77' })).resolves.toBeTruthy();
  });

  it('a person has at most one primary employment (partial unique index)', async () => {
    const tenant = await createTenant();
    const person = await insertPerson(tenant.id);
    await insertEmployment(tenant.id, person.id, { isPrimary: true });
    const error = await dbError(insertEmployment(tenant.id, person.id, { isPrimary: true }));
    expect(uniqueViolation(error)).toBe('employments_one_primary_per_person_uq');
  });

  it('a violation raised by the database (e.g. a concurrent save) becomes a field message', async () => {
    const tenant = await createTenant();
    await insertPerson(tenant.id, { internalEmail: 'race@corp.test' });
    const error = await dbError(insertPerson(tenant.id, { internalEmail: 'RACE@corp.test' }));
    let mapped: unknown;
    try {
      rethrowPeopleUniqueViolation(error);
    } catch (e) {
      mapped = e;
    }
    expect(mapped).toBeInstanceOf(ConflictError);
    expect(mapped).toBeInstanceOf(FormError);
    expect((mapped as FormError).fieldErrors).toEqual({
      internalEmail: 'Another person already has this internal email.',
    });
  });
});

describe('creating and editing people', () => {
  it('stores emails lower-case and creates the first employment', async () => {
    const tenant = await createTenant();
    const input = personInput({ internalEmail: 'Grace.Hopper@CORP.test', externalEmail: 'GH@Home.test' });
    const { person } = await createPerson(getDb(), tenant.id, input);
    expect(person.internalEmail).toBe('grace.hopper@corp.test');
    expect(person.externalEmail).toBe('gh@home.test');
    const detail = await getPersonDetail(getDb(), tenant.id, person.id);
    expect(detail.employments).toHaveLength(1);
    expect(detail.employments[0]).toMatchObject({
      employmentId: input.employmentId,
      startDate: '2021-04-01',
      endDate: null,
      isPrimary: true,
    });
  });

  it('duplicate person code, emails (any case) and employment ID are all reported as field messages at once; nothing is written', async () => {
    const tenant = await createTenant();
    const first = personInput({ externalEmail: 'first@home.test' });
    await createPerson(getDb(), tenant.id, first);
    const again = personInput({
      personCode: first.personCode,
      internalEmail: first.internalEmail!.toUpperCase(),
      externalEmail: 'FIRST@home.test',
      employmentId: first.employmentId!.toLowerCase(),
    });
    const error = await createPerson(getDb(), tenant.id, again).catch((e) => e);
    expect(error).toBeInstanceOf(FormError);
    expect(error.fieldErrors).toEqual({
      personCode: 'Another person already has this person code.',
      internalEmail: 'Another person already has this internal email.',
      externalEmail: 'Another person already has this external email.',
      employmentId: 'This employment ID is already used.',
    });
    const rows = await getDb().select().from(people).where(eq(people.tenantId, tenant.id));
    expect(rows).toHaveLength(1);
  });

  it('an employment ID needs a start date, and the end date cannot be before it (form validation)', () => {
    const result = personSchema.safeParse({
      personCode: 'X1',
      givenName: 'A',
      familyName: 'B',
      employmentId: 'E1',
      startDate: '',
      endDate: '2020-01-01',
    });
    expect(result.success).toBe(false);
    const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(issues).toEqual({ startDate: 'Enter the start date.' });
    const backwards = personSchema.safeParse({
      personCode: 'X1',
      givenName: 'A',
      familyName: 'B',
      employmentId: 'E1',
      startDate: '2021-01-02',
      endDate: '2021-01-01',
    });
    expect(backwards.error!.issues[0]).toMatchObject({
      path: ['endDate'],
      message: 'The end date is before the start date.',
    });
    expect(
      personSchema.safeParse({ personCode: 'X 1', givenName: 'A', familyName: 'B' }).error!.issues[0].message,
    ).toBe('A person code cannot contain spaces.');
    expect(
      personSchema.safeParse({ personCode: 'X1', givenName: 'A', familyName: 'B', internalEmail: 'nope' }).error!
        .issues[0].message,
    ).toBe('Enter a valid email address.');
  });

  it('a person may be saved without an employment (employment ID left empty)', async () => {
    const tenant = await createTenant();
    const { person } = await createPerson(getDb(), tenant.id, personInput({ employmentId: '' }));
    expect((await getPersonDetail(getDb(), tenant.id, person.id)).employments).toHaveLength(0);
  });

  it('edits a person and the employment shown in the form, reporting what changed', async () => {
    const tenant = await createTenant();
    const dept = await insertDepartment(tenant.id);
    const input = personInput();
    const { person } = await createPerson(getDb(), tenant.id, input);
    const [employment] = await getDb().select().from(employments).where(eq(employments.personId, person.id));
    const update = updatePersonSchema.parse({
      ...input,
      personId: person.id,
      employmentRecordId: employment.id,
      familyName: 'Hopper-Murray',
      departmentId: dept.id,
      activeEmployee: 'on',
      primaryEmployment: 'on',
      startDate: '2021-05-01',
    });
    const result = await updatePerson(getDb(), tenant.id, update);
    expect(result.changed.sort()).toEqual(['departmentId', 'employment', 'familyName']);
    const detail = await getPersonDetail(getDb(), tenant.id, person.id);
    expect(detail.person.familyName).toBe('Hopper-Murray');
    expect(detail.department?.id).toBe(dept.id);
    expect(detail.employments[0].startDate).toBe('2021-05-01');
  });

  it('tenant isolation: a person or department of another tenant cannot be edited or used', async () => {
    const [mine, theirs] = [await createTenant(), await createTenant()];
    const { person } = await createPerson(getDb(), theirs.id, personInput());
    const update = updatePersonSchema.parse({ ...personInput(), personId: person.id });
    await expect(updatePerson(getDb(), mine.id, update)).rejects.toBeInstanceOf(NotFoundError);
    const foreignDept = await insertDepartment(theirs.id);
    const error = await createPerson(getDb(), mine.id, personInput({ departmentId: foreignDept.id })).catch((e) => e);
    expect(error.fieldErrors).toEqual({ departmentId: 'Choose a department.' });
  });
});

describe('leaver rule: a person whose primary employment has ended is inactive', () => {
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

  it('has ended only after the end date (the end date itself is still a working day)', () => {
    expect(hasEnded('2024-03-31', '2024-04-01')).toBe(true);
    expect(hasEnded('2024-03-31', '2024-03-31')).toBe(false);
    expect(hasEnded(null, '2024-03-31')).toBe(false);
    expect(effectiveActive(true, '2024-03-31', '2024-04-01')).toBe(false);
    expect(effectiveActive(true, '2024-04-30', '2024-04-01')).toBe(true);
    expect(effectiveActive(false, null, '2024-04-01')).toBe(false);
  });

  it('creating a person whose primary employment ended yesterday stores them as inactive even with Active employee ticked', async () => {
    const tenant = await createTenant();
    const { person, leaver } = await createPerson(
      getDb(),
      tenant.id,
      personInput({ startDate: '2020-01-01', endDate: yesterday }),
    );
    expect(leaver).toBe(true);
    expect(person.activeEmployee).toBe(false);
  });

  it('an end date of today or later keeps the person active', async () => {
    const tenant = await createTenant();
    for (const endDate of [today, tomorrow]) {
      const { person } = await createPerson(getDb(), tenant.id, personInput({ startDate: '2020-01-01', endDate }));
      expect(person.activeEmployee).toBe(true);
    }
  });

  it('an ended non-primary employment does not make a leaver', async () => {
    const tenant = await createTenant();
    const { person } = await createPerson(
      getDb(),
      tenant.id,
      personInput({ startDate: '2020-01-01', endDate: yesterday, primaryEmployment: '' }),
    );
    expect(person.activeEmployee).toBe(true);
  });

  it('editing the primary employment to end in the past makes the person inactive', async () => {
    const tenant = await createTenant();
    const input = personInput();
    const { person } = await createPerson(getDb(), tenant.id, input);
    const [employment] = await getDb().select().from(employments).where(eq(employments.personId, person.id));
    const result = await updatePerson(
      getDb(),
      tenant.id,
      updatePersonSchema.parse({
        ...input,
        personId: person.id,
        employmentRecordId: employment.id,
        activeEmployee: 'on',
        primaryEmployment: 'on',
        endDate: yesterday,
      }),
    );
    expect(result.leaver).toBe(true);
    expect(result.person.activeEmployee).toBe(false);
  });

  it('the daily sweep deactivates people whose primary employment end date has since passed, only in the given tenant', async () => {
    const [tenant, other] = [await createTenant(), await createTenant()];
    const leaving = await insertPerson(tenant.id);
    await insertEmployment(tenant.id, leaving.id, { startDate: '2020-01-01', endDate: '2030-06-30', isPrimary: true });
    const staying = await insertPerson(tenant.id);
    await insertEmployment(tenant.id, staying.id, { startDate: '2020-01-01', endDate: '2030-06-30', isPrimary: false });
    const elsewhere = await insertPerson(other.id);
    await insertEmployment(other.id, elsewhere.id, { startDate: '2020-01-01', endDate: '2030-06-30', isPrimary: true });

    expect(await deactivateLeavers(getDb(), { tenantId: tenant.id, today: '2030-06-30' })).toEqual([]);
    const changed = await deactivateLeavers(getDb(), { tenantId: tenant.id, today: '2030-07-01' });
    expect(changed.map((c) => c.personCode)).toEqual([leaving.personCode]);
    const active = async (id: string) =>
      (await getDb().select().from(people).where(eq(people.id, id)))[0].activeEmployee;
    expect(await active(leaving.id)).toBe(false);
    expect(await active(staying.id)).toBe(true);
    expect(await active(elsewhere.id)).toBe(true);
  });
});

describe('person writes shared by the person form and the HR API (createPersonRecord / patchPersonRecord)', () => {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

  function fields(overrides: Partial<PersonFields> = {}): PersonFields {
    const code = uniqueCode();
    return {
      personCode: code,
      givenName: 'Ada',
      familyName: 'Lovelace',
      preferredGivenName: null,
      internalEmail: `${code.toLowerCase()}@corp.test`,
      externalEmail: null,
      jobTitle: null,
      department: null,
      activeEmployee: true,
      ...overrides,
    };
  }

  async function employmentRows(personId: string) {
    const rows = await getDb().select().from(employments).where(eq(employments.personId, personId));
    return rows
      .map((e) => ({ employmentId: e.employmentId, endDate: e.endDate, isPrimary: e.isPrimary }))
      .sort((a, b) => a.employmentId.localeCompare(b.employmentId));
  }

  it('creates a person with several employments; the leaver rule looks at the primary one only', async () => {
    const tenant = await createTenant();
    const ended = [{ employmentId: uniqueCode('E'), startDate: '2020-01-01', endDate: yesterday }];
    const kept = await createPersonRecord(getDb(), tenant.id, fields(), [
      ...ended,
      { employmentId: uniqueCode('E'), startDate: '2021-01-01', isPrimary: true },
    ]);
    expect(kept.employments).toHaveLength(2);
    expect(kept.person.activeEmployee).toBe(true);
    const left = await createPersonRecord(getDb(), tenant.id, fields(), [
      { employmentId: uniqueCode('E'), startDate: '2020-01-01', endDate: yesterday, isPrimary: true },
    ]);
    expect(left).toMatchObject({ leaver: true, person: { activeEmployee: false } });
  });

  it('department by code: found in any case, within the tenant only; an unknown code is a departmentCode field message', async () => {
    const [tenant, other] = [await createTenant(), await createTenant()];
    const dept = await insertDepartment(tenant.id, 'Finance Ops');
    const { person } = await createPersonRecord(getDb(), tenant.id, fields({ department: { code: 'finance-ops' } }));
    expect(person.departmentId).toBe(dept.id);
    const error = await createPersonRecord(getDb(), other.id, fields({ department: { code: 'FINANCE-OPS' } })).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(FormError);
    expect(error).not.toBeInstanceOf(ConflictError);
    expect(error.fieldErrors).toEqual({ departmentCode: 'No department has the code "FINANCE-OPS".' });
  });

  it('patch: changes only the given fields; employments matched by employment ID (any case) are updated, new ones added, unlisted ones kept; the primary moves', async () => {
    const tenant = await createTenant();
    const [e1, e2, e3] = [uniqueCode('E'), uniqueCode('E'), uniqueCode('E')];
    const { person } = await createPersonRecord(
      getDb(),
      tenant.id,
      fields({ jobTitle: 'Analyst', preferredGivenName: 'Addie' }),
      [
        { employmentId: e1, startDate: '2020-01-01', isPrimary: true },
        { employmentId: e2, startDate: '2020-06-01' },
      ],
    );
    const result = await patchPersonRecord(
      getDb(),
      tenant.id,
      { code: person.personCode },
      { jobTitle: 'Lead', preferredGivenName: null },
      [
        { employmentId: e1.toLowerCase(), startDate: '2020-01-01', endDate: '2030-12-31' },
        { employmentId: e3, startDate: '2031-01-01', isPrimary: true },
      ],
    );
    expect(result.changed.sort()).toEqual(['employment', 'jobTitle', 'preferredGivenName']);
    expect(result.person).toMatchObject({
      givenName: 'Ada',
      jobTitle: 'Lead',
      preferredGivenName: null,
      internalEmail: person.internalEmail,
      activeEmployee: true,
    });
    expect(await employmentRows(person.id)).toEqual(
      [
        { employmentId: e1, endDate: '2030-12-31', isPrimary: false },
        { employmentId: e2, endDate: null, isPrimary: false },
        { employmentId: e3, endDate: null, isPrimary: true },
      ].sort((a, b) => a.employmentId.localeCompare(b.employmentId)),
    );
  });

  it('patch: the leaver rule applies whatever is asked (an ended primary employment makes the person inactive; active=true cannot undo it)', async () => {
    const tenant = await createTenant();
    const employmentId = uniqueCode('E');
    const { person } = await createPersonRecord(getDb(), tenant.id, fields(), [
      { employmentId, startDate: '2020-01-01', isPrimary: true },
    ]);
    const ended = await patchPersonRecord(getDb(), tenant.id, { id: person.id }, {}, [
      { employmentId, startDate: '2020-01-01', endDate: yesterday },
    ]);
    expect(ended).toMatchObject({ leaver: true, person: { activeEmployee: false } });
    expect(ended.changed.sort()).toEqual(['activeEmployee', 'employment']);
    const forced = await patchPersonRecord(getDb(), tenant.id, { id: person.id }, { activeEmployee: true });
    expect(forced.person.activeEmployee).toBe(false);
  });

  it('patch: a field left out keeps its value, including an inactive flag HR set', async () => {
    const tenant = await createTenant();
    const { person } = await createPersonRecord(getDb(), tenant.id, fields({ activeEmployee: false }));
    const result = await patchPersonRecord(getDb(), tenant.id, { id: person.id }, { familyName: 'Byron' });
    expect(result.person).toMatchObject({ familyName: 'Byron', activeEmployee: false });
    expect(result.changed).toEqual(['familyName']);
  });

  it('patch: a change that changes nothing leaves updated_at (the HR API LastModified) alone', async () => {
    const tenant = await createTenant();
    const employmentId = uniqueCode('E');
    const { person } = await createPersonRecord(getDb(), tenant.id, fields({ jobTitle: 'Analyst' }), [
      { employmentId, startDate: '2020-01-01', isPrimary: true },
    ]);
    const stamp = async () =>
      (await getDb().execute<{ at: string }>(sql`select updated_at::text as at from people where id = ${person.id}`))
        .rows[0].at;
    const before = await stamp();
    const result = await patchPersonRecord(getDb(), tenant.id, { id: person.id }, { jobTitle: 'Analyst' }, [
      { employmentId, startDate: '2020-01-01' },
    ]);
    expect(result.changed).toEqual([]);
    expect(await stamp()).toBe(before);
    await patchPersonRecord(getDb(), tenant.id, { id: person.id }, { jobTitle: 'Lead' });
    expect(await stamp()).not.toBe(before);
  });

  it("patch uniqueness: another person's code, email or employment ID is a ConflictError listing each field; the person's own employment ID is not", async () => {
    const tenant = await createTenant();
    const theirEmployment = uniqueCode('E');
    const theirs = await createPersonRecord(getDb(), tenant.id, fields(), [
      { employmentId: theirEmployment, startDate: '2020-01-01', isPrimary: true },
    ]);
    const ownEmployment = uniqueCode('E');
    const mine = await createPersonRecord(getDb(), tenant.id, fields(), [
      { employmentId: ownEmployment, startDate: '2020-01-01', isPrimary: true },
    ]);
    const error = await patchPersonRecord(
      getDb(),
      tenant.id,
      { id: mine.person.id },
      { personCode: theirs.person.personCode, internalEmail: theirs.person.internalEmail!.toUpperCase() },
      [{ employmentId: theirEmployment.toLowerCase(), startDate: '2020-01-01' }],
    ).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(Object.keys(error.fieldErrors).sort()).toEqual(['employmentId', 'internalEmail', 'personCode']);
    const own = await patchPersonRecord(getDb(), tenant.id, { id: mine.person.id }, {}, [
      { employmentId: ownEmployment.toLowerCase(), startDate: '2019-01-01' },
    ]);
    expect(own.employments[0]).toMatchObject({ employmentId: ownEmployment, startDate: '2019-01-01' });
  });

  it('patch: an unknown person code, or a person of another tenant, is NotFoundError and nothing is written', async () => {
    const [tenant, other] = [await createTenant(), await createTenant()];
    const { person } = await createPersonRecord(getDb(), other.id, fields());
    await expect(
      patchPersonRecord(getDb(), tenant.id, { code: person.personCode }, { jobTitle: 'x' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(patchPersonRecord(getDb(), tenant.id, { id: person.id }, { jobTitle: 'x' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const [row] = await getDb().select().from(people).where(eq(people.id, person.id));
    expect(row.jobTitle).toBeNull();
  });
});
