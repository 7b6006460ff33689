'use client';
import { useActionState, useState } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { createOrganizationAction } from '@/app/(dashboard)/dashboard/actions';
import { Button, FormActions } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormAlert, TextAreaField, TextField } from '@/components/ui/field';
import { useActionOutcome } from '@/components/ui/use-action-toast';

function CreateOrganizationForm({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const [state, action] = useActionState(createOrganizationAction, undefined);
  useActionOutcome(state, (data) => {
    toast.success(`Organization “${data.name}” created`);
    onDone();
    router.push(`/dashboard/organizations/${data.id}`);
  });
  const errors = state?.fieldErrors ?? {};
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} noValidate className="mt-4 space-y-4" key={JSON.stringify(values ?? {})}>
      <TextField
        label="Name"
        name="name"
        required
        autoFocus
        defaultValue={values?.name ?? ''}
        error={errors.name}
        maxLength={200}
      />
      <TextAreaField
        label="Domains"
        name="domains"
        rows={2}
        defaultValue={values?.domains ?? ''}
        error={errors.domains ?? Object.entries(errors).find(([key]) => key.startsWith('domains'))?.[1]}
        hint="Optional: the organization's email domains, separated by commas or spaces (e.g. acme.com)."
      />
      {state?.ok === false && state.formError && !Object.keys(errors).length && <FormAlert message={state.formError} />}
      <FormActions submitLabel="Create organization" pendingLabel="Creating…" onCancel={onDone} />
    </form>
  );
}

/** "Create organization": a modal form with Name and Domains. */
export function CreateOrganizationButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Create organization</Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Create organization"
        description="An organization is a customer of your application; its directories sync its people."
      >
        <CreateOrganizationForm onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
