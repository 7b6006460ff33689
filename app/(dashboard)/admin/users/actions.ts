'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/actions';
import { addSamlMappingCommand, removeSamlMappingCommand, setAccountActiveCommand } from '@/lib/hr/commands';

export const setAccountActiveAction = staffAction(setAccountActiveCommand.spec, async (input, ctx) => {
  const result = await setAccountActiveCommand.run(input, ctx);
  revalidatePath('/admin/users');
  revalidatePath(`/admin/users/${input.accountId}`);
  return result;
});

export const addSamlMappingAction = staffAction(addSamlMappingCommand.spec, async (input, ctx) => {
  const result = await addSamlMappingCommand.run(input, ctx);
  revalidatePath(`/admin/users/${input.accountId}`);
  return result;
});

export const removeSamlMappingAction = staffAction(removeSamlMappingCommand.spec, async (input, ctx) => {
  const result = await removeSamlMappingCommand.run(input, ctx);
  revalidatePath(`/admin/users/${input.accountId}`);
  return result;
});
