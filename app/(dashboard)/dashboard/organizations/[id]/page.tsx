import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { canUse } from '@/lib/auth/roles';
import { requirePageAccess } from '@/lib/auth/session';
import { getOrganization } from '@/lib/directory-sync';
import { organizationDirectories } from '@/lib/directory-sync/dashboard';
import { cezanneHrEnabled, directoryTypeLabel } from '@/lib/directory-sync/integrations';
import { listPortalLinks, portalLinkStatus } from '@/lib/directory-sync/portal';
import { utcMinute } from '@/lib/format';
import { ConfigureConnectionButton } from '@/components/directory-sync/configure-connection';
import { SetupLinks } from '@/components/directory-sync/setup-links';
import { DirectoryStateBadge } from '@/components/directory-sync/state-badge';
import { EmptyState, PageHeader, Table, TableHead, td } from '@/components/ui/layout';

export const metadata = { title: 'Organization' };

export default async function OrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePageAccess('directorySync');
  const { id } = await params;
  const db = getDb();
  const organization = await getOrganization(db, staff.tenantId, id);
  if (!organization) notFound();
  const [directories, enabled, links] = await Promise.all([
    organizationDirectories(db, staff.tenantId, id),
    cezanneHrEnabled(db, staff.tenantId),
    listPortalLinks(db, staff.tenantId, id),
  ]);
  const now = new Date();
  const setupLinks = links.map((link) => ({
    id: link.id,
    createdByName: link.createdByName,
    createdAt: link.createdAt.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
    status: portalLinkStatus(link, now),
  }));
  const configure = (
    <ConfigureConnectionButton
      organizationId={id}
      cezanneHrEnabled={enabled}
      canEnable={canUse(staff.role, 'members')}
    />
  );
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/dashboard/organizations" className="text-brand-700 hover:underline">
          Organizations
        </Link>
      </nav>
      <PageHeader
        title={organization.name}
        description={
          <span className="break-all">
            {organization.domains.length ? organization.domains.map((d) => d.domain).join(', ') : 'No domains'} ·{' '}
            <span className="font-mono text-xs">{organization.id}</span>
          </span>
        }
        actions={configure}
      />
      <h2 className="mb-3 text-base font-semibold">Directory Sync</h2>
      {directories.length === 0 ? (
        <EmptyState
          title="No directories yet"
          description="Click “Manually Configure Connection”, input the Name and select “Cezanne HR” as the directory type."
          action={configure}
        />
      ) : (
        <Table label="Directories">
          <TableHead columns={['Name', 'Type', 'State', 'Users', 'Last sync']} />
          <tbody className="divide-y divide-slate-100">
            {directories.map((d) => (
              <tr key={d.id}>
                <td className={`${td} font-medium`}>
                  <Link
                    prefetch={false}
                    href={`/dashboard/directories/${d.id}`}
                    className="text-brand-700 hover:underline"
                  >
                    {d.name}
                  </Link>
                </td>
                <td className={td}>{directoryTypeLabel(d.type)}</td>
                <td className={td}>
                  <DirectoryStateBadge state={d.state} />
                </td>
                <td className={td}>{d.users.toLocaleString('en')}</td>
                <td className={`${td} whitespace-nowrap`}>
                  {d.lastSyncAt ? utcMinute(d.lastSyncAt) : <span className="text-slate-500">Never</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <SetupLinks organizationId={id} links={setupLinks} />
    </>
  );
}
