'use server';
import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction } from '@/lib/actions';
import { createPortalLink, DASHBOARD_LINK_TTL_MS, portalUrl, revokePortalLink } from '@/lib/directory-sync/portal';
import { publicBaseUrl } from '@/lib/public-url';

// Admin Portal setup links of an organization (area `directorySync`: owner and it_admin).

const organizationId = z.string().min(1).max(100);

export const createSetupLinkAction = staffAction({ area: 'directorySync', schema: z.object({ organizationId }) }, async (input, ctx) => {
  const { link, token } = await createPortalLink(
    ctx.db,
    ctx.tenantId,
    { id: ctx.staff.id, name: ctx.staff.name || ctx.staff.email },
    { organizationId: input.organizationId, intent: 'dsync' },
    { ttlMs: DASHBOARD_LINK_TTL_MS },
  );
  await ctx.audit({ action: 'portal_link.created', target: link.id, details: { organizationId: link.organizationId, expiresAt: link.expiresAt.toISOString() } });
  revalidatePath(`/dashboard/organizations/${input.organizationId}`);
  // The token exists only in this answer: only its hash is stored.
  return { id: link.id, url: portalUrl(publicBaseUrl(await headers()), token) };
});

export const revokeSetupLinkAction = staffAction(
  { area: 'directorySync', schema: z.object({ organizationId, linkId: z.string().max(100) }) },
  async (input, ctx) => {
    const link = await revokePortalLink(ctx.db, ctx.tenantId, input.organizationId, input.linkId);
    await ctx.audit({ action: 'portal_link.revoked', target: link.id, details: { organizationId: link.organizationId } });
    revalidatePath(`/dashboard/organizations/${input.organizationId}`);
    return { id: link.id };
  },
);
