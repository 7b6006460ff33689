'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/actions';
import { deleteIdentityProviderCommand, saveIdentityProviderCommand } from '@/lib/hr/commands';

export const saveIdentityProviderAction = staffAction(saveIdentityProviderCommand.spec, async (input, ctx) => {
  const result = await saveIdentityProviderCommand.run(input, ctx);
  revalidatePath('/admin/identity-providers');
  return result;
});

export const deleteIdentityProviderAction = staffAction(deleteIdentityProviderCommand.spec, async (input, ctx) => {
  const result = await deleteIdentityProviderCommand.run(input, ctx);
  revalidatePath('/admin/identity-providers');
  return result;
});
