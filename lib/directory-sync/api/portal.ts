import { z } from 'zod';
import { writeAudit } from '@/lib/audit';
import { publicBaseUrl } from '@/lib/public-url';
import { getOrganization } from '../organizations';
import { API_LINK_TTL_MS, createPortalLink, portalUrl, redirectUrlSchema } from '../portal';
import { invalidParameters, notFound } from './errors';
import { readJsonObject, withApiKey } from './handler';

/** `admin_emails` is accepted (the SDK may send it) and ignored: Roster sends no email. */
const generateLinkBody = z.object({
  organization: z
    .string({ error: 'organization is required.' })
    .min(1, 'organization is required.')
    .max(100, 'organization is too long.'),
  intent: z.literal('dsync', { error: 'intent must be "dsync": only Directory Sync setup links exist.' }),
  return_url: redirectUrlSchema.optional(),
  success_url: redirectUrlSchema.optional(),
  admin_emails: z.array(z.string().max(320)).max(50).optional(),
});

/** `POST /portal/generate_link` → `{ link }`, an Admin Portal link for one organization, valid 5 minutes. */
export const generateLinkEndpoint = withApiKey('/portal/generate_link', async ({ request, ctx }) => {
  const parsed = generateLinkBody.safeParse(await readJsonObject(request));
  if (!parsed.success) {
    throw invalidParameters(
      parsed.error.issues.map((issue) => ({
        field: String(issue.path[0] ?? 'body'),
        code: 'invalid',
        message: issue.message,
      })),
    );
  }
  const body = parsed.data;
  if (!(await getOrganization(ctx.db, ctx.tenantId, body.organization)))
    throw notFound('Organization', body.organization);
  const { link, token } = await createPortalLink(
    ctx.db,
    ctx.tenantId,
    { id: 'api', name: 'API' },
    {
      organizationId: body.organization,
      intent: body.intent,
      returnUrl: body.return_url,
      successUrl: body.success_url,
    },
    { ttlMs: API_LINK_TTL_MS },
  );
  await writeAudit(
    ctx.db,
    ctx.tenantId,
    { id: null, email: 'api' },
    {
      action: 'portal_link.created',
      target: link.id,
      details: { organizationId: link.organizationId, intent: link.intent },
    },
  );
  return { status: 201, body: { link: portalUrl(publicBaseUrl(request.headers, new URL(request.url).origin), token) } };
});
