import Link from 'next/link';
import { searchParam } from '@/lib/pages';
import { directoryGroupsPage } from '@/lib/directory-sync/dashboard';
import { ListSearch } from '@/components/directory-sync/list-search';
import { CursorPager } from '@/components/directory-sync/pager';
import { EmptyState, Table, TableHead, td } from '@/components/ui/layout';
import { loadDirectoryPage } from '../directory-data';

export const metadata = { title: 'Directory groups' };

export default async function DirectoryGroupsTab({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const { staff, db } = await loadDirectoryPage(id);
  const q = searchParam(query.q);
  const page = await directoryGroupsPage(db, staff.tenantId, id, {
    q,
    after: searchParam(query.after),
    before: searchParam(query.before),
  });
  const base = `/dashboard/directories/${id}/groups`;
  return (
    <section aria-labelledby="groups-heading">
      <h2 id="groups-heading" className="sr-only">
        Groups
      </h2>
      <ListSearch id="directory-group-search" label="Search groups" placeholder="Group name" />
      {page.items.length === 0 ? (
        <EmptyState
          title={q ? 'No groups match' : 'No groups yet'}
          description={q ? `Nothing matches “${q}”.` : 'Cezanne HR departments appear here as groups after a sync.'}
        />
      ) : (
        <>
          <Table label="Directory groups">
            <TableHead columns={['Name', 'IdP ID', 'Members']} />
            <tbody className="divide-y divide-slate-100">
              {page.items.map((group) => (
                <tr key={group.id}>
                  <td className={`${td} font-medium`}>
                    <Link prefetch={false} href={`${base}/${group.id}`} className="text-brand-700 hover:underline">
                      {group.name}
                    </Link>
                  </td>
                  <td className={`${td} font-mono text-xs`}>{group.idpId}</td>
                  <td className={td}>{group.members.toLocaleString('en')}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <CursorPager base={base} params={{ q }} previous={page.previous} next={page.next} label="Groups pages" />
        </>
      )}
    </section>
  );
}
