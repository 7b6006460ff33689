'use client';
import { useState, useTransition } from 'react';
import { setCezanneHrEnabledAction } from '@/app/(dashboard)/dashboard/settings/actions';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { reportResult } from '@/components/ui/use-action-toast';
import { Switch } from '@/components/ui/switch';

/** The owner's switch for the Cezanne HR integration (applies at once; turning it off asks first). */
export function CezanneHrSwitch({ enabled: initial, canChange }: { enabled: boolean; canChange: boolean }) {
  const [enabled, setEnabled] = useState(initial);
  const [confirmingOff, setConfirmingOff] = useState(false);
  const [pending, startTransition] = useTransition();
  const apply = (next: boolean) =>
    new Promise<void>((resolve) => {
      setEnabled(next);
      startTransition(async () => {
        const ok = reportResult(
          await setCezanneHrEnabledAction(undefined, { enabled: next ? 'on' : 'off' }),
          next ? 'Cezanne HR integration enabled' : 'Cezanne HR integration disabled',
        );
        if (!ok) setEnabled(!next);
        resolve();
      });
    });
  return (
    <>
      <Switch
        label="Cezanne HR"
        checked={enabled}
        disabled={!canChange || pending}
        aria-busy={pending}
        onChange={(event) => (event.target.checked ? void apply(true) : setConfirmingOff(true))}
        description={
          canChange
            ? 'Lets IT admins (and the Admin Portal) create Cezanne HR directories. Existing directories keep syncing either way.'
            : 'Only an owner can change this.'
        }
      />
      <ConfirmDialog
        open={confirmingOff}
        onOpenChange={setConfirmingOff}
        title="Disable the Cezanne HR integration?"
        description="No new Cezanne HR directories can be created. Existing directories keep syncing."
        confirmLabel="Disable"
        onConfirm={() => apply(false)}
      />
    </>
  );
}
