'use server';
import { getDb } from '@/db/client';
import { actionErrorState, parseActionInput, type ActionState } from '@/lib/actions';
import { createOwnerAccount } from '@/lib/auth/accounts';
import { ownerSetupSchema } from '@/lib/auth/schemas';

/**
 * First run only, so there is no session and no role to check (the one action not built with defineStaffAction):
 * the lib function refuses once any account exists.
 */
export async function createOwnerAction(_prev: ActionState | undefined, formData: FormData): Promise<ActionState> {
  const parsed = parseActionInput(ownerSetupSchema, formData);
  if (!parsed.ok) return parsed.state;
  try {
    await createOwnerAccount(getDb(), parsed.data);
    return { ok: true, message: 'Owner account created' };
  } catch (error) {
    return actionErrorState(error, parsed.values);
  }
}
