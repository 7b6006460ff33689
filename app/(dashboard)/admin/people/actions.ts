'use server';
import { revalidatePath } from 'next/cache';
import { after } from 'next/server';
import { getBatchDb } from '@/db/client';
import { staffAction } from '@/lib/actions';
import {
  addEmploymentCommand,
  createPersonCommand,
  makePrimaryEmploymentCommand,
  removeEmploymentCommand,
  startImportCommand,
  updatePersonCommand,
  uploadImportCommand,
  validateImportCommand,
} from '@/lib/hr/commands';
import { runImport } from '@/lib/hr/csv-import';

export const createPersonAction = staffAction(createPersonCommand.spec, async (input, ctx) => {
  const result = await createPersonCommand.run(input, ctx);
  revalidatePath('/admin/people');
  return result;
});

export const updatePersonAction = staffAction(updatePersonCommand.spec, async (input, ctx) => {
  const result = await updatePersonCommand.run(input, ctx);
  revalidatePath('/admin/people');
  return result;
});

export const addEmploymentAction = staffAction(addEmploymentCommand.spec, async (input, ctx) => {
  const result = await addEmploymentCommand.run(input, ctx);
  revalidatePath(`/admin/people/${input.personId}`);
  return result;
});

export const removeEmploymentAction = staffAction(removeEmploymentCommand.spec, async (input, ctx) => {
  const result = await removeEmploymentCommand.run(input, ctx);
  revalidatePath(`/admin/people/${input.personId}`);
  return result;
});

export const makePrimaryEmploymentAction = staffAction(makePrimaryEmploymentCommand.spec, async (input, ctx) => {
  const result = await makePrimaryEmploymentCommand.run(input, ctx);
  revalidatePath(`/admin/people/${input.personId}`);
  return result;
});

export const uploadImportAction = staffAction(uploadImportCommand.spec, uploadImportCommand.run);

export const validateImportAction = staffAction(validateImportCommand.spec, async (input, ctx) => {
  const result = await validateImportCommand.run(input, ctx);
  revalidatePath(`/admin/people/import/${input.importId}`);
  return result;
});

/** Starts the import and runs it after the response, so the page can show its progress. */
export const startImportAction = staffAction(startImportCommand.spec, async (input, ctx) => {
  const result = await startImportCommand.run(input, ctx);
  const actor = { id: ctx.staff.id, email: ctx.staff.email };
  const tenantId = ctx.tenantId;
  after(() => runImport(getBatchDb(), tenantId, result.id, actor).then(() => revalidatePath('/admin/people')));
  return result;
});
