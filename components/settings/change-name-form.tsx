'use client';
import { useActionState } from 'react';
import { changeNameAction } from '@/app/(dashboard)/settings/account/actions';
import { TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { Card } from '@/components/ui/layout';
import { useActionToast } from '@/components/ui/use-action-toast';

/** Your own name, as the header, the members list and the audit log show it. */
export function ChangeNameForm({ name }: { name: string }) {
  const [state, action] = useActionState(changeNameAction, undefined);
  useActionToast(state, 'Name saved');
  return (
    <Card title="Your name">
      <form action={action} className="space-y-4" noValidate>
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          required
          defaultValue={state?.values?.name !== undefined ? String(state.values.name) : name}
          error={state?.fieldErrors?.name}
        />
        <SubmitButton pendingLabel="Saving…">Save name</SubmitButton>
      </form>
    </Card>
  );
}
