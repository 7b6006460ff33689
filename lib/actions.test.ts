import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, staffUsers } from '@/db/schema';
import { runStaffAction } from './actions';
import { createMember } from './auth/accounts';
import { newMemberSchema } from './auth/schemas';
import { FormError } from './errors';
import { createStaff, createTenant, uniqueEmail } from '@/tests/support/factories';

const inviteSpec = { area: 'members' as const, schema: newMemberSchema };
const invite = async (input: z.infer<typeof newMemberSchema>, ctx: Parameters<Parameters<typeof runStaffAction>[2]>[1]) => {
  const { member } = await createMember(ctx.db, ctx.tenantId, input);
  await ctx.audit({ action: 'member.created', target: member.email });
  return member.email;
};

async function membersNamed(tenantId: string, email: string) {
  return getDb().select().from(staffUsers).where(and(eq(staffUsers.tenantId, tenantId), eq(staffUsers.email, email)));
}

describe('server action wrapper (runStaffAction)', () => {
  it('role check on the server: an it_admin and an hr_professional are refused a members action; nothing is written', async () => {
    const tenant = await createTenant();
    for (const role of ['it_admin', 'hr_professional'] as const) {
      const staff = await createStaff(tenant.id, role);
      const email = uniqueEmail('refused');
      const result = await runStaffAction(staff, inviteSpec, invite, { name: 'X', email, role: 'owner' });
      expect(result).toEqual({ ok: false, formError: 'You do not have permission to do this.' });
      expect(await membersNamed(tenant.id, email)).toHaveLength(0);
    }
  });

  it('refuses a missing session', async () => {
    const result = await runStaffAction(null, inviteSpec, invite, { name: 'X', email: uniqueEmail(), role: 'owner' });
    expect(result.ok).toBe(false);
    expect(result.formError).toMatch(/Sign in again/);
  });

  it('maps zod errors to field messages for empty fields and writes nothing', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    const form = new FormData();
    form.set('name', '');
    form.set('email', 'not-an-email');
    form.set('role', 'emperor');
    const result = await runStaffAction(owner, inviteSpec, invite, form);
    expect(result.ok).toBe(false);
    expect(result.fieldErrors).toEqual({ name: 'Enter a name.', email: 'Enter a valid email address.', role: 'Choose a role.' });
    expect(result.values).toMatchObject({ name: '', email: 'not-an-email' });
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id));
    expect(audits).toHaveLength(0);
  });

  it('writes the audit entry (who, what, when, tenant) in the same transaction as the change', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    const email = uniqueEmail('audited');
    const result = await runStaffAction(owner, inviteSpec, invite, { name: 'Audited', email, role: 'it_admin' });
    expect(result).toEqual({ ok: true, data: email });
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id));
    expect(entry).toMatchObject({ actorId: owner.id, actorEmail: owner.email, action: 'member.created', target: email });
    expect(entry.createdAt).toBeInstanceOf(Date);
  });

  it('rolls back the change and its audit entry when the handler fails after writing', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    const email = uniqueEmail('rollback');
    const result = await runStaffAction(owner, inviteSpec, async (input, ctx) => {
      await invite(input, ctx);
      throw new FormError('Second step failed.', { name: 'Pick another name.' });
    }, { name: 'Rolled back', email, role: 'it_admin' });
    expect(result).toMatchObject({ ok: false, formError: 'Second step failed.', fieldErrors: { name: 'Pick another name.' } });
    expect(await membersNamed(tenant.id, email)).toHaveLength(0);
    expect(await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id))).toHaveLength(0);
  });

  it('never leaks an unexpected error: a generic message and nothing saved', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    const email = uniqueEmail('boom');
    const result = await runStaffAction(owner, inviteSpec, async (input, ctx) => {
      await invite(input, ctx);
      throw new Error('database exploded');
    }, { name: 'Boom', email, role: 'it_admin' });
    expect(result.ok).toBe(false);
    expect(result.formError).toMatch(/^Something went wrong\. Nothing was saved\. \(Reference [0-9a-f]{8}\)$/);
    expect(await membersNamed(tenant.id, email)).toHaveLength(0);
  });
});

describe('one-time passwords', () => {
  it('nothing but the password change runs until the member has chosen their own password', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    const withOneTimePassword = { ...owner, mustChangePassword: true };
    const email = uniqueEmail('otp');
    const refused = await runStaffAction(withOneTimePassword, inviteSpec, invite, { name: 'Blocked', email, role: 'it_admin' });
    expect(refused).toEqual({ ok: false, formError: 'Choose your own password first.' });
    expect(await membersNamed(tenant.id, email)).toHaveLength(0);
    const allowed = await runStaffAction(withOneTimePassword, { ...inviteSpec, oneTimePassword: true }, invite, { name: 'Allowed', email, role: 'it_admin' });
    expect(allowed.ok).toBe(true);
  });
});
