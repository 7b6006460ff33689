import { and, asc, eq, sql } from 'drizzle-orm';
import { installation, staffUsers, tenants } from '@/db/schema';
import type { Database, Executor } from '@/db/client';
import { hashPassword, verifyPassword } from '@/lib/crypto/password';
import { generateSecret } from '@/lib/crypto/tokens';
import { FormError, NotFoundError, uniqueViolation } from '@/lib/errors';
import { writeAudit } from '@/lib/audit';
import { createTenant } from '@/lib/tenants/bootstrap';
import type { StaffRole } from './roles';
import type { NewMemberInput, OwnerSetupInput } from './schemas';
import { attemptSucceeded, reserveAttempt, throttleKeys } from './throttle';
import { removeSetupCode, setupCodeMatches } from './setup-code';

export type StaffIdentity = {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: StaffRole;
  sessionVersion: number;
};

const EMAIL_TAKEN = 'An account with this email already exists.';

export async function isFirstRun(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: installation.id }).from(installation).limit(1);
  return !row;
}

const WRONG_SETUP_CODE =
  'This is not the setup code. It is printed in the server log when Roster starts, and kept in the file named there.';

/**
 * First run: creates the first tenant and its owner, for whoever has the setup code (lib/auth/setup-code.ts); without
 * it nothing is written. Works exactly once: the `installation` row (id = 1) is the lock, so two simultaneous
 * submissions cannot both succeed. The code is removed afterwards.
 */
export async function createOwnerAccount(db: Database, input: OwnerSetupInput): Promise<StaffIdentity> {
  if (!setupCodeMatches(input.setupCode)) throw new FormError(WRONG_SETUP_CODE, { setupCode: WRONG_SETUP_CODE });
  const passwordHash = await hashPassword(input.password);
  const owner = await db.transaction(async (tx) => {
    const claimed = await tx.insert(installation).values({ id: 1 }).onConflictDoNothing().returning();
    if (claimed.length === 0) throw new FormError('Roster is already set up. Sign in instead.');
    const tenant = await createTenant(tx, input.companyName);
    const [owner] = await tx
      .insert(staffUsers)
      .values({ tenantId: tenant.id, email: input.email, name: input.name, passwordHash, role: 'owner' })
      .returning();
    await writeAudit(
      tx,
      tenant.id,
      { id: owner.id, email: owner.email },
      { action: 'tenant.created', target: tenant.name },
    );
    return toIdentity(owner);
  });
  removeSetupCode();
  return owner;
}

function toIdentity(row: typeof staffUsers.$inferSelect): StaffIdentity {
  return {
    id: row.id,
    tenantId: row.tenantId,
    email: row.email,
    name: row.name,
    role: row.role,
    sessionVersion: row.sessionVersion,
  };
}

export type SignInResult = { ok: true; user: StaffIdentity } | { ok: false; error: string };

/** Checks credentials, slowing down repeated failures per email and per IP address. */
export async function signInWithPassword(
  db: Database,
  emailInput: string,
  password: string,
  ip: string | null,
): Promise<SignInResult> {
  const keys = throttleKeys(emailInput, ip);
  const wait = await reserveAttempt(db, keys);
  if (wait > 0) return { ok: false, error: `Too many failed attempts. Try again in ${wait} seconds.` };

  const [user] = await db
    .select()
    .from(staffUsers)
    .where(eq(sql`lower(${staffUsers.email})`, emailInput.trim().toLowerCase()))
    .limit(1);
  const passwordOk = await verifyPassword(password, user?.passwordHash);
  if (!user || !passwordOk) return { ok: false, error: 'Wrong email or password.' };
  await attemptSucceeded(db, keys);
  if (user.disabled) return { ok: false, error: 'This account is disabled. Ask the owner to enable it.' };
  return { ok: true, user: toIdentity(user) };
}

/**
 * The current state of a signed-in staff member, read on every request so role changes apply at once. A session
 * signed in before the last password change (an older session version) has ended, and so has a disabled account's.
 */
export async function loadActiveStaff(db: Executor, staffId: string, sessionVersion?: number) {
  const [row] = await db
    .select({ user: staffUsers, tenantName: tenants.name })
    .from(staffUsers)
    .innerJoin(tenants, eq(tenants.id, staffUsers.tenantId))
    .where(eq(staffUsers.id, staffId))
    .limit(1);
  if (!row || row.user.disabled) return null;
  if (sessionVersion !== undefined && row.user.sessionVersion !== sessionVersion) return null;
  return { ...toIdentity(row.user), tenantName: row.tenantName, mustChangePassword: row.user.mustChangePassword };
}

export async function listMembers(db: Executor, tenantId: string) {
  return db
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      disabled: staffUsers.disabled,
      createdAt: staffUsers.createdAt,
    })
    .from(staffUsers)
    .where(eq(staffUsers.tenantId, tenantId))
    .orderBy(asc(staffUsers.createdAt));
}

/** Invites a staff member: creates the account with a one-time password that is returned once. */
export async function createMember(db: Executor, tenantId: string, input: NewMemberInput) {
  const oneTimePassword = generateSecret('', 12);
  const passwordHash = await hashPassword(oneTimePassword);
  try {
    const [member] = await db
      .insert(staffUsers)
      .values({ tenantId, ...input, passwordHash, mustChangePassword: true })
      .returning();
    return { member: toIdentity(member), oneTimePassword };
  } catch (error) {
    if (uniqueViolation(error)) throw new FormError(EMAIL_TAKEN, { email: EMAIL_TAKEN });
    throw error;
  }
}

async function findMember(db: Executor, tenantId: string, memberId: string) {
  const [member] = await db
    .select()
    .from(staffUsers)
    .where(and(eq(staffUsers.id, memberId), eq(staffUsers.tenantId, tenantId)))
    .limit(1);
  if (!member) throw new NotFoundError('No such member in this company.');
  return member;
}

/**
 * Locks the tenant's active owners (in id order) until the transaction ends, so two owners demoting or disabling
 * each other at once cannot both see the other one: the second waits, then sees the first change.
 */
async function assertAnotherActiveOwner(db: Executor, tenantId: string, memberId: string) {
  const owners = await db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.tenantId, tenantId), eq(staffUsers.role, 'owner'), eq(staffUsers.disabled, false)))
    .orderBy(asc(staffUsers.id))
    .for('update');
  if (!owners.some((owner) => owner.id !== memberId))
    throw new FormError('The company must keep at least one active owner.');
}

export async function changeMemberRole(db: Executor, tenantId: string, memberId: string, role: StaffRole) {
  const member = await findMember(db, tenantId, memberId);
  if (member.role === 'owner' && role !== 'owner') await assertAnotherActiveOwner(db, tenantId, memberId);
  await db
    .update(staffUsers)
    .set({ role, updatedAt: sql`now()` })
    .where(eq(staffUsers.id, memberId));
  return { email: member.email, from: member.role, to: role };
}

export async function setMemberDisabled(db: Executor, tenantId: string, memberId: string, disabled: boolean) {
  const member = await findMember(db, tenantId, memberId);
  if (disabled && member.role === 'owner') await assertAnotherActiveOwner(db, tenantId, memberId);
  await db
    .update(staffUsers)
    .set({ disabled, updatedAt: sql`now()` })
    .where(eq(staffUsers.id, memberId));
  return { email: member.email };
}

/**
 * Changes the signed-in member's password and ends every session of the account (the session version moves on);
 * the form signs its own browser in again with the new password.
 */
export async function changeOwnPassword(db: Executor, staffId: string, currentPassword: string, newPassword: string) {
  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.id, staffId)).limit(1).for('update');
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new FormError('Your current password is not right.', {
      currentPassword: 'Your current password is not right.',
    });
  }
  if (currentPassword === newPassword) {
    throw new FormError('Choose a password different from the current one.', {
      newPassword: 'Choose a password different from the current one.',
    });
  }
  const passwordHash = await hashPassword(newPassword);
  await db
    .update(staffUsers)
    .set({
      passwordHash,
      mustChangePassword: false,
      sessionVersion: sql`${staffUsers.sessionVersion} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(staffUsers.id, staffId));
}

/** A member renames themselves (the name shown in the header, the members list and the audit log). */
export async function changeOwnName(db: Executor, staffId: string, name: string) {
  await db
    .update(staffUsers)
    .set({ name, updatedAt: sql`now()` })
    .where(eq(staffUsers.id, staffId));
}

/**
 * An owner resets another member's password: a new one-time password (returned once) that must be changed at the
 * next sign-in, and every session of the account ends. Not for the caller's own account (they change it themselves).
 */
export async function resetMemberPassword(db: Executor, tenantId: string, memberId: string, actorId: string) {
  if (memberId === actorId) throw new FormError('Change your own password under Account settings instead.');
  const member = await findMember(db, tenantId, memberId);
  const oneTimePassword = generateSecret('', 12);
  const passwordHash = await hashPassword(oneTimePassword);
  await db
    .update(staffUsers)
    .set({
      passwordHash,
      mustChangePassword: true,
      sessionVersion: sql`${staffUsers.sessionVersion} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(staffUsers.id, member.id), eq(staffUsers.tenantId, tenantId)));
  return { email: member.email, name: member.name, oneTimePassword };
}

/**
 * Deletes a member's account: never the caller's own, never the company's last active owner. What they created
 * (API keys, applications, the SCIM token) stays, with its creator cleared; the audit log keeps their email.
 */
export async function deleteMember(db: Executor, tenantId: string, memberId: string, actorId: string) {
  if (memberId === actorId) throw new FormError('You cannot delete your own account.');
  const member = await findMember(db, tenantId, memberId);
  if (member.role === 'owner') await assertAnotherActiveOwner(db, tenantId, memberId);
  await db.delete(staffUsers).where(and(eq(staffUsers.id, member.id), eq(staffUsers.tenantId, tenantId)));
  return { email: member.email, name: member.name, role: member.role };
}
