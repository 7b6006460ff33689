'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/actions';
import {
  addEmploymentCommand,
  createPersonCommand,
  makePrimaryEmploymentCommand,
  removeEmploymentCommand,
  startImportCommand,
  updatePersonCommand,
  validateImportCommand,
} from '@/lib/hr/commands';

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

export const validateImportAction = staffAction(validateImportCommand.spec, async (input, ctx) => {
  const result = await validateImportCommand.run(input, ctx);
  revalidatePath(`/admin/people/import/${input.importId}`);
  return result;
});

/** Queues the import for a background worker (the page then shows its progress). */
export const startImportAction = staffAction(startImportCommand.spec, async (input, ctx) => {
  const result = await startImportCommand.run(input, ctx);
  revalidatePath(`/admin/people/import/${input.importId}`);
  return result;
});
