'use client';
import { useActionState, useState } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { deleteDirectoryAction, renameDirectoryAction } from '@/app/(dashboard)/dashboard/actions';
import { Button, SubmitButton } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormAlert, TextField } from '@/components/ui/field';
import { useActionOutcome } from '@/components/ui/use-action-toast';

export function RenameDirectoryForm({ directoryId, name }: { directoryId: string; name: string }) {
  const [state, action] = useActionState(renameDirectoryAction, undefined);
  useActionOutcome(state, (data) => toast.success(`Directory renamed to “${data.name}”`));
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <input type="hidden" name="directoryId" value={directoryId} />
      <div className="flex-1">
        <TextField label="Name" name="name" required defaultValue={name} error={errors.name} maxLength={200} />
      </div>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Rename
      </SubmitButton>
    </form>
  );
}

function DeleteDirectoryForm({
  directoryId,
  name,
  onCancel,
}: {
  directoryId: string;
  name: string;
  onCancel: () => void;
}) {
  const router = useRouter();
  const [typed, setTyped] = useState('');
  const [state, action] = useActionState(deleteDirectoryAction, undefined);
  useActionOutcome(state, (data) => {
    toast.success(`Directory “${name}” deleted`);
    router.push(`/dashboard/organizations/${data.organizationId}`);
  });
  return (
    <form action={action} noValidate className="mt-4 space-y-4">
      <input type="hidden" name="directoryId" value={directoryId} />
      <TextField
        label={`Type “${name}” to confirm`}
        name="confirmation"
        autoComplete="off"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        error={state?.fieldErrors?.confirmation}
      />
      {state?.ok === false && state.formError && !state.fieldErrors && <FormAlert message={state.formError} />}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <SubmitButton variant="danger" pendingLabel="Deleting…" disabled={typed.trim() !== name}>
          Delete directory
        </SubmitButton>
      </div>
    </form>
  );
}

/** Deleting a directory asks for its name to be typed: applications receive `dsync.deleted` and lose its users. */
export function DeleteDirectoryButton({ directoryId, name }: { directoryId: string; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete directory
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={`Delete ${name}?`}
        description="Its users and groups are removed from Roster, polling stops, and applications receive dsync.deleted. The HR system is not changed. This cannot be undone."
      >
        <DeleteDirectoryForm directoryId={directoryId} name={name} onCancel={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
