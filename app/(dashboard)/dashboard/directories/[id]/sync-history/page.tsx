import Link from 'next/link';
import { listSyncRuns } from '@/lib/directory-sync';
import { recentRunsForChart } from '@/lib/directory-sync/dashboard';
import { utcMinute } from '@/lib/format';
import { RunsChart } from '@/components/directory-sync/runs-chart';
import { Badge, Card, EmptyState, Table, TableHead, td } from '@/components/ui/layout';
import { loadDirectoryPage } from '../directory-data';

export const metadata = { title: 'Sync history' };

const STATUS_TONE = {
  queued: 'slate',
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  held: 'amber',
  discarded: 'slate',
} as const;

function duration(startedAt: Date | null, finishedAt: Date | null) {
  if (!startedAt) return '—';
  const ms = (finishedAt ?? new Date()).getTime() - startedAt.getTime();
  return ms < 60_000
    ? `${(ms / 1000).toFixed(1)} s`
    : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export default async function SyncHistoryTab({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const { staff, db, directory } = await loadDirectoryPage(id);
  const beforeParam = typeof query.before === 'string' ? new Date(query.before) : undefined;
  const before = beforeParam && !Number.isNaN(beforeParam.getTime()) ? beforeParam : undefined;
  const [runs, chart] = await Promise.all([
    listSyncRuns(db, staff.tenantId, id, { before, limit: 20 }),
    recentRunsForChart(db, staff.tenantId, id),
  ]);
  return (
    <div className="space-y-6">
      <Card title="Schedule">
        <p className="text-sm text-slate-700">
          Cezanne HR directories poll every 30 minutes starting from the time of the initial sync
          {directory.anchorAt ? ` (${utcMinute(directory.anchorAt)} UTC)` : ''}.{' '}
          {directory.state === 'linked' && directory.nextSyncAt ? (
            <>
              Next sync: <strong>{utcMinute(directory.nextSyncAt)} UTC</strong>.
            </>
          ) : (
            'No sync is scheduled until the directory is Linked.'
          )}
        </p>
      </Card>
      <Card title="Last syncs">
        <RunsChart runs={chart} />
      </Card>
      {runs.items.length === 0 ? (
        <EmptyState
          title="No syncs yet"
          description="The initial sync starts when Update Directory links the directory."
        />
      ) : (
        <>
          <Table label="Sync runs">
            <TableHead
              columns={[
                'Queued (UTC)',
                'Trigger',
                'Status',
                'Duration',
                'Users fetched',
                'Created / updated / deleted',
                'Error',
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {runs.items.map((run) => (
                <tr key={run.id} className="align-top">
                  <td className={`${td} whitespace-nowrap`}>{utcMinute(run.queuedAt)}</td>
                  <td className={td}>{run.trigger}</td>
                  <td className={td}>
                    <Badge tone={STATUS_TONE[run.status]}>{run.status}</Badge>
                  </td>
                  <td className={`${td} whitespace-nowrap`}>{duration(run.startedAt, run.finishedAt)}</td>
                  <td className={td}>
                    {run.usersFetched.toLocaleString('en')}
                    {run.usersTotal ? ` of ${run.usersTotal.toLocaleString('en')}` : ''}
                  </td>
                  <td className={td}>
                    {run.usersCreated} / {run.usersUpdated} / {run.usersDeleted}
                  </td>
                  <td className={`${td} max-w-xs break-words text-red-800`}>{run.error ?? run.heldReason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          {runs.before && (
            <p className="mt-4 text-right">
              <Link
                prefetch={false}
                className="text-sm text-brand-700 hover:underline"
                href={`/dashboard/directories/${id}/sync-history?before=${encodeURIComponent(runs.before.toISOString())}`}
              >
                Older syncs →
              </Link>
            </p>
          )}
        </>
      )}
    </div>
  );
}
