import Link from 'next/link';
import { searchParam } from '@/lib/pages';
import { directoryUsersPage } from '@/lib/directory-sync/dashboard';
import { ListSearch } from '@/components/directory-sync/list-search';
import { CursorPager } from '@/components/directory-sync/pager';
import { UserStateBadge } from '@/components/directory-sync/state-badge';
import { EmptyState, Table, TableHead, td } from '@/components/ui/layout';
import { loadDirectoryPage } from './directory-data';

export const metadata = { title: 'Directory users' };

export default async function DirectoryUsersTab({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const { staff, db, directory } = await loadDirectoryPage(id);
  const q = searchParam(query.q);
  const page = await directoryUsersPage(db, staff.tenantId, id, {
    q,
    after: searchParam(query.after),
    before: searchParam(query.before),
  });
  const base = `/dashboard/directories/${id}`;
  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading" className="sr-only">
        Users
      </h2>
      <ListSearch id="directory-user-search" label="Search users" placeholder="Name, email or username" />
      {page.items.length === 0 ? (
        <EmptyState
          title={q ? 'No users match' : 'No users yet'}
          description={
            q
              ? `Nothing matches “${q}”.`
              : directory.state === 'linked'
                ? 'The initial sync fills this list.'
                : 'Users appear here after the directory is Linked and synced.'
          }
        />
      ) : (
        <>
          <Table label="Directory users">
            <TableHead columns={['Name', 'Email', 'State', 'Role', 'Job title', 'Groups']} />
            <tbody className="divide-y divide-slate-100">
              {page.items.map((user) => (
                <tr key={user.id}>
                  <td className={`${td} font-medium`}>
                    <Link prefetch={false} href={`${base}/users/${user.id}`} className="text-brand-700 hover:underline">
                      {user.name ?? ([user.firstName, user.lastName].filter(Boolean).join(' ') || user.idpId)}
                    </Link>
                  </td>
                  <td className={`${td} break-all`}>{user.email ?? '—'}</td>
                  <td className={td}>
                    <UserStateBadge state={user.state} />
                  </td>
                  <td className={td}>{user.role ?? '—'}</td>
                  <td className={td}>{user.jobTitle ?? '—'}</td>
                  <td className={td}>{user.groups.map((g) => g.name).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <CursorPager base={base} params={{ q }} previous={page.previous} next={page.next} label="Users pages" />
        </>
      )}
    </section>
  );
}
