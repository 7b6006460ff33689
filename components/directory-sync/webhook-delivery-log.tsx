import Link from 'next/link';
import { Badge, EmptyState, Table, TableHead, td } from '@/components/ui/layout';
import { ResendButton } from './webhook-resend-button';

export type DeliveryRow = {
  id: number;
  kind: 'event' | 'test' | 'resend';
  eventId: string;
  eventName: string;
  status: 'pending' | 'retrying' | 'succeeded' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  responseExcerpt: string | null;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
};

const FILTERS = [
  ['', 'All'],
  ['pending', 'Pending'],
  ['retrying', 'Retrying'],
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
] as const;

const STATUS_TONE = { pending: 'slate', retrying: 'amber', succeeded: 'green', failed: 'red' } as const;
const STATUS_LABEL = { pending: 'Pending', retrying: 'Retrying', succeeded: 'Succeeded', failed: 'Failed' } as const;

/** Status filter as links: the filter lives in the URL, so a filtered log can be reloaded and shared. */
export function DeliveryFilters({ current }: { current: string }) {
  return (
    <nav aria-label="Filter deliveries by status" className="mb-4 flex flex-wrap gap-2">
      {FILTERS.map(([value, label]) => (
        <Link
          key={value || 'all'}
          href={value ? `?status=${value}` : '?'}
          aria-current={current === value ? 'page' : undefined}
          className={`rounded-full px-3 py-1 text-sm ring-1 ring-inset ${current === value ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'}`}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}

export function DeliveryLog({
  deliveries,
  filtered,
  paused,
}: {
  deliveries: DeliveryRow[];
  filtered: boolean;
  paused: boolean;
}) {
  if (deliveries.length === 0) {
    return (
      <EmptyState
        title={filtered ? 'No deliveries with this status' : 'No deliveries yet'}
        description={
          filtered
            ? 'Choose All to see every delivery.'
            : 'Each event the endpoint receives appears here, with the answer of the receiver. Send a test event to try it.'
        }
      />
    );
  }
  return (
    <Table label="Deliveries">
      <TableHead columns={['Event', 'Status', 'Response', 'Duration', 'Attempts', 'Next attempt']} actions />
      <tbody className="divide-y divide-slate-100">
        {deliveries.map((d) => (
          <tr key={d.id} className="align-top" data-testid="webhook-delivery">
            <td className={`${td} max-w-md`}>
              <div className="font-mono text-xs font-medium text-slate-900" data-testid="delivery-event">
                {d.eventName}
              </div>
              <div className="break-all font-mono text-xs text-slate-500">{d.eventId}</div>
              <div className="text-xs text-slate-500">
                {d.kind === 'test' ? 'Test event · ' : d.kind === 'resend' ? 'Resent · ' : ''}queued {d.createdAt}
              </div>
              {d.responseExcerpt !== null && (
                <details className="mt-1 text-xs">
                  <summary className="cursor-pointer text-brand-700">Response body</summary>
                  <pre
                    tabIndex={0}
                    className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 text-slate-100"
                    data-testid="delivery-excerpt"
                  >
                    {d.responseExcerpt || '(empty)'}
                  </pre>
                </details>
              )}
            </td>
            <td className={td}>
              <span data-testid="delivery-status">
                <Badge tone={STATUS_TONE[d.status]}>{STATUS_LABEL[d.status]}</Badge>
              </span>
            </td>
            <td className={`${td} text-xs`}>
              {d.lastStatusCode !== null && (
                <span className="font-mono" data-testid="delivery-code">
                  {d.lastStatusCode}
                </span>
              )}
              {d.lastError && <p className="max-w-xs text-red-700">{d.lastError}</p>}
              {d.lastStatusCode === null && !d.lastError && <span className="text-slate-500">—</span>}
              {d.lastAttemptAt && <div className="whitespace-nowrap text-slate-500">{d.lastAttemptAt}</div>}
            </td>
            <td className={`${td} whitespace-nowrap text-xs`}>
              {d.lastDurationMs === null ? '—' : `${d.lastDurationMs} ms`}
            </td>
            <td className={`${td} text-xs`} data-testid="delivery-attempts">
              {d.attempts}
            </td>
            <td className={`${td} whitespace-nowrap text-xs`}>
              {d.nextAttemptAt ? (paused ? 'Paused (endpoint disabled)' : d.nextAttemptAt) : '—'}
            </td>
            <td className={`${td} text-right`}>
              <ResendButton deliveryId={d.id} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
