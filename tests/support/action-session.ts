// Runs the app's real server actions in tests, as a given staff member. A test file that calls actions mocks the
// session and Next's cache with these modules (vi.mock is hoisted, so it must be written in the test file itself):
//
//   vi.mock('@/lib/auth/session', () => import('@/tests/support/action-session'));
//   vi.mock('next/cache', () => import('@/tests/support/action-session'));
//
// Everything else (role check, input parsing, transaction, audit, revalidation) is the action's own code.
import type { z } from 'zod';
import type { ActionInput, ActionState, StaffAction } from '@/lib/actions';
import type { StaffSession } from '@/lib/auth/session';

let current: StaffSession | null = null;
/** The paths the actions asked Next to revalidate, in order. */
export const revalidated: string[] = [];

export async function getStaffSession(): Promise<StaffSession | null> {
  return current;
}

export function revalidatePath(path: string) {
  revalidated.push(path);
}

/** Calls `action` as `staff` (null: no session), the way a form or a button does. */
export async function actAs<S extends z.ZodType, R>(
  staff: StaffSession | null,
  action: StaffAction<S, R>,
  input: ActionInput = {},
): Promise<ActionState<R>> {
  current = staff;
  try {
    return await action(undefined, input);
  } finally {
    current = null;
  }
}

/** Runs `fn` (e.g. a route handler that reads the session) as `staff` (null: no session). */
export async function withSession<T>(staff: StaffSession | null, fn: () => Promise<T>): Promise<T> {
  current = staff;
  try {
    return await fn();
  } finally {
    current = null;
  }
}
