import type { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { writeAudit, type AuditEntry } from '@/lib/audit';
import { canUse, type Area } from '@/lib/auth/roles';
import type { StaffSession } from '@/lib/auth/session';
import { ForbiddenError, FormError, NotFoundError } from '@/lib/errors';
import { logError } from '@/lib/log';

/** What every form action returns; forms show `fieldErrors` beside fields and `message`/`formError` as toasts. */
export type ActionState<T = unknown> = {
  ok?: boolean;
  message?: string;
  formError?: string;
  fieldErrors?: Record<string, string>;
  data?: T;
  /** Echo of the submitted values so a form keeps what the user typed after an error. */
  values?: Record<string, string>;
};

export type ActionContext = {
  db: Executor;
  staff: StaffSession;
  tenantId: string;
  audit: (entry: AuditEntry) => Promise<void>;
};

/** `oneTimePassword: true` only for the password change: with a one-time password nothing else may run. */
export type ActionSpec<S extends z.ZodType> = { area: Area | 'signedIn'; schema: S; oneTimePassword?: boolean };

export type ActionInput = FormData | Record<string, unknown>;

function toObject(input: ActionInput): Record<string, unknown> {
  if (!(input instanceof FormData)) return input ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) {
    if (key.startsWith('$ACTION')) continue;
    if (key in out) out[key] = ([] as unknown[]).concat(out[key], value);
    else out[key] = value;
  }
  return out;
}

function stringValues(raw: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).filter(([key, v]) => typeof v === 'string' && !/password|secret|token/i.test(key)),
  ) as Record<string, string>;
}

function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_form';
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * The one wrapper for server actions: session → role → zod → handler in a transaction (with audit entries
 * written in the same transaction) → expected errors mapped to form messages. Exposed for tests.
 */
export async function runStaffAction<S extends z.ZodType, R>(
  staff: StaffSession | null,
  spec: ActionSpec<S>,
  handler: (input: z.infer<S>, ctx: ActionContext) => Promise<R>,
  rawInput: ActionInput,
): Promise<ActionState<R>> {
  if (!staff) return { ok: false, formError: 'Your session has ended. Sign in again.' };
  if (staff.mustChangePassword && !spec.oneTimePassword) return { ok: false, formError: 'Choose your own password first.' };
  if (spec.area !== 'signedIn' && !canUse(staff.role, spec.area)) {
    return { ok: false, formError: new ForbiddenError().message };
  }
  const raw = toObject(rawInput);
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = zodFieldErrors(parsed.error);
    return { ok: false, fieldErrors, formError: fieldErrors._form ?? 'Check the highlighted fields.', values: stringValues(raw) };
  }
  try {
    const data = await getDb().transaction(async (tx) => {
      const ctx: ActionContext = {
        db: tx,
        staff,
        tenantId: staff.tenantId,
        audit: (entry) => writeAudit(tx, staff.tenantId, { id: staff.id, email: staff.email }, entry),
      };
      return handler(parsed.data, ctx);
    });
    return { ok: true, data };
  } catch (error) {
    if (error instanceof FormError) {
      return { ok: false, formError: error.message, fieldErrors: error.fieldErrors, values: stringValues(raw) };
    }
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return { ok: false, formError: error.message };
    const requestId = logError('action failed', error);
    return { ok: false, formError: `Something went wrong. Nothing was saved. (Reference ${requestId})` };
  }
}

/** Declares a server action usable with `useActionState` or called directly with an object. */
export function staffAction<S extends z.ZodType, R>(
  spec: ActionSpec<S>,
  handler: (input: z.infer<S>, ctx: ActionContext) => Promise<R>,
) {
  return async (_previous: ActionState<R> | undefined, input: ActionInput): Promise<ActionState<R>> => {
    const { getStaffSession } = await import('@/lib/auth/session');
    return runStaffAction(await getStaffSession(), spec, handler, input);
  };
}
