'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { deletePersonAction } from '@/app/(dashboard)/admin/people/actions';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';

function DeletePersonForm({ personId, name, onCancel }: { personId: string; name: string; onCancel: () => void }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  // Called directly (not through useActionState): once the person is gone their page cannot render, so the outcome
  // must not depend on this component staying mounted.
  const submit = (form: FormData) =>
    startTransition(async () => {
      const result = await deletePersonAction(undefined, form);
      if (result.ok) {
        toast.success(`${name} deleted`);
        router.replace('/admin/people');
        return;
      }
      setError(result.fieldErrors?.confirmName);
      if (!result.fieldErrors?.confirmName && result.formError) toast.error(result.formError);
    });
  return (
    <form action={submit} noValidate className="mt-4 space-y-4">
      <input type="hidden" name="personId" value={personId} />
      <TextField label={`Type ${name} to confirm`} name="confirmName" autoComplete="off" error={error} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={pending} aria-busy={pending}>
          {pending ? 'Deleting…' : 'Delete person'}
        </Button>
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
