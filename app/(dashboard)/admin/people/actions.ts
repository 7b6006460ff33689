'use server';
import { defineStaffAction } from '@/lib/actions';
import { validateImport } from '@/lib/hr/csv-import';
import { startImport } from '@/lib/hr/import-queue';
import { addEmployment, makePrimaryEmployment, removeEmployment, updateEmployment } from '@/lib/hr/employments';
import { importIdSchema, mappingFromForm, validateImportSchema } from '@/lib/hr/import-schemas';
import { createPerson, deletePersonConfirmed, displayName, updatePerson } from '@/lib/hr/people';
import {
  deletePersonSchema,
  employmentSchema,
  personSchema,
  removeEmploymentSchema,
  updateEmploymentSchema,
  updatePersonSchema,
} from '@/lib/hr/schemas';

const personPage = (input: { personId: string }) => [`/admin/people/${input.personId}`];

export const createPersonAction = defineStaffAction({
  area: 'administration',
  input: personSchema,
  revalidate: '/admin/people',
  run: async (input, { db, tenantId, audit }) => {
    const { person, leaver } = await createPerson(db, tenantId, input);
    const details = { name: displayName(person), employmentId: input.employmentId, leaver };
    await audit({ action: 'person.created', target: person.personCode, details });
    return { id: person.id, leaver };
  },
});

export const updatePersonAction = defineStaffAction({
  area: 'administration',
  input: updatePersonSchema,
  revalidate: '/admin/people',
  run: async (input, { db, tenantId, audit }) => {
    const { person, leaver, changed } = await updatePerson(db, tenantId, input);
    await audit({ action: 'person.updated', target: person.personCode, details: { changed, leaver } });
    return { id: person.id, leaver };
  },
});

export const addEmploymentAction = defineStaffAction({
  area: 'administration',
  input: employmentSchema,
  revalidate: personPage,
  run: async (input, { db, tenantId, audit }) => {
    const { person, employment, becameLeaver } = await addEmployment(db, tenantId, input);
    await audit({
      action: 'employment.added',
      target: person.personCode,
      details: {
        employmentId: employment.employmentId,
        primary: employment.isPrimary,
        endDate: employment.endDate,
        becameLeaver,
      },
    });
    return { becameLeaver };
  },
});

/** Edits any employment of a person (ID and dates), not only the primary one. */
export const updateEmploymentAction = defineStaffAction({
  area: 'administration',
  input: updateEmploymentSchema,
  revalidate: (input) => [`/admin/people/${input.personId}`, '/admin/people'],
  run: async (input, { db, tenantId, audit }) => {
    const updated = await updateEmployment(db, tenantId, input);
    if (updated.changedFields.length > 0) {
      await audit({
        action: 'employment.updated',
        target: updated.person.personCode,
        details: {
          employmentId: updated.employment.employmentId,
          ...Object.fromEntries(
            updated.changedFields.map((key) => [key, { from: updated.before[key], to: updated.employment[key] }]),
          ),
          becameLeaver: updated.becameLeaver,
        },
      });
    }
    return { becameLeaver: updated.becameLeaver, changed: updated.changedFields.length > 0 };
  },
});

/** Deletes a person after their name was typed; their user account (and so their SCIM account) goes too. */
export const deletePersonAction = defineStaffAction({
  area: 'administration',
  input: deletePersonSchema,
  revalidate: () => ['/admin/people', '/admin/users'],
  run: async (input, { db, tenantId, audit }) => {
    const deleted = await deletePersonConfirmed(db, tenantId, input.personId, input.confirmName);
    await audit({
      action: 'person.deleted',
      target: deleted.personCode,
      details: { name: deleted.name, userAccount: deleted.userName, employments: deleted.employments },
    });
    return { personCode: deleted.personCode };
  },
});

export const removeEmploymentAction = defineStaffAction({
  area: 'administration',
  input: removeEmploymentSchema,
  revalidate: personPage,
  run: async (input, { db, tenantId, audit }) => {
    const { person, employment } = await removeEmployment(db, tenantId, input.personId, input.employmentRecordId);
    await audit({
      action: 'employment.removed',
      target: person.personCode,
      details: { employmentId: employment.employmentId },
    });
    return { employmentId: employment.employmentId };
  },
});

export const makePrimaryEmploymentAction = defineStaffAction({
  area: 'administration',
  input: removeEmploymentSchema,
  revalidate: personPage,
  run: async (input, { db, tenantId, audit }) => {
    const made = await makePrimaryEmployment(db, tenantId, input.personId, input.employmentRecordId);
    const details = { employmentId: made.employment.employmentId, becameLeaver: made.becameLeaver };
    await audit({ action: 'employment.made_primary', target: made.person.personCode, details });
    return { becameLeaver: made.becameLeaver };
  },
});

export const validateImportAction = defineStaffAction({
  area: 'administration',
  input: validateImportSchema,
  revalidate: (input) => [`/admin/people/import/${input.importId}`],
  run: async (input, { db, tenantId, audit }) => {
    const record = await validateImport(db, tenantId, input.importId, mappingFromForm(input));
    const details = { rows: record.rowCount, errors: record.errorCount };
    await audit({ action: 'people_import.validated', target: record.fileName, details });
    return { status: record.status, rows: record.rowCount, errors: record.errorCount };
  },
});

/** Queues the import for a background worker (lib/hr/jobs/import-people.ts); the page then shows its progress. */
export const startImportAction = defineStaffAction({
  area: 'administration',
  input: importIdSchema,
  revalidate: (input) => [`/admin/people/import/${input.importId}`],
  run: async (input, { db, tenantId, staff, audit }) => {
    const record = await startImport(db, tenantId, input.importId, staff.id);
    await audit({ action: 'people_import.started', target: record.fileName, details: { rows: record.rowCount } });
    return { id: record.id, rows: record.rowCount };
  },
});
