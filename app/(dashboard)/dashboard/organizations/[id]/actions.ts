'use server';
import { headers } from 'next/headers';
import { z } from 'zod';
import { defineStaffAction } from '@/lib/actions';
import { createPortalLink, DASHBOARD_LINK_TTL_MS, portalUrl, revokePortalLink } from '@/lib/directory-sync/portal';
import { publicBaseUrl } from '@/lib/public-url';

// Admin Portal setup links of an organization (owner and it_admin).

const organizationId = z.string().min(1).max(100);
const organizationPage = (input: { organizationId: string }) => [`/dashboard/organizations/${input.organizationId}`];

export const createSetupLinkAction = defineStaffAction({
  area: 'directorySync',
  input: z.object({ organizationId }),
  revalidate: organizationPage,
  run: async (input, ctx) => {
    const { link, token } = await createPortalLink(
      ctx.db,
      ctx.tenantId,
      { id: ctx.staff.id, name: ctx.staff.name || ctx.staff.email },
      { organizationId: input.organizationId, intent: 'dsync' },
      { ttlMs: DASHBOARD_LINK_TTL_MS },
    );
    await ctx.audit({
      action: 'portal_link.created',
      target: link.id,
      details: { organizationId: link.organizationId, expiresAt: link.expiresAt.toISOString() },
    });
    // The token exists only in this answer: only its hash is stored.
    return { id: link.id, url: portalUrl(publicBaseUrl(await headers()), token) };
  },
});

export const revokeSetupLinkAction = defineStaffAction({
  area: 'directorySync',
  input: z.object({ organizationId, linkId: z.string().max(100) }),
  revalidate: organizationPage,
  run: async (input, ctx) => {
    const link = await revokePortalLink(ctx.db, ctx.tenantId, input.organizationId, input.linkId);
    await ctx.audit({
      action: 'portal_link.revoked',
      target: link.id,
      details: { organizationId: link.organizationId },
    });
    return { id: link.id };
  },
});
