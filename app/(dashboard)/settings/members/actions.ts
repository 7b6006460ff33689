'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/actions';
import { changeMemberRole, createMember, setMemberDisabled } from '@/lib/auth/accounts';
import { changeRoleSchema, newMemberSchema, setDisabledSchema } from '@/lib/auth/schemas';

export const inviteMemberAction = staffAction({ area: 'members', schema: newMemberSchema }, async (input, ctx) => {
  const { member, oneTimePassword } = await createMember(ctx.db, ctx.tenantId, input);
  await ctx.audit({ action: 'member.created', target: member.email, details: { role: member.role } });
  revalidatePath('/settings/members');
  return { email: member.email, oneTimePassword };
});

export const changeRoleAction = staffAction({ area: 'members', schema: changeRoleSchema }, async (input, ctx) => {
  const change = await changeMemberRole(ctx.db, ctx.tenantId, input.memberId, input.role);
  await ctx.audit({ action: 'member.role_changed', target: change.email, details: { from: change.from, to: change.to } });
  revalidatePath('/settings/members');
  return change;
});

export const setDisabledAction = staffAction({ area: 'members', schema: setDisabledSchema }, async (input, ctx) => {
  if (input.memberId === ctx.staff.id && input.disabled) {
    const { FormError } = await import('@/lib/errors');
    throw new FormError('You cannot disable your own account.');
  }
  const member = await setMemberDisabled(ctx.db, ctx.tenantId, input.memberId, input.disabled);
  await ctx.audit({ action: input.disabled ? 'member.disabled' : 'member.enabled', target: member.email });
  revalidatePath('/settings/members');
  return member;
});
