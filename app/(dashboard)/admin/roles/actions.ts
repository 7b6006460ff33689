'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/actions';
import { deleteRoleCommand, saveRoleCommand } from '@/lib/hr/commands';

export const saveRoleAction = staffAction(saveRoleCommand.spec, async (input, ctx) => {
  const result = await saveRoleCommand.run(input, ctx);
  revalidatePath('/admin/roles');
  return result;
});

export const deleteRoleAction = staffAction(deleteRoleCommand.spec, async (input, ctx) => {
  const result = await deleteRoleCommand.run(input, ctx);
  revalidatePath('/admin/roles');
  return result;
});
