import { describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, staffUsers } from '@/db/schema';
import { deleteMember, loadActiveStaff, signInWithPassword } from '@/lib/auth/accounts';
import { actAs } from '@/tests/support/action-session';
import { createStaff, createTenant } from '@/tests/support/factories';
import { deleteMemberAction, resetPasswordAction } from '@/app/(dashboard)/settings/members/actions';

vi.mock('@/lib/auth/session', () => import('@/tests/support/action-session'));
vi.mock('next/cache', () => import('@/tests/support/action-session'));

async function auditOf(tenantId: string) {
  const rows = await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenantId)).orderBy(auditLog.id);
  return rows.map((r) => [r.action, r.target]);
}

describe('members: reset password and delete (owner only)', () => {
  it('an owner resets a member password: a one-time password that signs in once and must be changed', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    const hr = await createStaff(tenant.id, 'hr_professional', { password: 'the old password 1' });

    expect((await actAs(hr, resetPasswordAction, { memberId: owner.id })).formError).toBe(
      'You do not have permission to do this.',
    );
    expect((await actAs(owner, resetPasswordAction, { memberId: 'nope' })).fieldErrors).toEqual({
      memberId: 'Unknown member.',
    });
    expect((await actAs(owner, resetPasswordAction, { memberId: owner.id })).formError).toMatch(/your own password/);

    const reset = await actAs(owner, resetPasswordAction, { memberId: hr.id });
    expect(reset.ok).toBe(true);
    const { oneTimePassword, email } = reset.data as { oneTimePassword: string; email: string };
    expect(email).toBe(hr.email);
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);

    expect((await signInWithPassword(getDb(), hr.email, 'the old password 1', null)).ok).toBe(false);
    const signedIn = await signInWithPassword(getDb(), hr.email, oneTimePassword, null);
    expect(signedIn.ok).toBe(true);
    // Old sessions ended (the version moved on) and the password must be changed first.
    expect(await loadActiveStaff(getDb(), hr.id, hr.sessionVersion)).toBeNull();
    const [row] = await getDb().select().from(staffUsers).where(eq(staffUsers.id, hr.id));
    expect(row.mustChangePassword).toBe(true);
    // The audit entry never carries the password.
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, 'member.password_reset')));
    expect(entry.target).toBe(hr.email);
    expect(JSON.stringify(entry)).not.toContain(oneTimePassword);
  });

  it('an owner deletes a member, but never themselves nor the last owner; other tenants are out of reach', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    const it = await createStaff(tenant.id, 'it_admin');
    const other = await createTenant();
    const stranger = await createStaff(other.id, 'hr_professional');

    expect((await actAs(it, deleteMemberAction, { memberId: owner.id })).formError).toBe(
      'You do not have permission to do this.',
    );
    expect((await actAs(owner, deleteMemberAction, { memberId: owner.id })).formError).toBe(
      'You cannot delete your own account.',
    );
    expect((await actAs(owner, deleteMemberAction, { memberId: stranger.id })).formError).toBe(
      'No such member in this company.',
    );

    const deleted = await actAs(owner, deleteMemberAction, { memberId: it.id });
    expect(deleted).toMatchObject({ ok: true, data: { email: it.email } });
    expect(await getDb().select().from(staffUsers).where(eq(staffUsers.id, it.id))).toHaveLength(0);
    expect(await getDb().select().from(staffUsers).where(eq(staffUsers.id, stranger.id))).toHaveLength(1);

    // Two owners: one may delete the other, and then the last one remains.
    const second = await createStaff(tenant.id, 'owner');
    expect((await actAs(second, deleteMemberAction, { memberId: owner.id })).ok).toBe(true);
    const third = await createStaff(tenant.id, 'owner');
    await getDb().update(staffUsers).set({ disabled: true }).where(eq(staffUsers.id, third.id));
    // `third` is disabled: `second` is the last active owner, so `third` (disabled) may go but nobody can take `second`.
    expect((await actAs(second, deleteMemberAction, { memberId: third.id })).ok).toBe(true);
    // The last active owner can never go, even when asked for by someone else (e.g. a concurrent request).
    await expect(
      getDb().transaction((tx) => deleteMember(tx, tenant.id, second.id, '00000000-0000-4000-8000-000000000000')),
    ).rejects.toThrow('The company must keep at least one active owner.');
    expect(await auditOf(tenant.id)).toEqual([
      ['member.deleted', it.email],
      ['member.deleted', owner.email],
      ['member.deleted', third.email],
    ]);
  });
});
