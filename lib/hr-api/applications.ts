import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog, authorisedApplications, oauthAccessTokens } from '@/db/schema';
import type { Executor } from '@/db/client';
import { generateSecret, hashSecret, lastFour } from '@/lib/crypto/tokens';
import { FormError, NotFoundError } from '@/lib/errors';
import { zCheckbox } from '@/lib/form-fields';

/** OAuth2 scope strings of the HR API and their labels (Cezanne's "Application Scopes" toggles). */
export const APPLICATION_SCOPES = ['api_read', 'api_write'] as const;
export type ApplicationScope = (typeof APPLICATION_SCOPES)[number];
export const SCOPE_LABELS: Record<ApplicationScope, string> = {
  api_read: 'API read access',
  api_write: 'API write access',
};

export const AUDIT_PREFIX = 'authorised_application.';

export const newApplicationSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter a name.').max(120, 'Use at most 120 characters.'),
    description: z
      .string()
      .trim()
      .max(500, 'Use at most 500 characters.')
      .optional()
      .transform((value) => value || null),
    readAccess: zCheckbox,
    writeAccess: zCheckbox,
  })
  // `when`: also checked when another field is wrong, so the form shows every problem at once.
  .refine((input) => input.readAccess || input.writeAccess, {
    path: ['scopes'],
    message: 'Choose API read access, API write access or both.',
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
  })
  .transform(({ readAccess, writeAccess, ...rest }) => ({
    ...rest,
    scopes: APPLICATION_SCOPES.filter((scope) => (scope === 'api_read' ? readAccess : writeAccess)),
  }));
export type NewApplicationInput = z.infer<typeof newApplicationSchema>;

export const applicationIdSchema = z.object({ applicationId: z.uuid('Unknown application.') });

export type ApplicationSummary = {
  id: string;
  name: string;
  description: string | null;
  clientId: string;
  secretLastFour: string;
  scopes: ApplicationScope[];
  createdAt: Date;
  secretRotatedAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The secret is returned here once and never again: only its hash and last four characters are stored. */
export type IssuedSecret = { application: ApplicationSummary; clientSecret: string };

const summaryColumns = {
  id: authorisedApplications.id,
  name: authorisedApplications.name,
  description: authorisedApplications.description,
  clientId: authorisedApplications.clientId,
  secretLastFour: authorisedApplications.secretLastFour,
  scopes: authorisedApplications.scopes,
  createdAt: authorisedApplications.createdAt,
  secretRotatedAt: authorisedApplications.secretRotatedAt,
  lastUsedAt: authorisedApplications.lastUsedAt,
  revokedAt: authorisedApplications.revokedAt,
};

function asSummary(row: Omit<ApplicationSummary, 'scopes'> & { scopes: string[] }): ApplicationSummary {
  return {
    ...row,
    scopes: row.scopes.filter((s): s is ApplicationScope => (APPLICATION_SCOPES as readonly string[]).includes(s)),
  };
}

function newClientSecret(): string {
  return generateSecret('', 32);
}

export async function listApplications(db: Executor, tenantId: string): Promise<ApplicationSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(authorisedApplications)
    .where(eq(authorisedApplications.tenantId, tenantId))
    .orderBy(desc(authorisedApplications.createdAt), desc(authorisedApplications.id));
  return rows.map(asSummary);
}

async function findApplication(db: Executor, tenantId: string, applicationId: string): Promise<ApplicationSummary> {
  const [row] = await db
    .select(summaryColumns)
    .from(authorisedApplications)
    .where(and(eq(authorisedApplications.tenantId, tenantId), eq(authorisedApplications.id, applicationId)))
    .limit(1);
  if (!row) throw new NotFoundError('This application no longer exists.');
  return asSummary(row);
}

export async function createApplication(
  db: Executor,
  tenantId: string,
  createdById: string | null,
  input: NewApplicationInput,
): Promise<IssuedSecret> {
  const [duplicate] = await db
    .select({ id: authorisedApplications.id })
    .from(authorisedApplications)
    .where(
      and(
        eq(authorisedApplications.tenantId, tenantId),
        sql`lower(${authorisedApplications.name}) = lower(${input.name})`,
      ),
    )
    .limit(1);
  if (duplicate)
    throw new FormError('Check the highlighted fields.', { name: 'An application with this name already exists.' });
  const clientSecret = newClientSecret();
  const [row] = await db
    .insert(authorisedApplications)
    .values({
      tenantId,
      name: input.name,
      description: input.description,
      clientId: randomUUID(),
      secretHash: hashSecret(clientSecret),
      secretLastFour: lastFour(clientSecret),
      scopes: input.scopes,
      createdById,
    })
    .returning(summaryColumns);
  return { application: asSummary(row), clientSecret };
}

/** A new secret replaces the old one at once; access tokens issued with the old secret die with it. */
export async function regenerateSecret(db: Executor, tenantId: string, applicationId: string): Promise<IssuedSecret> {
  const current = await findApplication(db, tenantId, applicationId);
  if (current.revokedAt) throw new FormError('This application is revoked. Create a new application instead.');
  const clientSecret = newClientSecret();
  const [row] = await db
    .update(authorisedApplications)
    .set({
      secretHash: hashSecret(clientSecret),
      secretLastFour: lastFour(clientSecret),
      secretRotatedAt: sql`clock_timestamp()`,
    })
    .where(and(eq(authorisedApplications.tenantId, tenantId), eq(authorisedApplications.id, applicationId)))
    .returning(summaryColumns);
  await db.delete(oauthAccessTokens).where(eq(oauthAccessTokens.applicationId, applicationId));
  return { application: asSummary(row), clientSecret };
}

/** Revoking is final: the credentials and every access token stop working; the row stays for the record. */
export async function revokeApplication(
  db: Executor,
  tenantId: string,
  applicationId: string,
): Promise<ApplicationSummary> {
  const current = await findApplication(db, tenantId, applicationId);
  if (current.revokedAt) throw new FormError('This application is already revoked.');
  const [row] = await db
    .update(authorisedApplications)
    .set({ revokedAt: sql`clock_timestamp()` })
    .where(and(eq(authorisedApplications.tenantId, tenantId), eq(authorisedApplications.id, applicationId)))
    .returning(summaryColumns);
  await db.delete(oauthAccessTokens).where(eq(oauthAccessTokens.applicationId, applicationId));
  return asSummary(row);
}

export async function deleteApplication(
  db: Executor,
  tenantId: string,
  applicationId: string,
): Promise<ApplicationSummary> {
  const current = await findApplication(db, tenantId, applicationId);
  await db
    .delete(authorisedApplications)
    .where(and(eq(authorisedApplications.tenantId, tenantId), eq(authorisedApplications.id, applicationId)));
  return current;
}

/** Recent audit entries about authorised applications, for the page's activity list. */
export async function listApplicationActivity(db: Executor, tenantId: string, limit = 20) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      target: auditLog.target,
      actorEmail: auditLog.actorEmail,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), sql`starts_with(${auditLog.action}, ${AUDIT_PREFIX})`))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
