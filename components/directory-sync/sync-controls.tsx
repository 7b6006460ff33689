'use client';
import { useEffect, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { approveHeldRunAction, discardHeldRunAction, syncNowAction } from '@/app/(dashboard)/dashboard/actions';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { reportResult } from '@/components/ui/use-action-toast';

/** "Sync now": queues a run at once (or joins the one queued or running). */
export function SyncNowButton({ directoryId, disabled }: { directoryId: string; disabled?: boolean }) {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="secondary"
      disabled={disabled || pending}
      aria-busy={pending}
      onClick={() =>
        startTransition(async () => {
          reportResult(await syncNowAction(undefined, { directoryId }), 'Sync started', 'The sync could not start.');
        })
      }
    >
      {pending ? 'Starting…' : 'Sync now'}
    </Button>
  );
}

/** Approve or discard a run the safety brake held. */
export function HeldRunButtons({ directoryId, runId, total }: { directoryId: string; runId: string; total: number }) {
  return (
    <div className="flex flex-wrap gap-2">
      <ConfirmButton
        label="Approve deletions"
        variant="danger"
        title={`Delete ${total.toLocaleString('en')} users?`}
        description="The held sync is applied as fetched: these users are deleted from the directory and applications receive dsync.user.deleted for each."
        confirmLabel="Approve and apply"
        onConfirm={async () => {
          reportResult(
            await approveHeldRunAction(undefined, { directoryId, runId }),
            'Approved: the sync is being applied',
          );
        }}
      />
      <ConfirmButton
        label="Discard"
        variant="secondary"
        title="Discard this sync?"
        description="Nothing it fetched is applied; the directory keeps its users and polling resumes every 30 minutes."
        confirmLabel="Discard sync"
        onConfirm={async () => {
          reportResult(await discardHeldRunAction(undefined, { directoryId, runId }), 'Discarded: nothing was changed');
        }}
      />
    </div>
  );
}

/** While a run is queued or running, refreshes the server-rendered page every two seconds (progress bar, counts). */
export function RefreshWhileRunning({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
