import Link from 'next/link';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { searchOrganizations } from '@/lib/directory-sync/dashboard';
import { CreateOrganizationButton } from '@/components/directory-sync/create-organization';
import { ListSearch } from '@/components/directory-sync/list-search';
import { PagePager } from '@/components/directory-sync/pager';
import { EmptyState, PageHeader, Table, TableHead, td } from '@/components/ui/layout';

export const metadata = { title: 'Organizations' };

export default async function OrganizationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requirePageAccess('directorySync');
  const params = await searchParams;
  const q = typeof params.q === 'string' ? params.q.slice(0, 200) : undefined;
  const page = Number(typeof params.page === 'string' ? params.page : 1);
  const result = await searchOrganizations(getDb(), staff.tenantId, { q, page: Number.isFinite(page) ? page : 1 });
  return (
    <>
      <PageHeader
        title="Organizations"
        description="Each organization is a customer of your application. Select one to configure its Directory Sync connection."
        actions={<CreateOrganizationButton />}
      />
      <ListSearch id="organization-search" label="Search organizations" placeholder="Name or domain" />
      {result.items.length === 0 ? (
        q ? (
          <EmptyState title="No organizations match" description={`Nothing matches “${q}”.`} />
        ) : (
          <EmptyState
            title="No organizations yet"
            description="Create an organization, then use Manually Configure Connection to link its Cezanne HR directory."
          />
        )
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600" aria-live="polite">
            {result.total.toLocaleString('en')} {result.total === 1 ? 'organization' : 'organizations'}
          </p>
          <Table label="Organizations">
            <TableHead columns={['Name', 'Domains', 'Directories']} />
            <tbody className="divide-y divide-slate-100">
              {result.items.map((org) => (
                <tr key={org.id}>
                  <td className={`${td} font-medium`}>
                    <Link
                      prefetch={false}
                      href={`/dashboard/organizations/${org.id}`}
                      className="text-brand-700 hover:underline"
                    >
                      {org.name}
                    </Link>
                  </td>
                  <td className={`${td} break-all`}>
                    {org.domains.join(', ') || <span className="text-slate-500">—</span>}
                  </td>
                  <td className={td}>{org.directories}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <PagePager base="/dashboard/organizations" params={{ q }} page={result.page} pageCount={result.pageCount} />
        </>
      )}
    </>
  );
}
