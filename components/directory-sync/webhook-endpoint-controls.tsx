'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import {
  deleteEndpointAction,
  disableEndpointAction,
  enableEndpointAction,
  sendTestEventAction,
} from '@/app/(dashboard)/dashboard/webhooks/actions';
import { Button, buttonClass } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { SelectField } from '@/components/ui/field';
import { reportResult } from '@/components/ui/use-action-toast';

export type EndpointControlsProps = {
  id: string;
  url: string;
  enabled: boolean;
  events: string[];
  afterDelete?: string;
};

/** Send test event (with a choice of event type), Enable/Disable and Delete, for the list and the endpoint page. */
export function EndpointControls({ id, url, enabled, events, afterDelete }: EndpointControlsProps) {
  const router = useRouter();
  return (
    <div className="flex flex-wrap justify-end gap-2 whitespace-nowrap">
      <SendTestEventButton endpointId={id} url={url} enabled={enabled} events={events} />
      {enabled ? (
        <ConfirmButton
          label="Disable"
          title={`Disable ${url}?`}
          description="No more events are sent to this endpoint. Deliveries already waiting stay in the log and go out, in order, when it is enabled again; events that happen while it is disabled are not sent to it."
          confirmLabel="Disable"
          onConfirm={async () => {
            reportResult(await disableEndpointAction(undefined, { endpointId: id }), 'Endpoint disabled');
          }}
        />
      ) : (
        <Button
          variant="secondary"
          onClick={async () => {
            reportResult(await enableEndpointAction(undefined, { endpointId: id }), 'Endpoint enabled');
          }}
        >
          Enable
        </Button>
      )}
      <ConfirmButton
        label="Delete"
        title={`Delete ${url}?`}
        description="The endpoint and its delivery log are removed for good; deliveries still waiting are not sent. An application that needs events again gets a new endpoint with a new signing secret."
        confirmLabel="Delete"
        onConfirm={async () => {
          const result = await deleteEndpointAction(undefined, { endpointId: id });
          if (reportResult(result, 'Endpoint deleted') && afterDelete) router.push(afterDelete);
        }}
      />
    </div>
  );
}

function SendTestEventButton({
  endpointId,
  url,
  enabled,
  events,
}: {
  endpointId: string;
  url: string;
  enabled: boolean;
  events: string[];
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [event, setEvent] = useState(events.includes('dsync.user.created') ? 'dsync.user.created' : (events[0] ?? ''));
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => setOpen(true)}
        disabled={!enabled}
        title={enabled ? undefined : 'Enable the endpoint first'}
      >
        Send test event
      </Button>
      <Dialog
        open={open}
        onOpenChange={(next) => !busy && setOpen(next)}
        title="Send test event"
        description={`A made-up event, signed with this endpoint's secret, is sent to ${url}. It appears in the delivery log.`}
      >
        <form
          className="mt-4 space-y-4"
          onSubmit={async (submit) => {
            submit.preventDefault();
            setBusy(true);
            try {
              if (reportResult(await sendTestEventAction(undefined, { endpointId, event }), 'Test event queued'))
                setOpen(false);
            } finally {
              setBusy(false);
            }
          }}
        >
          <SelectField
            label="Event type"
            name="event"
            value={event}
            onChange={(change) => setEvent(change.target.value)}
          >
            {events.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </SelectField>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={busy}>
              Cancel
            </Button>
            <button type="submit" className={buttonClass('primary')} disabled={busy} aria-busy={busy}>
              {busy ? 'Sending…' : 'Send'}
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
