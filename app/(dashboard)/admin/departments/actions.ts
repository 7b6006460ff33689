'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/actions';
import { deleteDepartmentCommand, saveDepartmentCommand } from '@/lib/hr/commands';

export const saveDepartmentAction = staffAction(saveDepartmentCommand.spec, async (input, ctx) => {
  const result = await saveDepartmentCommand.run(input, ctx);
  revalidatePath('/admin/departments');
  return result;
});

export const deleteDepartmentAction = staffAction(deleteDepartmentCommand.spec, async (input, ctx) => {
  const result = await deleteDepartmentCommand.run(input, ctx);
  revalidatePath('/admin/departments');
  return result;
});
