import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { ActionArea, StaffAction } from '@/lib/actions';
import { canUse, STAFF_ROLES } from '@/lib/auth/roles';
import { actAs } from '@/tests/support/action-session';
import { createStaff, createTenant } from '@/tests/support/factories';

// Every server action of the app, found by file name, is checked against every staff role: a role outside the
// action's area is refused on the server before anything is parsed or written; a role inside it gets past the
// check. A new actions file or action is covered without touching this test.
vi.mock('@/lib/auth/session', () => import('@/tests/support/action-session'));
vi.mock('next/cache', () => import('@/tests/support/action-session'));

// The Admin Portal's actions (app/portal) authenticate by setup link, not by staff session: tests/directory-sync/portal.test.ts.
const modules = import.meta.glob<Record<string, unknown>>(['/app/**/actions.ts', '!/app/portal/**'], { eager: true });
/** The only action without a session: the first-run owner setup (it refuses once any account exists). */
const PUBLIC_ACTIONS = ['app/(auth)/login/actions.ts › createOwnerAction'];
const REFUSED = { ok: false, formError: 'You do not have permission to do this.' };

/** The URL plan: Administration is the HR side, Dashboard the Directory Sync side, Members the owner's. */
function areaOfFile(id: string): ActionArea {
  if (id.startsWith('app/(dashboard)/admin/')) return 'administration';
  if (id.startsWith('app/(dashboard)/dashboard/settings/')) return 'directorySyncSettings';
  if (id.startsWith('app/(dashboard)/dashboard/')) return 'directorySync';
  if (id.startsWith('app/(dashboard)/settings/members/')) return 'members';
  if (id.startsWith('app/(dashboard)/settings/account/')) return 'signedIn';
  throw new Error(`No area is planned for ${id}: add its part of the app here.`);
}

const isStaffAction = (value: unknown): value is StaffAction =>
  typeof value === 'function' && 'definition' in value && typeof value.definition === 'object';

const exported = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports).map(([name, value]) => ({ id: `${file.slice(1)} › ${name}`, value })),
);
const actions = exported.flatMap(({ id, value }) => (isStaffAction(value) ? [{ id, action: value }] : []));

describe('every server action checks the role of its area on the server', () => {
  it('every export of an actions file is a defineStaffAction, except the first-run owner setup', () => {
    const others = exported.filter(({ value }) => !isStaffAction(value)).map(({ id }) => id);
    expect(others).toEqual(PUBLIC_ACTIONS);
    expect(actions.length).toBeGreaterThanOrEqual(25);
  });

  it('each action declares the area of the part of the app it belongs to', () => {
    const declared = Object.fromEntries(actions.map(({ id, action }) => [id, action.definition.area]));
    const expected = Object.fromEntries(actions.map(({ id }) => [id, areaOfFile(id)]));
    expect(declared).toEqual(expected);
  });

  it.each(actions.map(({ id, action }) => [id, action.definition.area, action] as const))(
    '%s (area %s)',
    async (_id, area, action) => {
      const tenant = await createTenant();
      for (const role of STAFF_ROLES) {
        const staff = await createStaff(tenant.id, role);
        const result = await actAs(staff, action, {});
        const allowed = area === 'signedIn' || canUse(role, area);
        if (allowed) expect(result, `${role} should pass the role check`).not.toEqual(REFUSED);
        else expect(result, `${role} should be refused`).toEqual(REFUSED);
      }
    },
  );

  it('a refused role writes nothing, even with valid input (HR actions as an IT admin)', async () => {
    const tenant = await createTenant();
    const itAdmin = await createStaff(tenant.id, 'it_admin');
    const administration = actions.filter(({ action }) => action.definition.area === 'administration');
    expect(administration.length).toBeGreaterThan(15);
    for (const { action } of administration) expect(await actAs(itAdmin, action, {})).toEqual(REFUSED);
    expect(await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id))).toHaveLength(0);
  });
});
