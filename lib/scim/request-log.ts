import { and, desc, eq, gte, ilike, lt, or, sql } from 'drizzle-orm';
import { containsPattern } from '@/lib/like';
import { scimRequestLog } from '@/db/schema';
import { getDb, type Executor } from '@/db/client';

export type ScimLogEntry = {
  tenantId: string;
  createdAt: Date;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  userName: string | null;
  requestBody: string | null;
  responseBody: string | null;
};

/** How many requests each tenant keeps (the newest); older ones are pruned as new ones are written. */
export const SCIM_LOG_KEEP_PER_TENANT = Number(process.env.ROSTER_SCIM_LOG_KEEP ?? 5000);

/** How long an entry is kept at most (the security cleanup job deletes older ones, even for a tenant gone quiet). */
export function scimLogMaxAgeDays(env: Record<string, string | undefined> = process.env): number {
  const days = Number(env.ROSTER_SCIM_LOG_MAX_AGE_DAYS ?? 30);
  return Number.isInteger(days) && days >= 1 ? days : 30;
}

/** Deletes entries older than `maxAgeDays` (indexed on created_at), in bounded batches. */
export async function deleteOldScimRequests(db: Executor, maxAgeDays = scimLogMaxAgeDays()): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await db.execute(sql`
      delete from scim_request_log where id in (
        select id from scim_request_log where created_at < now() - make_interval(days => ${maxAgeDays}) limit 10000)`);
    total += result.rowCount ?? 0;
    if ((result.rowCount ?? 0) < 10000) return total;
  }
}
const PRUNE_EVERY = 200;
const FLUSH_AFTER_MS = 200;
const FLUSH_AT = 500;
const MAX_BODY_CHARS = 8_000;
const SECRET_KEY = /pass(word)?|secret|token|authorization|credential/i;

/** Shared by every bundle of the process (route handlers and pages are bundled separately by Next). */
type LogState = {
  buffer: ScimLogEntry[];
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
  sincePrune: Map<string, number>;
};
const state: LogState = ((globalThis as { rosterScimLog?: LogState }).rosterScimLog ??= {
  buffer: [],
  timer: null,
  flushing: null,
  sincePrune: new Map(),
});

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === 'object') {
    // A PATCH operation on a secret carries it in "value": {"op":"replace","path":"password","value":"…"}.
    const secretPath =
      typeof (value as { path?: unknown }).path === 'string' && SECRET_KEY.test((value as { path: string }).path);
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) || (secretPath && k === 'value') ? '[redacted]' : redactValue(v),
      ]),
    );
  }
  return value;
}

function truncate(text: string): string {
  return text.length > MAX_BODY_CHARS
    ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length - MAX_BODY_CHARS} more characters)`
    : text;
}

/** A request body for the log: secrets (password, tokens…) replaced by "[redacted]", and cut to a bounded size. */
export function redactBody(body: string | null): string | null {
  if (!body) return null;
  let text: string;
  try {
    text = JSON.stringify(redactValue(JSON.parse(body)));
  } catch {
    text = body.replace(/("[^"]*(?:pass(?:word)?|secret|token)[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*"?/gi, '$1"[redacted]"');
  }
  return truncate(text);
}

/** Our own responses carry no secrets (the token is never echoed); they are only cut to size. */
export function responseForLog(body: string | null): string | null {
  return body ? truncate(body) : null;
}

const NUL = /\u0000/g;
const visibleNul = (text: string | null) => text && text.replace(NUL, '\\u0000');

/**
 * PostgreSQL text cannot hold NUL; one such character (a raw body, a userName) would fail the whole batched INSERT
 * and lose the other requests' entries with it. The log shows it escaped instead.
 */
function withoutNul(entry: ScimLogEntry): ScimLogEntry {
  return {
    ...entry,
    path: visibleNul(entry.path)!,
    userName: visibleNul(entry.userName),
    requestBody: visibleNul(entry.requestBody),
    responseBody: visibleNul(entry.responseBody),
  };
}

/**
 * Queues one request for the log. Writes are batched (one multi-row INSERT every 200 ms or 500 entries) so the log
 * costs SCIM requests no extra round trip.
 */
export function recordScimRequest(entry: ScimLogEntry) {
  state.buffer.push(withoutNul(entry));
  if (state.buffer.length >= FLUSH_AT) void flushScimRequestLog();
  else if (!state.timer) {
    state.timer = setTimeout(() => void flushScimRequestLog(), FLUSH_AFTER_MS);
    state.timer.unref?.();
  }
}

/** Writes what is queued (tests and the log page call it to see the latest requests). */
export async function flushScimRequestLog(db: Executor = getDb()): Promise<void> {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  while (state.flushing) await state.flushing;
  if (state.buffer.length === 0) return;
  const batch = state.buffer.splice(0, state.buffer.length);
  state.flushing = (async () => {
    try {
      await db.insert(scimRequestLog).values(batch);
      await pruneWhereDue(db, batch);
    } catch (error) {
      // The message only: the failed query would print the whole batch of bodies.
      const cause =
        (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message.split('\n')[0];
      console.error(`[roster] could not write ${batch.length} SCIM request log entries: ${cause}`);
    }
  })();
  try {
    await state.flushing;
  } finally {
    state.flushing = null;
  }
}

async function pruneWhereDue(db: Executor, batch: ScimLogEntry[]) {
  for (const tenantId of new Set(batch.map((e) => e.tenantId))) {
    const written =
      (state.sincePrune.get(tenantId) ?? PRUNE_EVERY) + batch.filter((e) => e.tenantId === tenantId).length;
    if (written < PRUNE_EVERY) {
      state.sincePrune.set(tenantId, written);
      continue;
    }
    state.sincePrune.set(tenantId, 0);
    await pruneScimRequestLog(db, tenantId);
  }
}

/** Keeps the newest entries of a tenant; one indexed range delete on (tenant_id, created_at). */
export async function pruneScimRequestLog(db: Executor, tenantId: string, keep = SCIM_LOG_KEEP_PER_TENANT) {
  const oldestKept = db
    .select({ createdAt: scimRequestLog.createdAt })
    .from(scimRequestLog)
    .where(eq(scimRequestLog.tenantId, tenantId))
    .orderBy(desc(scimRequestLog.createdAt))
    .offset(keep - 1)
    .limit(1);
  await db
    .delete(scimRequestLog)
    .where(and(eq(scimRequestLog.tenantId, tenantId), lt(scimRequestLog.createdAt, oldestKept)));
}

export type ScimLogFilters = { status?: string; method?: string; text?: string; before?: number };
export const SCIM_LOG_PAGE_SIZE = 50;

/** The log page: newest first, filtered by status class or code, method and text (path, userName, bodies). */
export async function listScimRequests(db: Executor, tenantId: string, filters: ScimLogFilters = {}) {
  const conditions = [eq(scimRequestLog.tenantId, tenantId)];
  const status = filters.status?.trim();
  if (status && /^[1-5]xx$/i.test(status)) {
    const base = Number(status[0]) * 100;
    conditions.push(gte(scimRequestLog.status, base), lt(scimRequestLog.status, base + 100));
  } else if (status && /^\d{3}$/.test(status)) conditions.push(eq(scimRequestLog.status, Number(status)));
  if (filters.method) conditions.push(eq(scimRequestLog.method, filters.method.toUpperCase()));
  if (filters.text?.trim()) {
    const pattern = containsPattern(filters.text.trim());
    conditions.push(
      or(
        ilike(scimRequestLog.path, pattern),
        ilike(scimRequestLog.userName, pattern),
        ilike(scimRequestLog.requestBody, pattern),
        ilike(scimRequestLog.responseBody, pattern),
      )!,
    );
  }
  if (filters.before) conditions.push(lt(scimRequestLog.id, filters.before));
  const entries = await db
    .select()
    .from(scimRequestLog)
    .where(and(...conditions))
    .orderBy(desc(scimRequestLog.id))
    .limit(SCIM_LOG_PAGE_SIZE + 1);
  return { entries: entries.slice(0, SCIM_LOG_PAGE_SIZE), hasMore: entries.length > SCIM_LOG_PAGE_SIZE };
}

/** The log page: writes what is still queued first, so the latest requests are always shown. */
export async function loadScimRequestLogPage(db: Executor, tenantId: string, filters: ScimLogFilters) {
  await flushScimRequestLog();
  return listScimRequests(db, tenantId, filters);
}
