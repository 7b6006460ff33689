import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, staffUsers } from '@/db/schema';
import { actAs } from '@/tests/support/action-session';
import { createStaff, createTenant } from '@/tests/support/factories';
import { changeNameAction } from '@/app/(dashboard)/settings/account/actions';

vi.mock('@/lib/auth/session', () => import('@/tests/support/action-session'));
vi.mock('next/cache', () => import('@/tests/support/action-session'));

const nameOf = async (id: string) =>
  (await getDb().select({ name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.id, id)))[0].name;

describe('Your account: change name', () => {
  it('any member renames themselves (trimmed, audited); an empty or unchanged name writes nothing', async () => {
    const tenant = await createTenant();
    const itAdmin = await createStaff(tenant.id, 'it_admin');
    const before = await nameOf(itAdmin.id);

    expect((await actAs(itAdmin, changeNameAction, { name: '   ' })).fieldErrors).toEqual({ name: 'Enter a name.' });
    expect((await actAs(itAdmin, changeNameAction, { name: before })).ok).toBe(true);
    expect(await nameOf(itAdmin.id)).toBe(before);

    expect((await actAs(itAdmin, changeNameAction, { name: '  Ada Admin ' })).ok).toBe(true);
    expect(await nameOf(itAdmin.id)).toBe('Ada Admin');

    const audit = await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id));
    expect(audit.map((entry) => [entry.action, entry.details])).toEqual([
      ['member.name_changed', { from: before, to: 'Ada Admin' }],
    ]);
  });
});
