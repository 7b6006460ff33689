import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import {
  DELIVERY_STATUSES,
  getEndpoint,
  listDeliveries,
  waitingCounts,
  type DeliveryStatus,
} from '@/lib/directory-sync/webhooks';
import { utcMinute } from '@/lib/format';
import { isUuid } from '@/lib/ids';
import { Card, PageHeader } from '@/components/ui/layout';
import { DeliveryFilters, DeliveryLog, type DeliveryRow } from '@/components/directory-sync/webhook-delivery-log';
import { EndpointControls } from '@/components/directory-sync/webhook-endpoint-controls';
import { EndpointStatus } from '@/components/directory-sync/webhook-endpoints';

export const metadata = { title: 'Webhook endpoint' };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
const cursor = (value: string) => (/^\d{1,15}$/.test(value) ? Number(value) : undefined);

export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const staff = await requirePageAccess('directorySync');
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = getDb();
  const endpoint = await getEndpoint(db, staff.tenantId, id);
  if (!endpoint) notFound();
  const query = await searchParams;
  const status = (DELIVERY_STATUSES as readonly string[]).includes(one(query.status))
    ? (one(query.status) as DeliveryStatus)
    : undefined;
  const page = await listDeliveries(db, staff.tenantId, endpoint.id, {
    status,
    before: cursor(one(query.before)),
    after: cursor(one(query.after)),
  });
  const now = new Date();
  const rows: DeliveryRow[] = page.deliveries.map((d) => ({
    id: d.id,
    kind: d.kind,
    eventId: d.eventId,
    eventName: d.eventName,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastDurationMs: d.lastDurationMs,
    lastError: d.lastError,
    responseExcerpt: d.responseExcerpt,
    nextAttemptAt:
      !d.nextAttemptAt || d.status === 'succeeded' || d.status === 'failed'
        ? null
        : d.nextAttemptAt <= now
          ? 'Due now'
          : utcMinute(d.nextAttemptAt),
    lastAttemptAt: d.lastAttemptAt ? utcMinute(d.lastAttemptAt) : null,
    createdAt: utcMinute(d.createdAt),
  }));
  const pageHref = (key: 'before' | 'after', value: number) =>
    `?${new URLSearchParams({ ...(status && { status }), [key]: String(value) })}`;
  const waiting = (await waitingCounts(db, staff.tenantId, [endpoint.id])).get(endpoint.id) ?? 0;

  return (
    <>
      <PageHeader
        title="Webhook endpoint"
        description={<span className="break-all font-mono">{endpoint.url}</span>}
        actions={
          <Link href="/dashboard/webhooks" className="text-sm font-medium text-brand-700 underline">
            All endpoints
          </Link>
        }
      />
      <div className="space-y-6">
        <Card>
          <div className="flex flex-wrap items-start justify-between gap-4">
            <dl className="grid gap-x-8 gap-y-2 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-slate-500">Status</dt>
                <dd>
                  <EndpointStatus
                    endpoint={{
                      enabled: endpoint.enabled,
                      disabledReason: endpoint.disabledReason,
                      consecutiveFailures: endpoint.consecutiveFailures,
                      waiting,
                    }}
                  />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Signing secret</dt>
                <dd className="font-mono text-xs">••••{endpoint.secretLastFour}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Events</dt>
                <dd className="max-w-md font-mono text-xs">{endpoint.events.join(', ')}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Created</dt>
                <dd>{utcMinute(endpoint.createdAt)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Last delivered</dt>
                <dd>{endpoint.lastSuccessAt ? utcMinute(endpoint.lastSuccessAt) : 'Never'}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Last failure</dt>
                <dd>{endpoint.lastFailureAt ? utcMinute(endpoint.lastFailureAt) : 'None'}</dd>
              </div>
            </dl>
            <EndpointControls
              id={endpoint.id}
              url={endpoint.url}
              enabled={endpoint.enabled}
              events={endpoint.events}
              afterDelete="/dashboard/webhooks"
            />
          </div>
        </Card>
        <section aria-label="Delivery log">
          <h2 className="mb-3 text-base font-semibold">Delivery log</h2>
          <DeliveryFilters current={status ?? ''} />
          <DeliveryLog deliveries={rows} filtered={Boolean(status)} paused={!endpoint.enabled} />
          <div className="mt-4 flex justify-between text-sm">
            {page.newer !== null ? (
              <Link className="text-brand-700 underline" href={pageHref('after', page.newer)}>
                Newer deliveries
              </Link>
            ) : (
              <span />
            )}
            {page.older !== null && (
              <Link className="text-brand-700 underline" href={pageHref('before', page.older)}>
                Older deliveries
              </Link>
            )}
          </div>
        </section>
      </div>
    </>
  );
}
