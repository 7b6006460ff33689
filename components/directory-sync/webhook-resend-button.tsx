'use client';
import { useState } from 'react';
import { resendDeliveryAction } from '@/app/(dashboard)/dashboard/webhooks/actions';
import { Button } from '@/components/ui/button';
import { reportResult } from '@/components/ui/use-action-toast';

export function ResendButton({ deliveryId }: { deliveryId: number }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      disabled={busy}
      aria-busy={busy}
      onClick={async () => {
        setBusy(true);
        try {
          const result = await resendDeliveryAction(undefined, { deliveryId });
          reportResult(result, result.data?.mode === 'retry_now' ? 'The delivery is due now' : 'Resend queued');
        } finally {
          setBusy(false);
        }
      }}
    >
      Resend
    </Button>
  );
}
