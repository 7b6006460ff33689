import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, installation, roles, staffUsers, tenants } from '@/db/schema';
import { FormError } from '@/lib/errors';
import { createTenant, createStaff, uniqueEmail } from '@/tests/support/factories';
import {
  changeMemberRole,
  changeOwnPassword,
  createMember,
  createOwnerAccount,
  isFirstRun,
  loadActiveStaff,
  setMemberDisabled,
  signInWithPassword,
} from './accounts';
import { BASE_ROLES } from '@/lib/tenants/bootstrap';
import { changePasswordSchema, ownerSetupSchema } from './schemas';
import { authOptions } from './options';
import { statSync } from 'node:fs';
import { ensureSetupCode, readSetupCode, removeSetupCode, setupCodeMatches, setupCodePath } from './setup-code';

describe('first run: Create the owner account', () => {
  it('needs the setup code from the data directory: without it (or with a wrong one) nothing is created', async () => {
    const db = getDb();
    await db.delete(installation);
    removeSetupCode();
    const input = {
      companyName: 'Acme',
      name: 'Olive Owner',
      email: uniqueEmail('owner-x'),
      password: 'a-long-password',
    };
    const noFile = await createOwnerAccount(db, { ...input, setupCode: 'ABCD-EFGH-JKLM' }).catch((e) => e);
    expect(noFile).toBeInstanceOf(FormError);
    const code = ensureSetupCode();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(statSync(setupCodePath()).mode & 0o777).toBe(0o600);
    expect(ensureSetupCode()).toBe(code);
    const wrong = await createOwnerAccount(db, { ...input, setupCode: 'ABCD-EFGH-JKLM' }).catch((e) => e);
    expect(wrong).toBeInstanceOf(FormError);
    expect(wrong.fieldErrors.setupCode).toMatch(/not the setup code/);
    expect(await isFirstRun(db)).toBe(true);
    expect(
      await db
        .select()
        .from(staffUsers)
        .where(eq(sql`lower(${staffUsers.email})`, input.email)),
    ).toHaveLength(0);
    expect(setupCodeMatches(code.toLowerCase().replace(/-/g, ' '))).toBe(true);
  });

  it('works exactly once, even when two submissions race; the code is removed afterwards', async () => {
    const db = getDb();
    await db.delete(installation);
    const setupCode = ensureSetupCode();
    expect(await isFirstRun(db)).toBe(true);
    const emails = [uniqueEmail('owner-a'), uniqueEmail('owner-b')];
    const results = await Promise.allSettled(
      emails.map((email) =>
        createOwnerAccount(db, {
          setupCode,
          companyName: 'Acme',
          name: 'Olive Owner',
          email,
          password: 'a-long-password',
        }),
      ),
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
    const orphans = await db
      .select()
      .from(staffUsers)
      .where(eq(sql`lower(${staffUsers.email})`, refusedEmail));
    expect(orphans).toHaveLength(0);
    expect(readSetupCode()).toBeNull();
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
    const error = await createMember(getDb(), tenant.id, {
      name: 'Second',
      email: email.toUpperCase(),
      role: 'it_admin',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(FormError);
    expect(error.fieldErrors.email).toBe('An account with this email already exists.');
    const rows = await getDb()
      .select()
      .from(staffUsers)
      .where(eq(sql`lower(${staffUsers.email})`, email));
    expect(rows.map((r) => r.name)).toEqual(['First']);
  });

  it('returns a one-time password that signs in once set, and marks the account to change it', async () => {
    const tenant = await createTenant();
    const { member, oneTimePassword } = await createMember(getDb(), tenant.id, {
      name: 'Ivy',
      email: uniqueEmail('ivy'),
      role: 'it_admin',
    });
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(16);
    const [row] = await getDb().select().from(staffUsers).where(eq(staffUsers.id, member.id));
    expect(row.passwordHash).not.toContain(oneTimePassword);
    expect(row.mustChangePassword).toBe(true);
    expect((await signInWithPassword(getDb(), member.email, oneTimePassword, null)).ok).toBe(true);
  });

  it('keeps at least one active owner: the last owner cannot be demoted or disabled', async () => {
    const tenant = await createTenant();
    const owner = await createStaff(tenant.id, 'owner');
    await expect(changeMemberRole(getDb(), tenant.id, owner.id, 'it_admin')).rejects.toThrow(
      /at least one active owner/,
    );
    await expect(setMemberDisabled(getDb(), tenant.id, owner.id, true)).rejects.toThrow(/at least one active owner/);
    const second = await createStaff(tenant.id, 'owner');
    await changeMemberRole(getDb(), tenant.id, owner.id, 'it_admin');
    expect((await loadActiveStaff(getDb(), owner.id))?.role).toBe('it_admin');
    expect((await loadActiveStaff(getDb(), second.id))?.role).toBe('owner');
  });

  it('two owners demoting each other at once cannot leave the company without one (row lock)', async () => {
    const tenant = await createTenant();
    const first = await createStaff(tenant.id, 'owner');
    const second = await createStaff(tenant.id, 'owner');
    let holdFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (holdFirst = resolve));
    let firstChanged!: () => void;
    const firstWritten = new Promise<void>((resolve) => (firstChanged = resolve));
    // The first demotion is written but not committed while the second one runs.
    const firstDemotion = getDb().transaction(async (tx) => {
      await changeMemberRole(tx, tenant.id, first.id, 'it_admin');
      firstChanged();
      await firstHeld;
    });
    await firstWritten;
    const secondDemotion = getDb().transaction((tx) => setMemberDisabled(tx, tenant.id, second.id, true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    holdFirst();
    const [a, b] = await Promise.allSettled([firstDemotion, secondDemotion]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect((b as PromiseRejectedResult).reason.message).toMatch(/at least one active owner/);
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

describe('passwords', () => {
  it('the password form refuses what bcrypt would silently cut short (over 72 bytes)', () => {
    const base = { currentPassword: 'x', confirmPassword: '' };
    const check = (newPassword: string) =>
      changePasswordSchema.safeParse({ ...base, newPassword, confirmPassword: newPassword });
    expect(check('a'.repeat(72)).success).toBe(true);
    const tooLong = check('a'.repeat(73));
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0].message).toMatch(/at most 72 bytes/);
    // 36 × "é" is 36 characters but 72 bytes; one more is too many.
    expect(check('é'.repeat(36)).success).toBe(true);
    expect(check('é'.repeat(37)).success).toBe(false);
    expect(
      ownerSetupSchema.safeParse({
        setupCode: 'x',
        companyName: 'A',
        name: 'B',
        email: 'b@example.test',
        password: '🔑'.repeat(19),
      }).success,
    ).toBe(false);
  });

  it('a password change ends every other session of the account (session version), and the new password signs in', async () => {
    const tenant = await createTenant();
    const staff = await createStaff(tenant.id, 'hr_professional', { password: 'the old password' });
    const before = staff.sessionVersion;
    expect(await loadActiveStaff(getDb(), staff.id, before)).not.toBeNull();
    await changeOwnPassword(getDb(), staff.id, 'the old password', 'the new password');
    expect(await loadActiveStaff(getDb(), staff.id, before)).toBeNull();
    const signedIn = await signInWithPassword(getDb(), staff.email, 'the new password', null);
    expect(signedIn.ok && signedIn.user.sessionVersion).toBe(before + 1);
    expect(await loadActiveStaff(getDb(), staff.id, before + 1)).not.toBeNull();
    expect((await signInWithPassword(getDb(), staff.email, 'the old password', null)).ok).toBe(false);
  });

  it('the session callbacks carry the session version from sign-in to every request', async () => {
    const jwt = await authOptions.callbacks!.jwt!({
      token: {},
      user: { id: 's1', role: 'owner', tenantId: 't1', sessionVersion: 3 } as never,
    } as never);
    expect(jwt.sessionVersion).toBe(3);
    const session = await authOptions.callbacks!.session!({ session: { expires: '' }, token: jwt } as never);
    expect(session).toMatchObject({ staffId: 's1', sessionVersion: 3 });
  });
});
