'use client';
import Link from 'next/link';
import { useActionState, useCallback, useId, useState } from 'react';
import { createEndpointAction } from '@/app/(dashboard)/dashboard/webhooks/actions';
import { Button, FormActions } from '@/components/ui/button';
import { CopyValue } from '@/components/ui/copy-value';
import { TextField } from '@/components/ui/field';
import { Badge, Card, EmptyState, Table, TableHead, td } from '@/components/ui/layout';
import { useActionOutcome } from '@/components/ui/use-action-toast';
import { toast } from 'sonner';
import { EndpointControls } from './webhook-endpoint-controls';

export type EndpointRow = {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  secretLastFour: string;
  waiting: number;
  consecutiveFailures: number;
  createdAt: string;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
};

type Issued = { url: string; secret: string };

/** The endpoints list with Add Endpoint, and the signing secret shown once after creation. */
export function WebhookEndpoints({ endpoints, eventTypes }: { endpoints: EndpointRow[]; eventTypes: string[] }) {
  const [adding, setAdding] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  const onCreated = useCallback((created: Issued) => {
    setIssued(created);
    setAdding(false);
  }, []);
  return (
    <div>
      <div className="mb-4 flex justify-end">
        {!adding && <Button onClick={() => setAdding(true)}>Add Endpoint</Button>}
      </div>
      {adding && <NewEndpointForm eventTypes={eventTypes} onCreated={onCreated} onCancel={() => setAdding(false)} />}
      {issued && <SigningSecretPanel issued={issued} onDone={() => setIssued(null)} />}
      {endpoints.length === 0 ? (
        <EmptyState
          title="No webhook endpoints yet"
          description="Add an endpoint to have Directory Sync events (dsync.*) pushed to an application, signed the way WorkOS signs them."
        />
      ) : (
        <Table label="Webhook endpoints">
          <TableHead columns={['Endpoint', 'Events', 'Status', 'Signing secret']} actions />
          <tbody className="divide-y divide-slate-100">
            {endpoints.map((endpoint) => (
              <EndpointRowView
                key={endpoint.id}
                endpoint={endpoint}
                allEvents={eventTypes.every((name) => endpoint.events.includes(name))}
              />
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}

export function EndpointStatus({
  endpoint,
}: {
  endpoint: Pick<EndpointRow, 'enabled' | 'disabledReason' | 'waiting' | 'consecutiveFailures'>;
}) {
  return (
    <div className="space-y-1">
      {endpoint.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="red">Disabled</Badge>}
      {!endpoint.enabled && endpoint.disabledReason && (
        <p className="max-w-xs text-xs text-red-700" data-testid="disabled-reason">
          {endpoint.disabledReason}
        </p>
      )}
      {endpoint.enabled && endpoint.consecutiveFailures > 0 && (
        <p className="text-xs text-amber-700">
          {endpoint.consecutiveFailures} failed {endpoint.consecutiveFailures === 1 ? 'attempt' : 'attempts'} in a row
        </p>
      )}
      {endpoint.waiting > 0 && <p className="text-xs text-slate-500">{endpoint.waiting} waiting</p>}
    </div>
  );
}

function EndpointRowView({ endpoint, allEvents }: { endpoint: EndpointRow; allEvents: boolean }) {
  return (
    <tr className="align-top" data-testid="webhook-endpoint">
      <td className={td}>
        <Link
          href={`/dashboard/webhooks/${endpoint.id}`}
          className="break-all font-mono text-xs font-medium text-brand-700 underline"
        >
          {endpoint.url}
        </Link>
        <div className="whitespace-nowrap text-xs text-slate-500">Created {endpoint.createdAt}</div>
        {endpoint.lastSuccessAt && (
          <div className="whitespace-nowrap text-xs text-slate-500">Last delivered {endpoint.lastSuccessAt}</div>
        )}
      </td>
      <td className={`${td} text-xs`}>
        {allEvents ? (
          'All events'
        ) : (
          <>
            {endpoint.events.length} {endpoint.events.length === 1 ? 'event' : 'events'}
            <div className="max-w-xs font-mono text-slate-500">{endpoint.events.join(', ')}</div>
          </>
        )}
      </td>
      <td className={td}>
        <EndpointStatus endpoint={endpoint} />
      </td>
      <td className={`${td} whitespace-nowrap font-mono text-xs`}>••••{endpoint.secretLastFour}</td>
      <td className={`${td} text-right`}>
        <EndpointControls id={endpoint.id} url={endpoint.url} enabled={endpoint.enabled} events={endpoint.events} />
      </td>
    </tr>
  );
}

function NewEndpointForm({
  eventTypes,
  onCreated,
  onCancel,
}: {
  eventTypes: string[];
  onCreated: (issued: Issued) => void;
  onCancel: () => void;
}) {
  const [state, formAction] = useActionState(createEndpointAction, undefined);
  useActionOutcome(state, (data) => {
    toast.success('Endpoint created');
    onCreated({ url: data.url, secret: data.secret });
  });
  const errors = state?.fieldErrors ?? {};
  const submitted = state && !state.ok ? (state.values ?? {}) : null;
  const [chosen, setChosen] = useState<Set<string>>(new Set(eventTypes));
  const groupId = useId();
  const allChosen = chosen.size === eventTypes.length;
  return (
    <Card
      title="Add Endpoint"
      description="Events are sent as signed POST requests; the receiver answers 2xx within 10 seconds."
      className="mb-6"
    >
      <form action={formAction} className="space-y-4" noValidate>
        <TextField
          label="Endpoint URL"
          name="url"
          type="url"
          placeholder="https://app.example.com/webhooks/workos"
          defaultValue={submitted?.url}
          error={errors.url}
          autoFocus
        />
        <fieldset className="space-y-2" aria-describedby={errors.events ? `${groupId}-error` : undefined}>
          <legend className="text-sm font-medium text-slate-700">Events</legend>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={allChosen}
              onChange={() => setChosen(allChosen ? new Set() : new Set(eventTypes))}
              className="size-4 rounded border-slate-300"
            />
            All events
          </label>
          <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
            {eventTypes.map((name) => (
              <label key={name} className="flex items-center gap-2 font-mono text-xs text-slate-700">
                <input
                  type="checkbox"
                  name="events"
                  value={name}
                  checked={chosen.has(name)}
                  onChange={() => {
                    const next = new Set(chosen);
                    if (next.has(name)) next.delete(name);
                    else next.add(name);
                    setChosen(next);
                  }}
                  className="size-4 rounded border-slate-300"
                />
                {name}
              </label>
            ))}
          </div>
          {errors.events && (
            <p id={`${groupId}-error`} className="text-xs text-red-600" data-testid="error-events">
              {errors.events}
            </p>
          )}
        </fieldset>
        <FormActions submitLabel="Create Endpoint" pendingLabel="Creating…" onCancel={onCancel} />
      </form>
    </Card>
  );
}

function SigningSecretPanel({ issued, onDone }: { issued: Issued; onDone: () => void }) {
  return (
    <section
      aria-label="Signing secret"
      className="mb-6 space-y-4 rounded-lg bg-amber-50 p-5 ring-1 ring-amber-200"
      data-testid="issued-webhook-secret"
    >
      <div>
        <h2 className="text-base font-semibold text-amber-950">The endpoint is ready</h2>
        <p className="mt-1 text-sm text-amber-900">
          Copy the signing secret now: <strong>it will not be shown again.</strong> Give it to the application behind{' '}
          <span className="break-all font-mono">{issued.url}</span>; it verifies each request with it, for example{' '}
          <code className="font-mono">workos.webhooks.constructEvent(&#123; payload, sigHeader, secret &#125;)</code>.
        </p>
      </div>
      <CopyValue label="Signing secret" value={issued.secret} testId="webhook-secret" tone="amber" />
      <Button variant="secondary" onClick={onDone}>
        I have copied the secret
      </Button>
    </section>
  );
}
