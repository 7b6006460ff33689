import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { authOptions } from './options';
import { loadActiveStaff } from './accounts';
import { canUse, type Area } from './roles';
import { loginPathFor, REQUESTED_PATH_HEADER } from './callback-url';

export const CHANGE_ONE_TIME_PASSWORD_PATH = '/change-password';

export type StaffSession = NonNullable<Awaited<ReturnType<typeof loadActiveStaff>>>;

/** The signed-in staff member, re-read from the database (a disabled account or a changed role applies at once). */
export const getStaffSession = cache(async (): Promise<StaffSession | null> => {
  const session = (await getServerSession(authOptions)) as { staffId?: string; sessionVersion?: number } | null;
  if (!session?.staffId) return null;
  return loadActiveStaff(getDb(), session.staffId, session.sessionVersion ?? 0);
});

/**
 * For pages: sign-in required, a one-time password changed first (nothing else is reachable until then), and a 403
 * page for a role that may not use the area.
 */
export async function requirePageAccess(area?: Area): Promise<StaffSession> {
  const staff = await getStaffSession();
  if (!staff) redirect(loginPathFor((await headers()).get(REQUESTED_PATH_HEADER)));
  if (staff.mustChangePassword) redirect(CHANGE_ONE_TIME_PASSWORD_PATH);
  if (area && !canUse(staff.role, area)) forbidden();
  return staff;
}
