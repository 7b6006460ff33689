import { and, desc, eq, lt } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import type { Executor } from '@/db/client';

export type AuditActor = { id: string | null; email: string | null };
export type AuditEntry = { action: string; target?: string | null; details?: Record<string, unknown> };

export async function writeAudit(db: Executor, tenantId: string, actor: AuditActor, entry: AuditEntry) {
  await db.insert(auditLog).values({
    tenantId,
    actorId: actor.id,
    actorEmail: actor.email,
    action: entry.action,
    target: entry.target ?? null,
    details: entry.details ?? null,
  });
}

export async function listAudit(db: Executor, tenantId: string, options: { before?: number; limit?: number } = {}) {
  const limit = Math.min(options.limit ?? 50, 200);
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), options.before ? lt(auditLog.id, options.before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

/** The actor of changes made by Roster itself (scheduled jobs), shown as "system" in the audit log. */
export const SYSTEM_ACTOR: AuditActor = { id: null, email: 'system' };
