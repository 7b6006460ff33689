'use server';
import { staffAction } from '@/lib/actions';
import { changeOwnPassword } from '@/lib/auth/accounts';
import { changePasswordSchema } from '@/lib/auth/schemas';

export const changePasswordAction = staffAction({ area: 'signedIn', schema: changePasswordSchema, oneTimePassword: true }, async (input, ctx) => {
  await changeOwnPassword(ctx.db, ctx.staff.id, input.currentPassword, input.newPassword);
  await ctx.audit({ action: 'member.password_changed', target: ctx.staff.email });
});
