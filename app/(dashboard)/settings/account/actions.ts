'use server';
import { defineStaffAction } from '@/lib/actions';
import { changeOwnName, changeOwnPassword } from '@/lib/auth/accounts';
import { changeNameSchema, changePasswordSchema } from '@/lib/auth/schemas';

export const changePasswordAction = defineStaffAction({
  area: 'signedIn',
  oneTimePassword: true,
  input: changePasswordSchema,
  run: async (input, { db, staff, audit }) => {
    await changeOwnPassword(db, staff.id, input.currentPassword, input.newPassword);
    await audit({ action: 'member.password_changed', target: staff.email });
  },
});

export const changeNameAction = defineStaffAction({
  area: 'signedIn',
  input: changeNameSchema,
  revalidate: () => ['/settings/account', '/settings/members'],
  run: async (input, { db, staff, audit }) => {
    if (input.name === staff.name) return;
    await changeOwnName(db, staff.id, input.name);
    await audit({ action: 'member.name_changed', target: staff.email, details: { from: staff.name, to: input.name } });
  },
});
