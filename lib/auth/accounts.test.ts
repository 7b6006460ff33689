import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, installation, roles, staffUsers, tenants } from '@/db/schema';
import { FormError } from '@/lib/errors';
import { createTenant, createStaff, uniqueEmail } from '@/tests/support/factories';
import {
  changeMemberRole,
  createMember,
  createOwnerAccount,
  isFirstRun,
  loadActiveStaff,
  setMemberDisabled,
  signInWithPassword,
} from './accounts';
import { BASE_ROLES } from '@/lib/tenants/bootstrap';

describe('first run: Create the owner account', () => {
  it('works exactly once, even when two submissions race', async () => {
    const db = getDb();
    await db.delete(installation);
    expect(await isFirstRun(db)).toBe(true);
    const emails = [uniqueEmail('owner-a'), uniqueEmail('owner-b')];
    const results = await Promise.allSettled(
      emails.map((email) => createOwnerAccount(db, { companyName: 'Acme', name: 'Olive Owner', email, password: 'a-long-password' })),
    );
    const created = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(FormError);
    expect(await isFirstRun(db)).toBe(false);

    const owner = (created[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof createOwnerAccount>>>).value;
    expect(owner.role).toBe('owner');
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, owner.tenantId));
    expect(tenant.name).toBe('Acme');
    const tenantRoles = await db.select().from(roles).where(eq(roles.tenantId, owner.tenantId));
    expect(tenantRoles.map((r) => r.originalName).sort()).toEqual([...BASE_ROLES].sort());
    const refusedEmail = emails.find((e) => e !== owner.email)!;
    const orphans = await db.select().from(staffUsers).where(eq(sql`lower(${staffUsers.email})`, refusedEmail));
    expect(orphans).toHaveLength(0);
  });
});

describe('sign-in', () => {
  it('accepts the right password case-insensitively by email and refuses a wrong one with a clear message', async () => {
    const tenant = await createTenant();
    const staff = await createStaff(tenant.id, 'hr_professional', { password: 'the right password' });
    const ok = await signInWithPassword(getDb(), staff.email.toUpperCase(), 'the right password', '10.0.0.1');
    expect(ok).toMatchObject({ ok: true, user: { id: staff.id, role: 'hr_professional' } });
    const wrong = await signInWithPassword(getDb(), staff.email, 'not the password', '10.0.0.1');
    expect(wrong).toEqual({ ok: false, error: 'Wrong email or password.' });
  });

  it('slows down repeated failures per email: the right password is refused while blocked', async () => {
    const tenant = await createTenant();
    const staff = await createStaff(tenant.id, 'it_admin', { password: 'the right password' });
    const ip = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 5; i++) await signInWithPassword(getDb(), staff.email, 'wrong', ip);
    const blocked = await signInWithPassword(getDb(), staff.email, 'the right password', ip);
    expect(blocked.ok).toBe(false);
    expect(!blocked.ok && blocked.error).toMatch(/Too many failed attempts\. Try again in \d+ seconds\./);
  });

  it('slows down repeated failures per IP address across many emails', async () => {
    const tenant = await createTenant();
    const staff = await createStaff(tenant.id, 'it_admin', { password: 'the right password' });
    const ip = `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 20; i++) await signInWithPassword(getDb(), uniqueEmail('probe'), 'wrong', ip);
    const blocked = await signInWithPassword(getDb(), staff.email, 'the right password', ip);
    expect(!blocked.ok && blocked.error).toMatch(/Too many failed attempts/);
    const otherIp = await signInWithPassword(getDb(), staff.email, 'the right password', '10.3.0.1');
    expect(otherIp.ok).toBe(true);
  });

  it('refuses a disabled account, and a disabled account has no session', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    const staff = await createStaff(tenant.id, 'hr_professional', { password: 'the right password' });
    await setMemberDisabled(getDb(), tenant.id, staff.id, true);
    const result = await signInWithPassword(getDb(), staff.email, 'the right password', null);
    expect(result).toEqual({ ok: false, error: 'This account is disabled. Ask the owner to enable it.' });
    expect(await loadActiveStaff(getDb(), staff.id)).toBeNull();
    expect(await loadActiveStaff(getDb(), owner.id)).not.toBeNull();
  });
});

describe('members', () => {
  it('refuses a duplicate email (case-insensitive) with a field message and writes nothing', async () => {
    const tenant = await createTenant();
    const email = uniqueEmail('dup');
    await createMember(getDb(), tenant.id, { name: 'First', email, role: 'it_admin' });
    const error = await createMember(getDb(), tenant.id, { name: 'Second', email: email.toUpperCase(), role: 'it_admin' }).catch((e) => e);
    expect(error).toBeInstanceOf(FormError);
    expect(error.fieldErrors.email).toBe('An account with this email already exists.');
    const rows = await getDb().select().from(staffUsers).where(eq(sql`lower(${staffUsers.email})`, email));
    expect(rows.map((r) => r.name)).toEqual(['First']);
  });

  it('returns a one-time password that signs in once set, and marks the account to change it', async () => {
    const tenant = await createTenant();
    const { member, oneTimePassword } = await createMember(getDb(), tenant.id, { name: 'Ivy', email: uniqueEmail('ivy'), role: 'it_admin' });
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(16);
    const [row] = await getDb().select().from(staffUsers).where(eq(staffUsers.id, member.id));
    expect(row.passwordHash).not.toContain(oneTimePassword);
    expect(row.mustChangePassword).toBe(true);
    expect((await signInWithPassword(getDb(), member.email, oneTimePassword, null)).ok).toBe(true);
  });

  it('keeps at least one active owner: the last owner cannot be demoted or disabled', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    await expect(changeMemberRole(getDb(), tenant.id, owner.id, 'it_admin')).rejects.toThrow(/at least one active owner/);
    await expect(setMemberDisabled(getDb(), tenant.id, owner.id, true)).rejects.toThrow(/at least one active owner/);
    const second = await createStaff(tenant.id, 'owner');
    await changeMemberRole(getDb(), tenant.id, owner.id, 'it_admin');
    expect((await loadActiveStaff(getDb(), owner.id))?.role).toBe('it_admin');
    expect((await loadActiveStaff(getDb(), second.id))?.role).toBe('owner');
  });

  it('tenant isolation: an owner cannot change a member of another tenant', async () => {
    const tenantA = await createTenant();
    const tenantB = await createTenant();
    const memberB = await createStaff(tenantB.id, 'hr_professional');
    await expect(changeMemberRole(getDb(), tenantA.id, memberB.id, 'owner')).rejects.toThrow(/No such member/);
    expect((await loadActiveStaff(getDb(), memberB.id))?.role).toBe('hr_professional');
    const audits = await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenantA.id));
    expect(audits).toHaveLength(0);
  });
});
