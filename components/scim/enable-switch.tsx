'use client';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { setScimEnabledAction } from '@/app/(dashboard)/admin/integrations/scim/actions';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Switch } from '@/components/ui/switch';

/**
 * Applies at once (with an audit entry), unlike the rest of the page, which needs Save. Turning it off refuses every
 * SCIM request of this tenant, so that asks for confirmation first.
 */
export function ScimEnableSwitch({ enabled: initial, hasToken }: { enabled: boolean; hasToken: boolean }) {
  const [enabled, setEnabled] = useState(initial);
  const [confirmingOff, setConfirmingOff] = useState(false);
  const [pending, startTransition] = useTransition();

  const apply = (next: boolean) =>
    new Promise<void>((resolve) => {
      setEnabled(next);
      startTransition(async () => {
        const result = await setScimEnabledAction(undefined, { enabled: next ? 'on' : 'off' });
        if (result.ok) toast.success(next ? 'SCIM provisioning is on' : 'SCIM provisioning is off');
        else {
          setEnabled(!next);
          toast.error(result.formError ?? 'Nothing was changed.');
        }
        resolve();
      });
    });

  return (
    <div className="space-y-2">
      <Switch
        label="Enable SCIM Provisioning of Users in Cezanne"
        description={
          <>
            {enabled
              ? hasToken
                ? 'On: Okta can create, update and deactivate user accounts with the secret token.'
                : 'On: generate a secret token below so that Okta can connect.'
              : 'Off: every SCIM request for this company is refused.'}{' '}
            This switch applies at once.
          </>
        }
        checked={enabled}
        disabled={pending}
        aria-busy={pending}
        onChange={(event) => {
          if (event.target.checked) void apply(true);
          else setConfirmingOff(true);
        }}
      />
      <ConfirmDialog
        open={confirmingOff}
        onOpenChange={setConfirmingOff}
        title="Turn off SCIM provisioning?"
        description="Okta (or Microsoft Entra ID) can no longer create, update or deactivate user accounts: every SCIM request for this company is refused until you turn it on again. Existing accounts are kept."
        confirmLabel="Turn off"
        onConfirm={() => apply(false)}
      />
    </div>
  );
}
