'use server';
import { defineStaffAction } from '@/lib/actions';
import { changeMemberRole, createMember, setMemberDisabled } from '@/lib/auth/accounts';
import { changeRoleSchema, newMemberSchema, setDisabledSchema } from '@/lib/auth/schemas';
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
