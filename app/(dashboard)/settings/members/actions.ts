'use server';
import { defineStaffAction } from '@/lib/actions';
import {
  changeMemberRole,
  createMember,
  deleteMember,
  resetMemberPassword,
  setMemberDisabled,
} from '@/lib/auth/accounts';
import { changeRoleSchema, memberIdSchema, newMemberSchema, setDisabledSchema } from '@/lib/auth/schemas';
import { FormError } from '@/lib/errors';

const PAGE = '/settings/members';

export const inviteMemberAction = defineStaffAction({
  area: 'members',
  input: newMemberSchema,
  revalidate: PAGE,
  run: async (input, { db, tenantId, audit }) => {
    const { member, oneTimePassword } = await createMember(db, tenantId, input);
    await audit({ action: 'member.created', target: member.email, details: { role: member.role } });
    return { email: member.email, oneTimePassword };
  },
});

export const changeRoleAction = defineStaffAction({
  area: 'members',
  input: changeRoleSchema,
  revalidate: PAGE,
  run: async (input, { db, tenantId, audit }) => {
    const change = await changeMemberRole(db, tenantId, input.memberId, input.role);
    await audit({ action: 'member.role_changed', target: change.email, details: { from: change.from, to: change.to } });
    return change;
  },
});

export const setDisabledAction = defineStaffAction({
  area: 'members',
  input: setDisabledSchema,
  revalidate: PAGE,
  run: async (input, { db, tenantId, staff, audit }) => {
    if (input.memberId === staff.id && input.disabled) throw new FormError('You cannot disable your own account.');
    const member = await setMemberDisabled(db, tenantId, input.memberId, input.disabled);
    await audit({ action: input.disabled ? 'member.disabled' : 'member.enabled', target: member.email });
    return member;
  },
});

/** A new one-time password for another member, shown once; their sessions end and they choose a password next. */
export const resetPasswordAction = defineStaffAction({
  area: 'members',
  input: memberIdSchema,
  revalidate: PAGE,
  run: async (input, { db, tenantId, staff, audit }) => {
    const reset = await resetMemberPassword(db, tenantId, input.memberId, staff.id);
    await audit({ action: 'member.password_reset', target: reset.email });
    return { email: reset.email, oneTimePassword: reset.oneTimePassword };
  },
});

export const deleteMemberAction = defineStaffAction({
  area: 'members',
  input: memberIdSchema,
  revalidate: PAGE,
  run: async (input, { db, tenantId, staff, audit }) => {
    const deleted = await deleteMember(db, tenantId, input.memberId, staff.id);
    await audit({ action: 'member.deleted', target: deleted.email, details: { role: deleted.role } });
    return { email: deleted.email };
  },
});
