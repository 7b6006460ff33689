'use client';
import { useActionState, useState } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { deletePersonAction } from '@/app/(dashboard)/admin/people/actions';
import { Button, SubmitButton } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { useActionOutcome } from '@/components/ui/use-action-toast';

function DeletePersonForm({ personId, name, onCancel }: { personId: string; name: string; onCancel: () => void }) {
  const router = useRouter();
  const [state, action] = useActionState(deletePersonAction, undefined);
  useActionOutcome(state, () => {
    toast.success(`${name} deleted`);
    router.replace('/admin/people');
  });
  return (
    <form action={action} noValidate className="mt-4 space-y-4">
      <input type="hidden" name="personId" value={personId} />
      <TextField
        label={`Type ${name} to confirm`}
        name="confirmName"
        autoComplete="off"
        error={state?.fieldErrors?.confirmName}
      />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <SubmitButton variant="danger" pendingLabel="Deleting…">
          Delete person
        </SubmitButton>
      </div>
    </form>
  );
}

/** Deletes a person after their name is typed: employments, user account and SAML mappings go too. */
export function DeletePersonButton({
  personId,
  name,
  userName,
}: {
  personId: string;
  name: string;
  userName: string | null;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Delete person
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={`Delete ${name}?`}
        description={
          userName
            ? `The person record, its employments and the user account ${userName} (with its SAML mappings) are deleted; Okta no longer finds the account through SCIM. This cannot be undone.`
            : 'The person record and its employments are deleted. This cannot be undone.'
        }
      >
        {open && <DeletePersonForm personId={personId} name={name} onCancel={() => setOpen(false)} />}
      </Dialog>
    </>
  );
}
