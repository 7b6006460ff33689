import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { portalLinks } from '@/db/schema';
import { generateSecret, hashSecret, secretMatchesHash } from '@/lib/crypto/tokens';
import { FormError, NotFoundError } from '@/lib/errors';
import { requireOrganization } from './organizations';

/**
 * Admin Portal setup links. A link grants access to one organization's Directory Sync setup and nothing else; its
 * token is random (256 bits), appears only in the URL handed out once, and only its SHA-256 hash is stored.
 */
export const PORTAL_INTENTS = ['dsync'] as const;
export type PortalIntent = (typeof PORTAL_INTENTS)[number];

const MINUTE = 60_000;
/** WorkOS: links shared from the dashboard last 30 days (or until setup completes); API links 5 minutes. */
export const DASHBOARD_LINK_TTL_MS = 30 * 24 * 60 * MINUTE;
export const API_LINK_TTL_MS = 5 * MINUTE;
/**
 * After setup completes the link is "used", but the person who completed it keeps the status page (counts after the
 * initial sync, replacing credentials) for this long; afterwards the link is refused like an expired one.
 */
export const USED_LINK_GRACE_MS = 60 * MINUTE;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

export type PortalLinkStatus = 'active' | 'used' | 'expired' | 'revoked';

export type PortalLink = {
  id: string;
  tenantId: string;
  organizationId: string;
  intent: string;
  createdBy: string;
  createdByName: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  returnUrl: string | null;
  successUrl: string | null;
};

const linkColumns = {
  id: portalLinks.id,
  tenantId: portalLinks.tenantId,
  organizationId: portalLinks.organizationId,
  intent: portalLinks.intent,
  createdBy: portalLinks.createdBy,
  createdByName: portalLinks.createdByName,
  createdAt: portalLinks.createdAt,
  expiresAt: portalLinks.expiresAt,
  usedAt: portalLinks.usedAt,
  revokedAt: portalLinks.revokedAt,
  returnUrl: portalLinks.returnUrl,
  successUrl: portalLinks.successUrl,
};

/** Only absolute http(s) URLs: a `javascript:` or relative "Done" link would run in, or stay on, our origin. */
export const redirectUrlSchema = z
  .string()
  .trim()
  .max(2000, 'The URL is too long.')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && Boolean(url.hostname);
    } catch {
      return false;
    }
  }, 'Enter an http(s) URL.');

export const newPortalLinkInput = z.object({
  organizationId: z.string().min(1).max(100),
  intent: z.enum(PORTAL_INTENTS, { error: 'The only intent is "dsync".' }).default('dsync'),
  returnUrl: redirectUrlSchema.optional(),
  successUrl: redirectUrlSchema.optional(),
});
export type NewPortalLinkInput = z.input<typeof newPortalLinkInput>;

export type LinkCreator = { id: string | 'api'; name: string | null };

export function portalLinkStatus(
  link: Pick<PortalLink, 'expiresAt' | 'usedAt' | 'revokedAt'>,
  now = new Date(),
): PortalLinkStatus {
  if (link.revokedAt) return 'revoked';
  if (link.usedAt) return 'used';
  if (link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** The portal address for a token (the token is the last path segment). */
export function portalUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/portal/${token}`;
}

/** Creates a link; the token is returned here once and never again. */
export async function createPortalLink(
  db: Executor,
  tenantId: string,
  creator: LinkCreator,
  input: NewPortalLinkInput,
  options: { ttlMs: number; now?: Date },
): Promise<{ link: PortalLink; token: string }> {
  const parsed = newPortalLinkInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? '_form')] ??= issue.message;
    throw new FormError(parsed.error.issues[0].message, fieldErrors);
  }
  await requireOrganization(db, tenantId, parsed.data.organizationId);
  const now = options.now ?? new Date();
  const token = generateSecret('', 32);
  const [link] = await db
    .insert(portalLinks)
    .values({
      tenantId,
      organizationId: parsed.data.organizationId,
      tokenHash: hashSecret(token),
      intent: parsed.data.intent,
      createdBy: creator.id,
      createdByName: creator.name,
      createdAt: now,
      expiresAt: new Date(now.getTime() + options.ttlMs),
      returnUrl: parsed.data.returnUrl ?? null,
      successUrl: parsed.data.successUrl ?? null,
    })
    .returning(linkColumns);
  return { link, token };
}

export type ResolvedPortalLink = { ok: true; link: PortalLink } | { ok: false; reason: 'unknown' | PortalLinkStatus };

/**
 * The link a presented token opens, or why it opens nothing. The row is found by the token's hash (a hash of a
 * random 256-bit secret: the lookup's timing reveals nothing usable) and the hashes are then compared in constant
 * time. A used link stays open for USED_LINK_GRACE_MS after setup completed.
 */
export async function resolvePortalLink(
  db: Executor,
  presented: string | null | undefined,
  now = new Date(),
): Promise<ResolvedPortalLink> {
  if (!presented || !TOKEN_PATTERN.test(presented)) return { ok: false, reason: 'unknown' };
  const [row] = await db
    .select({ ...linkColumns, tokenHash: portalLinks.tokenHash })
    .from(portalLinks)
    .where(eq(portalLinks.tokenHash, hashSecret(presented)))
    .limit(1);
  if (!secretMatchesHash(presented, row?.tokenHash) || !row) return { ok: false, reason: 'unknown' };
  const { tokenHash: _hash, ...link } = row;
  const status = portalLinkStatus(link, now);
  if (status === 'revoked' || status === 'expired') return { ok: false, reason: status };
  if (status === 'used' && now.getTime() - link.usedAt!.getTime() > USED_LINK_GRACE_MS)
    return { ok: false, reason: 'used' };
  return { ok: true, link };
}

export async function listPortalLinks(
  db: Executor,
  tenantId: string,
  organizationId: string,
  limit = 50,
): Promise<PortalLink[]> {
  return db
    .select(linkColumns)
    .from(portalLinks)
    .where(and(eq(portalLinks.tenantId, tenantId), eq(portalLinks.organizationId, organizationId)))
    .orderBy(desc(portalLinks.createdAt), desc(portalLinks.id))
    .limit(Math.min(Math.max(limit, 1), 200));
}

/** Revoking is final and takes effect on the portal's next request. */
export async function revokePortalLink(
  db: Executor,
  tenantId: string,
  organizationId: string,
  linkId: string,
  now = new Date(),
): Promise<PortalLink> {
  if (!z.uuid().safeParse(linkId).success) throw new NotFoundError('This setup link no longer exists.');
  const [current] = await db
    .select(linkColumns)
    .from(portalLinks)
    .where(
      and(
        eq(portalLinks.tenantId, tenantId),
        eq(portalLinks.organizationId, organizationId),
        eq(portalLinks.id, linkId),
      ),
    );
  if (!current) throw new NotFoundError('This setup link no longer exists.');
  if (current.revokedAt) throw new FormError('This setup link is already revoked.');
  const [revoked] = await db
    .update(portalLinks)
    .set({ revokedAt: now })
    .where(and(eq(portalLinks.tenantId, tenantId), eq(portalLinks.id, linkId)))
    .returning(linkColumns);
  return revoked;
}

/** Marks setup as completed through this link (once: the first completion time stays). Returns whether it changed. */
export async function completePortalLink(
  db: Executor,
  tenantId: string,
  linkId: string,
  now = new Date(),
): Promise<boolean> {
  const rows = await db
    .update(portalLinks)
    .set({ usedAt: now })
    .where(and(eq(portalLinks.tenantId, tenantId), eq(portalLinks.id, linkId), isNull(portalLinks.usedAt)))
    .returning({ id: portalLinks.id });
  return rows.length > 0;
}
