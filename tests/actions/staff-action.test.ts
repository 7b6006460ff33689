import { describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, staffUsers } from '@/db/schema';
import { defineStaffAction } from '@/lib/actions';
import { createMember } from '@/lib/auth/accounts';
import { newMemberSchema } from '@/lib/auth/schemas';
import { FormError } from '@/lib/errors';
import { actAs, revalidated } from '@/tests/support/action-session';
import { createStaff, createTenant, uniqueEmail } from '@/tests/support/factories';
import { inviteMemberAction } from '@/app/(dashboard)/settings/members/actions';

vi.mock('@/lib/auth/session', () => import('@/tests/support/action-session'));
vi.mock('next/cache', () => import('@/tests/support/action-session'));

async function membersNamed(tenantId: string, email: string) {
  return getDb()
    .select()
    .from(staffUsers)
    .where(and(eq(staffUsers.tenantId, tenantId), eq(staffUsers.email, email)));
}

async function auditOf(tenantId: string) {
  return getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenantId));
}

/** The invite action with a failure after its writes: proves the wrapper's transaction, not the invite. */
function inviteThenFail(failure: Error) {
  return defineStaffAction({
    area: 'members',
    input: newMemberSchema,
    revalidate: '/settings/members',
    run: async (input, ctx) => {
      await createMember(ctx.db, ctx.tenantId, input);
      await ctx.audit({ action: 'member.created', target: input.email });
      throw failure;
    },
  });
}

describe('server action wrapper (defineStaffAction)', () => {
  it('role check on the server: an it_admin and an hr_professional are refused the invite action; nothing is written', async () => {
    const tenant = await createTenant();
    for (const role of ['it_admin', 'hr_professional'] as const) {
      const staff = await createStaff(tenant.id, role);
      const email = uniqueEmail('refused');
      const result = await actAs(staff, inviteMemberAction, { name: 'X', email, role: 'owner' });
      expect(result).toEqual({ ok: false, formError: 'You do not have permission to do this.' });
      expect(await membersNamed(tenant.id, email)).toHaveLength(0);
    }
    expect(await auditOf(tenant.id)).toHaveLength(0);
  });

  it('refuses a missing session', async () => {
    const result = await actAs(null, inviteMemberAction, { name: 'X', email: uniqueEmail(), role: 'owner' });
    expect(result).toEqual({ ok: false, formError: 'Your session has ended. Sign in again.' });
  });

  it('maps zod errors to field messages for empty fields, keeps the typed values and writes nothing', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    const form = new FormData();
    form.set('name', '');
    form.set('email', 'not-an-email');
    form.set('role', 'emperor');
    const result = await actAs(owner, inviteMemberAction, form);
    expect(result.ok).toBe(false);
    expect(result.fieldErrors).toEqual({
      name: 'Enter a name.',
      email: 'Enter a valid email address.',
      role: 'Choose a role.',
    });
    expect(result.values).toMatchObject({ name: '', email: 'not-an-email' });
    expect(await auditOf(tenant.id)).toHaveLength(0);
  });

  it('writes the audit entry (who, what, when, tenant) with the change and revalidates the page after success', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    const email = uniqueEmail('audited');
    revalidated.length = 0;
    const result = await actAs(owner, inviteMemberAction, { name: 'Audited', email, role: 'it_admin' });
    expect(result).toMatchObject({ ok: true, data: { email } });
    const [entry] = await auditOf(tenant.id);
    expect(entry).toMatchObject({
      actorId: owner.id,
      actorEmail: owner.email,
      action: 'member.created',
      target: email,
    });
    expect(entry.createdAt).toBeInstanceOf(Date);
    expect(revalidated).toEqual(['/settings/members']);
  });

  it('rolls back the change and its audit entry when the run fails after writing; nothing is revalidated', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    const email = uniqueEmail('rollback');
    revalidated.length = 0;
    const action = inviteThenFail(new FormError('Second step failed.', { name: 'Pick another name.' }));
    const result = await actAs(owner, action, { name: 'Rolled back', email, role: 'it_admin' });
    expect(result).toMatchObject({
      ok: false,
      formError: 'Second step failed.',
      fieldErrors: { name: 'Pick another name.' },
    });
    expect(await membersNamed(tenant.id, email)).toHaveLength(0);
    expect(await auditOf(tenant.id)).toHaveLength(0);
    expect(revalidated).toEqual([]);
  });

  it('never leaks an unexpected error: a generic message and nothing saved', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    const email = uniqueEmail('boom');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await actAs(owner, inviteThenFail(new Error('database exploded')), {
      name: 'Boom',
      email,
      role: 'it_admin',
    });
    errors.mockRestore();
    expect(result).toEqual({
      ok: false,
      formError: expect.stringMatching(/^Something went wrong. Nothing was saved. \(Reference [0-9a-f]{8}\)$/),
    });
    expect(await membersNamed(tenant.id, email)).toHaveLength(0);
  });
});
