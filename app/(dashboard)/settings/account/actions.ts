'use server';
import { defineStaffAction } from '@/lib/actions';
import { changeOwnPassword } from '@/lib/auth/accounts';
import { changePasswordSchema } from '@/lib/auth/schemas';

export const changePasswordAction = defineStaffAction({
  area: 'signedIn',
  oneTimePassword: true,
  input: changePasswordSchema,
  run: async (input, { db, staff, audit }) => {
    await changeOwnPassword(db, staff.id, input.currentPassword, input.newPassword);
    await audit({ action: 'member.password_changed', target: staff.email });
  },
});
