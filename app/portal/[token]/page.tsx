import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getOrganization } from '@/lib/directory-sync';
import { cezanneHrEnabled } from '@/lib/directory-sync/integrations';
import { resolvePortalLink } from '@/lib/directory-sync/portal';
import { portalStatus } from '@/lib/directory-sync/portal-setup';
import { PortalSetup } from '@/components/directory-sync/portal/portal-setup';

export const dynamic = 'force-dynamic';

/** The Admin Portal for one setup link: only the link's token opens it (a staff session neither helps nor hurts). */
export default async function PortalPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = getDb();
  const resolved = await resolvePortalLink(db, token);
  if (!resolved.ok) notFound();
  const { link } = resolved;
  const [organization, status, enabled] = await Promise.all([
    getOrganization(db, link.tenantId, link.organizationId),
    portalStatus(db, link),
    cezanneHrEnabled(db, link.tenantId),
  ]);
  if (!organization) notFound();
  const { directory, counts } = status;
  return (
    <PortalSetup
      token={token}
      organizationName={organization.name}
      cezanneHrEnabled={enabled}
      returnUrl={link.returnUrl}
      successUrl={link.successUrl}
      directory={
        directory && {
          state: directory.state,
          lastError: directory.lastError,
          clientId: directory.clientId,
          hasClientSecret: directory.hasClientSecret,
          lastSyncAt: directory.lastSyncAt?.toISOString() ?? null,
        }
      }
      counts={counts}
    />
  );
}
