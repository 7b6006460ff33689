import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDirectoryUser } from '@/lib/directory-sync';
import { utcMinute } from '@/lib/format';
import { UserStateBadge } from '@/components/directory-sync/state-badge';
import { Card } from '@/components/ui/layout';
import { loadDirectoryPage } from '../../directory-data';

export const metadata = { title: 'Directory user' };

function Attributes({ value }: { value: unknown }) {
  return (
    <pre
      tabIndex={0}
      className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100 focus:outline-2 focus:outline-brand-600"
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** The Cezanne role of the person's user account, as the HR API reported it (custom_attributes.role). */
function roleOf(attributes: unknown): string | null {
  const role = (attributes as Record<string, unknown> | null)?.role;
  return typeof role === 'string' && role ? role : null;
}

export default async function DirectoryUserPage({ params }: { params: Promise<{ id: string; userId: string }> }) {
  const { id, userId } = await params;
  const { staff, db } = await loadDirectoryPage(id);
  const user = await getDirectoryUser(db, staff.tenantId, userId);
  if (!user || user.directoryId !== id) notFound();
  const name = user.name ?? ([user.firstName, user.lastName].filter(Boolean).join(' ') || user.idpId);
  const rows: [string, React.ReactNode][] = [
    [
      'ID',
      <span key="id" className="font-mono text-xs">
        {user.id}
      </span>,
    ],
    ['IdP ID (person code)', user.idpId],
    ['Email', user.email ?? '—'],
    ['Username', user.username ?? '—'],
    ['Job title', user.jobTitle ?? '—'],
    ['State', <UserStateBadge key="state" state={user.state} />],
    ['Role', roleOf(user.customAttributes) ?? '—'],
    ['Groups', user.groups.map((g) => g.name).join(', ') || '—'],
    ['Created (UTC)', utcMinute(user.createdAt)],
    ['Updated (UTC)', utcMinute(user.updatedAt)],
  ];
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/dashboard/directories/${id}`} className="text-brand-700 hover:underline">
          ← All users
        </Link>
      </p>
      <Card title={name}>
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
              <dd className="mt-0.5 break-all text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title="Custom attributes" description="What applications read as custom_attributes.">
        <Attributes value={user.customAttributes} />
      </Card>
      <Card title="Raw attributes" description="The person as the HR API returned it.">
        <Attributes value={user.rawAttributes} />
      </Card>
    </div>
  );
}
