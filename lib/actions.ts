import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { writeAudit, type AuditEntry } from '@/lib/audit';
import { canUse, type Area } from '@/lib/auth/roles';
import { getStaffSession, type StaffSession } from '@/lib/auth/session';
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

export type ActionInput = FormData | Record<string, unknown>;

/** Who may run an action: the roles of an area (lib/auth/roles AREA_ROLES), or any signed-in staff member. */
export type ActionArea = Area | 'signedIn';

export type StaffActionDefinition<S extends z.ZodType, R> = {
  area: ActionArea;
  input: S;
  /** The pages that show what the action changes, revalidated after it succeeds: fixed, or from input and result. */
  revalidate?: string | ((input: z.infer<S>, result: R) => string[]);
  /** The change and its audit entries, run in one transaction. */
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<R>;
  /**
   * `false` for actions that wait on something outside the database (an HTTP call to an HR API): `run` then gets the
   * database itself and opens its own short transactions, since none may stay open during the wait.
   */
  transaction?: false;
  /** Runs after the transaction committed (e.g. to drop a process-local cache of what changed). */
  afterCommit?: () => void;
  /** `true` only for the password change: with a one-time password nothing else may run. */
  oneTimePassword?: boolean;
};

/** A server action usable with `useActionState` or called directly with an object; its definition stays readable. */
export type StaffAction<S extends z.ZodType = z.ZodType, R = unknown> = ((
  previous: ActionState<R> | undefined,
  input: ActionInput,
) => Promise<ActionState<R>>) & { readonly definition: StaffActionDefinition<S, R> };

const SESSION_ENDED = 'Your session has ended. Sign in again.';
const CHECK_FIELDS = 'Check the highlighted fields.';
const NOTHING_SAVED = 'Something went wrong. Nothing was saved.';

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

export type ParsedInput<T> = { ok: true; data: T; values: Record<string, string> } | { ok: false; state: ActionState };

/** Form data or an object → the schema's output, or the form state that shows each field's message. */
export function parseActionInput<S extends z.ZodType>(schema: S, input: ActionInput): ParsedInput<z.infer<S>> {
  const raw = toObject(input);
  const values = stringValues(raw);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const fieldErrors = zodFieldErrors(parsed.error);
  return { ok: false, state: { ok: false, fieldErrors, formError: fieldErrors._form ?? CHECK_FIELDS, values } };
}

/** Expected errors become form messages; anything else is logged and answered with a generic message. */
export function actionErrorState(error: unknown, values: Record<string, string>): ActionState<never> {
  if (error instanceof FormError)
    return { ok: false, formError: error.message, fieldErrors: error.fieldErrors, values };
  if (error instanceof NotFoundError || error instanceof ForbiddenError) return { ok: false, formError: error.message };
  const requestId = logError('action failed', error);
  return { ok: false, formError: `${NOTHING_SAVED} (Reference ${requestId})` };
}

type Outcome<T, R> = { ok: false; state: ActionState<R> } | { ok: true; state: ActionState<R>; input: T; data: R };

/** session → role → zod → the change and its audit entries in one transaction → expected errors mapped. */
async function runStaffAction<S extends z.ZodType, R>(
  staff: StaffSession | null,
  definition: StaffActionDefinition<S, R>,
  rawInput: ActionInput,
): Promise<Outcome<z.infer<S>, R>> {
  if (!staff) return { ok: false, state: { ok: false, formError: SESSION_ENDED } };
  if (staff.mustChangePassword && !definition.oneTimePassword)
    return { ok: false, state: { ok: false, formError: 'Choose your own password first.' } };
  if (definition.area !== 'signedIn' && !canUse(staff.role, definition.area)) {
    return { ok: false, state: { ok: false, formError: new ForbiddenError().message } };
  }
  const parsed = parseActionInput(definition.input, rawInput);
  if (!parsed.ok) return { ok: false, state: parsed.state as ActionState<R> };
  try {
    const runWith = (db: Executor) => {
      const actor = { id: staff.id, email: staff.email };
      const audit = (entry: AuditEntry) => writeAudit(db, staff.tenantId, actor, entry);
      return definition.run(parsed.data, { db, staff, tenantId: staff.tenantId, audit });
    };
    const data = definition.transaction === false ? await runWith(getDb()) : await getDb().transaction(runWith);
    return { ok: true, state: { ok: true, data }, input: parsed.data, data };
  } catch (error) {
    return { ok: false, state: actionErrorState(error, parsed.values) };
  }
}

function pathsToRevalidate<S extends z.ZodType, R>(
  definition: StaffActionDefinition<S, R>,
  input: z.infer<S>,
  data: R,
) {
  const { revalidate } = definition;
  if (!revalidate) return [];
  return typeof revalidate === 'string' ? [revalidate] : revalidate(input, data);
}

/**
 * The one way to write a server action (in an `app/**\/actions.ts` file marked 'use server'):
 *
 *     export const saveRoleAction = defineStaffAction({ area: 'administration', input: roleSchema,
 *       revalidate: '/admin/roles', run: (input, ctx) => … });
 *
 * The role check is on the server, from `area`; the input is parsed with `input` (field messages on failure); `run`
 * gets a transaction and writes its audit entries in it; after a success the pages in `revalidate` are refreshed.
 */
export function defineStaffAction<S extends z.ZodType, R>(definition: StaffActionDefinition<S, R>): StaffAction<S, R> {
  const action = async (_previous: ActionState<R> | undefined, input: ActionInput): Promise<ActionState<R>> => {
    const outcome = await runStaffAction(await getStaffSession(), definition, input);
    if (outcome.ok) {
      definition.afterCommit?.();
      for (const path of pathsToRevalidate(definition, outcome.input, outcome.data)) revalidatePath(path);
    }
    return outcome.state;
  };
  return Object.assign(action, { definition });
}
