import Link from 'next/link';
import { activeRun, heldRun } from '@/lib/directory-sync/runs';
import { storedDirectoryCounts } from '@/lib/directory-sync/counts';
import { directoryCredentials } from '@/lib/directory-sync/directories';
import { heldRunPreview } from '@/lib/directory-sync/dashboard';
import { directoryTypeLabel } from '@/lib/directory-sync/integrations';
import { utcMinute } from '@/lib/format';
import { DirectoryCredentialsForm } from '@/components/directory-sync/credentials-form';
import { CredentialsHelp } from '@/components/directory-sync/credentials-help';
import { DirectoryTabs } from '@/components/directory-sync/directory-tabs';
import { DirectoryStateBadge } from '@/components/directory-sync/state-badge';
import { HeldRunButtons, RefreshWhileRunning, SyncNowButton } from '@/components/directory-sync/sync-controls';
import { Card, PageHeader } from '@/components/ui/layout';
import { loadDirectoryPage } from './directory-data';

const STATE_TEXT = {
  unlinked: 'Enter the Client ID and Client Secret, then click Update Directory.',
  validating: 'Checking the credentials against the HR API…',
  linked: 'Polled every 30 minutes starting from the time of the initial sync.',
  invalid_credentials: 'The HR API refused the credentials. Nothing is synced until they are updated.',
  deleting: 'This directory is being deleted.',
} as const;

function ProgressBar({ done, total, label }: { done: number; total: number | null; label: string }) {
  const percent = total ? Math.min(100, Math.round((done / Math.max(total, 1)) * 100)) : null;
  return (
    <div className="space-y-1">
      <div className="flex justify-between text-xs text-slate-600">
        <span>{label}</span>
        <span>
          {done.toLocaleString('en')}
          {total ? ` of ${total.toLocaleString('en')} users` : ' users'}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={done}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full bg-brand-600 transition-all ${percent === null ? 'w-1/3 animate-pulse' : ''}`}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
    </div>
  );
}

export default async function DirectoryLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const { staff, db, directory, organization } = await loadDirectoryPage(id);
  const [run, held, counts, credentials] = await Promise.all([
    activeRun(db, staff.tenantId, id),
    heldRun(db, staff.tenantId, id),
    storedDirectoryCounts(db, staff.tenantId, id),
    directoryCredentials(db, staff.tenantId, id).catch(() => null),
  ]);
  const preview = held ? await heldRunPreview(db, staff.tenantId, id, held.id) : null;
  const needsCredentials = ['unlinked', 'invalid_credentials', 'validating'].includes(directory.state);
  const refreshing = Boolean(run) || directory.state === 'validating';
  return (
    <>
      <RefreshWhileRunning active={refreshing} />
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/dashboard/organizations" className="text-brand-700 hover:underline">
          Organizations
        </Link>
        <span aria-hidden className="mx-1 text-slate-500">
          ›
        </span>
        <Link href={`/dashboard/organizations/${organization.id}`} className="text-brand-700 hover:underline">
          {organization.name}
        </Link>
      </nav>
      <PageHeader
        title={directory.name}
        description={
          <span className="break-all">
            {directoryTypeLabel(directory.type)} · <span className="font-mono text-xs">{directory.id}</span>
          </span>
        }
        actions={
          ['linked', 'validating'].includes(directory.state) ? (
            <SyncNowButton directoryId={id} disabled={Boolean(run)} />
          ) : undefined
        }
      />

      <Card className="mb-6">
        <div className="flex flex-wrap items-center gap-3">
          <DirectoryStateBadge state={directory.state} />
          <p className="text-sm text-slate-700">{STATE_TEXT[directory.state]}</p>
        </div>
        {directory.lastError && directory.state !== 'linked' && (
          <p
            role="alert"
            data-testid="directory-error"
            className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200"
          >
            {directory.lastError}
          </p>
        )}
        <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">Users</dt>
            <dd data-testid="directory-user-count">
              {(counts.users.active + counts.users.inactive).toLocaleString('en')} (
              {counts.users.inactive.toLocaleString('en')} inactive)
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">Groups</dt>
            <dd>{counts.groups.toLocaleString('en')}</dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">Last sync (UTC)</dt>
            <dd>{directory.lastSyncAt ? utcMinute(directory.lastSyncAt) : 'Never'}</dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">Next sync (UTC)</dt>
            <dd data-testid="next-sync">
              {directory.state === 'linked' && directory.nextSyncAt ? utcMinute(directory.nextSyncAt) : '—'}
            </dd>
          </div>
        </dl>
        {run && (
          <div className="mt-4" aria-live="polite">
            <ProgressBar
              done={run.usersFetched}
              total={run.usersTotal}
              label={
                run.status === 'queued' ? 'Sync queued' : run.fetchCompletedAt ? 'Applying changes' : 'Fetching users'
              }
            />
          </div>
        )}
        {needsCredentials && (
          <div className="mt-5 grid gap-5 border-t border-slate-100 pt-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
            <DirectoryCredentialsForm
              directoryId={id}
              clientId={directory.clientId}
              secretLastFour={credentials ? credentials.clientSecret.slice(-4) : null}
              baseUrl={directory.baseUrl}
            />
            <CredentialsHelp />
          </div>
        )}
      </Card>

      {held && preview && (
        <div
          role="alert"
          data-testid="held-run"
          className="mb-6 space-y-3 rounded-lg bg-amber-50 p-4 text-sm text-amber-950 ring-1 ring-inset ring-amber-300"
        >
          <p className="font-semibold">A sync is waiting for approval</p>
          <p>{held.heldReason}</p>
          {preview.users.length > 0 && (
            <ul className="list-inside list-disc">
              {preview.users.map((u) => (
                <li key={u.id}>
                  {u.name ?? ([u.firstName, u.lastName].filter(Boolean).join(' ') || u.email)}
                  {u.email ? ` (${u.email})` : ''}
                </li>
              ))}
              {preview.total > preview.users.length && (
                <li>…and {(preview.total - preview.users.length).toLocaleString('en')} more</li>
              )}
            </ul>
          )}
          <HeldRunButtons directoryId={id} runId={held.id} total={preview.total} />
        </div>
      )}

      <DirectoryTabs directoryId={id} />
      {children}
    </>
  );
}
