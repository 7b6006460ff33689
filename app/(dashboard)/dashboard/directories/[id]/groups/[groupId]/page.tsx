import Link from 'next/link';
import { searchParam } from '@/lib/pages';
import { notFound } from 'next/navigation';
import { getDirectoryGroup } from '@/lib/directory-sync';
import { directoryUsersPage } from '@/lib/directory-sync/dashboard';
import { CursorPager } from '@/components/directory-sync/pager';
import { UserStateBadge } from '@/components/directory-sync/state-badge';
import { Card, EmptyState, Table, TableHead, td } from '@/components/ui/layout';
import { loadDirectoryPage } from '../../directory-data';

export const metadata = { title: 'Directory group' };

export default async function DirectoryGroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; groupId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id, groupId } = await params;
  const query = await searchParams;
  const { staff, db } = await loadDirectoryPage(id);
  const group = await getDirectoryGroup(db, staff.tenantId, groupId);
  if (!group || group.directoryId !== id) notFound();
  const members = await directoryUsersPage(db, staff.tenantId, id, {
    groupId,
    after: searchParam(query.after),
    before: searchParam(query.before),
  });
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={`/dashboard/directories/${id}/groups`} className="text-brand-700 hover:underline">
          ← All groups
        </Link>
      </p>
      <Card title={group.name} description={<span className="font-mono text-xs">{group.id}</span>}>
        {members.items.length === 0 ? (
          <EmptyState title="No members" description="Nobody in this directory belongs to this group." />
        ) : (
          <>
            <Table label="Group members">
              <TableHead columns={['Name', 'Email', 'State']} plain />
              <tbody className="divide-y divide-slate-100">
                {members.items.map((user) => (
                  <tr key={user.id}>
                    <td className={`${td} font-medium`}>
                      <Link
                        prefetch={false}
                        href={`/dashboard/directories/${id}/users/${user.id}`}
                        className="text-brand-700 hover:underline"
                      >
                        {user.name ?? ([user.firstName, user.lastName].filter(Boolean).join(' ') || user.idpId)}
                      </Link>
                    </td>
                    <td className={`${td} break-all`}>{user.email ?? '—'}</td>
                    <td className={td}>
                      <UserStateBadge state={user.state} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <CursorPager
              base={`/dashboard/directories/${id}/groups/${groupId}`}
              params={{}}
              previous={members.previous}
              next={members.next}
              label="Members pages"
            />
          </>
        )}
      </Card>
    </div>
  );
}
