import type { z } from 'zod';
import { getDb, type Database } from '@/db/client';
import type { ActionInput, ActionState } from '@/lib/actions';
import { writeAudit, type AuditEntry } from '@/lib/audit';
import { ConflictError, FormError, NotFoundError } from '@/lib/errors';
import { resolvePortalLink, type PortalLink } from './portal';

/**
 * The one wrapper of the Admin Portal's server actions: link token → tenant and organization (a staff session counts
 * for nothing here, and the portal's token for nothing on staff actions), throttle per link and per IP, zod input,
 * handler, audit entries with the actor "portal link <id>". Portal actions may call the HR API, so no transaction is
 * held open: the handler opens its own.
 */
export type PortalActionContext = {
  db: Database;
  link: PortalLink;
  tenantId: string;
  organizationId: string;
  now: Date;
  audit: (entry: AuditEntry) => Promise<void>;
};

export type PortalActionSpec<S extends z.ZodType> = { name: string; schema: S };

export const LINK_REFUSED = 'This setup link is no longer valid. Ask the person who sent it for a new link.';
export const THROTTLED = 'Too many attempts. Wait a few minutes and try again.';

/**
 * In-memory sliding-window limiter (per process). Enough for one Roster process; several processes would each allow
 * the limit, which still bounds the HR API checks a link can trigger.
 */
export class WindowLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Records a hit unless the key is over its limit; returns whether it was allowed. */
  allow(key: string, now = Date.now()): boolean {
    const recent = (this.hits.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(now);
    return true;
  }

  private prune(now: number) {
    for (const [key, times] of this.hits) if (!times.some((at) => now - at < this.windowMs)) this.hits.delete(key);
  }
}

/** 30 actions per link and 60 per IP address in 10 minutes: a person setting up a directory needs a handful. */
export const portalLimiters = {
  perLink: new WindowLimiter(30, 10 * 60_000),
  perIp: new WindowLimiter(60, 10 * 60_000),
};

function toObject(input: ActionInput): Record<string, unknown> {
  if (!(input instanceof FormData)) return input ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) if (!key.startsWith('$ACTION')) out[key] = value;
  return out;
}

function typedValues(raw: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).filter(([key, v]) => typeof v === 'string' && !/secret|token/i.test(key)),
  ) as Record<string, string>;
}

export async function runPortalAction<S extends z.ZodType, R>(
  request: { token: unknown; ip: string | null; now?: Date; db?: Database; limiters?: typeof portalLimiters },
  spec: PortalActionSpec<S>,
  handler: (input: z.infer<S>, ctx: PortalActionContext) => Promise<R>,
  rawInput: ActionInput,
): Promise<ActionState<R>> {
  const db = request.db ?? getDb();
  const now = request.now ?? new Date();
  const limiters = request.limiters ?? portalLimiters;
  if (request.ip && !limiters.perIp.allow(`ip:${request.ip}`, now.getTime()))
    return { ok: false, formError: THROTTLED };
  const resolved = await resolvePortalLink(db, typeof request.token === 'string' ? request.token : null, now);
  if (!resolved.ok) return { ok: false, formError: LINK_REFUSED };
  const { link } = resolved;
  if (!limiters.perLink.allow(`link:${link.id}`, now.getTime())) return { ok: false, formError: THROTTLED };

  const raw = toObject(rawInput);
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join('.') || '_form'] ??= issue.message;
    return {
      ok: false,
      fieldErrors,
      formError: fieldErrors._form ?? 'Check the highlighted fields.',
      values: typedValues(raw),
    };
  }
  const actor = { id: null, email: `portal link ${link.id}` };
  try {
    const data = await handler(parsed.data, {
      db,
      link,
      tenantId: link.tenantId,
      organizationId: link.organizationId,
      now,
      audit: (entry) =>
        writeAudit(db, link.tenantId, actor, { ...entry, details: { ...entry.details, portalLinkId: link.id } }),
    });
    return { ok: true, data };
  } catch (error) {
    if (error instanceof FormError || error instanceof ConflictError) {
      return { ok: false, formError: error.message, fieldErrors: error.fieldErrors, values: typedValues(raw) };
    }
    if (error instanceof NotFoundError) return { ok: false, formError: error.message };
    console.error(`[roster] portal action ${spec.name} failed`);
    return { ok: false, formError: 'Something went wrong. Try again in a moment.' };
  }
}

/**
 * Declares a portal server action (for `useActionState` or a direct call). The token travels in the form (field
 * `token`), never in a cookie: a browser with a staff session gets nothing extra, and one without needs only the link.
 */
export function definePortalAction<S extends z.ZodType, R>(
  spec: PortalActionSpec<S>,
  handler: (input: z.infer<S>, ctx: PortalActionContext) => Promise<R>,
) {
  return async (_previous: ActionState<R> | undefined, input: ActionInput): Promise<ActionState<R>> => {
    const { headers } = await import('next/headers');
    const { clientIp } = await import('@/lib/auth/client-ip');
    const requestHeaders = await headers();
    const ip = clientIp(Object.fromEntries(requestHeaders.entries()));
    const token = input instanceof FormData ? input.get('token') : (input as Record<string, unknown>)?.token;
    return runPortalAction({ token, ip }, spec, handler, input);
  };
}
