'use client';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { setScimEnabledAction } from '@/app/(dashboard)/admin/integrations/scim/actions';
import { Switch } from '@/components/ui/switch';

/** Applies at once (with an audit entry): while off, every SCIM request of this tenant is refused. */
export function ScimEnableSwitch({ enabled: initial, hasToken }: { enabled: boolean; hasToken: boolean }) {
  const [enabled, setEnabled] = useState(initial);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <Switch
        label="Enable SCIM Provisioning of Users in Cezanne"
        description={
          enabled
            ? hasToken
              ? 'On: Okta can create, update and deactivate user accounts with the secret token.'
              : 'On: generate a secret token below so that Okta can connect.'
            : 'Off: every SCIM request for this company is refused.'
        }
        checked={enabled}
        disabled={pending}
        aria-busy={pending}
        onChange={(event) => {
          const next = event.target.checked;
          setEnabled(next);
          startTransition(async () => {
            const result = await setScimEnabledAction(undefined, { enabled: next ? 'on' : 'off' });
            if (result.ok) toast.success(next ? 'SCIM provisioning is on' : 'SCIM provisioning is off');
            else {
              setEnabled(!next);
              toast.error(result.formError ?? 'Nothing was changed.');
            }
          });
        }}
      />
    </div>
  );
}
