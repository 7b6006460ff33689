'use server';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions';
import { createOwnerAccount } from '@/lib/auth/accounts';
import { ownerSetupSchema } from '@/lib/auth/schemas';
import { FormError } from '@/lib/errors';
import { logError } from '@/lib/log';

/** First run only: the lib function refuses once any account exists. */
export async function createOwnerAction(_prev: ActionState | undefined, formData: FormData): Promise<ActionState> {
  const raw = Object.fromEntries(formData.entries());
  const values = {
    setupCode: String(raw.setupCode ?? ''),
    companyName: String(raw.companyName ?? ''),
    name: String(raw.name ?? ''),
    email: String(raw.email ?? ''),
  };
  const parsed = ownerSetupSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { ok: false, fieldErrors, formError: 'Check the highlighted fields.', values };
  }
  try {
    await createOwnerAccount(getDb(), parsed.data);
    return { ok: true, message: 'Owner account created' };
  } catch (error) {
    if (error instanceof FormError) return { ok: false, formError: error.message, fieldErrors: error.fieldErrors, values };
    const requestId = logError('owner setup failed', error);
    return { ok: false, formError: `Something went wrong. Nothing was saved. (Reference ${requestId})`, values };
  }
}
