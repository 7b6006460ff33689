import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { DSYNC_EVENTS } from '@/lib/directory-sync/events';
import { listEndpoints } from '@/lib/directory-sync/webhooks';
import { utcMinute } from '@/lib/format';
import { Card, PageHeader } from '@/components/ui/layout';
import { WebhookEndpoints, type EndpointRow } from '@/components/directory-sync/webhook-endpoints';

export const metadata = { title: 'Webhooks' };

const VERIFY_SNIPPET = `import { WorkOS } from '@workos-inc/node';
const workos = new WorkOS(process.env.WORKOS_API_KEY);

// In your POST handler: the raw body (or the parsed object) and the header
const event = await workos.webhooks.constructEvent({
  payload: body,
  sigHeader: request.headers['workos-signature'],
  secret: process.env.ROSTER_WEBHOOK_SECRET,
});`;

export default async function WebhooksPage() {
  const staff = await requirePageAccess('directorySync');
  const endpoints = await listEndpoints(getDb(), staff.tenantId);
  const rows: EndpointRow[] = endpoints.map((endpoint) => ({
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    secretLastFour: endpoint.secretLastFour,
    waiting: endpoint.waiting,
    consecutiveFailures: endpoint.consecutiveFailures,
    createdAt: utcMinute(endpoint.createdAt),
    lastSuccessAt: endpoint.lastSuccessAt ? utcMinute(endpoint.lastSuccessAt) : null,
    lastFailureAt: endpoint.lastFailureAt ? utcMinute(endpoint.lastFailureAt) : null,
  }));
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Endpoints that receive Directory Sync events (dsync.*) as they happen, signed the way WorkOS signs them. Events of one directory arrive in order; a failed delivery is retried with backoff for up to 3 days, and an endpoint that keeps failing is disabled."
      />
      <div className="space-y-6">
        <WebhookEndpoints endpoints={rows} eventTypes={[...DSYNC_EVENTS]} />
        <Card
          title="Verifying a request"
          description="Each request carries a WorkOS-Signature header (t=<milliseconds>, v1=<HMAC-SHA256 of “t.body”>). The WorkOS Node SDK verifies it unchanged; reject requests whose signature does not match, and use the event id to ignore duplicates."
        >
          <pre tabIndex={0} className="overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
            {VERIFY_SNIPPET}
          </pre>
        </Card>
      </div>
    </>
  );
}
