'use client';
import { useActionState } from 'react';
import { inviteMemberAction } from '@/app/(dashboard)/settings/members/actions';
import { SelectField, TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { Card } from '@/components/ui/layout';
import { CopyButton } from '@/components/ui/copy-button';
import { useActionToast } from '@/components/ui/use-action-toast';
import { STAFF_ROLES, STAFF_ROLE_LABELS } from '@/lib/auth/roles';

export function InviteMemberForm() {
  const [state, action] = useActionState(inviteMemberAction, undefined);
  useActionToast(state, 'Member invited');
  const errors = state?.fieldErrors ?? {};
  const values = state?.ok ? {} : (state?.values ?? {});
  return (
    <Card
      title="Invite a member"
      description="Creates the account with a one-time password, shown once. Hand it over safely."
    >
      <form action={action} className="space-y-4" noValidate key={state?.ok ? state.data?.email : 'form'}>
        <TextField label="Name" name="name" required defaultValue={values.name} error={errors.name} />
        <TextField label="Email" name="email" required type="email" defaultValue={values.email} error={errors.email} />
        <SelectField label="Role" name="role" defaultValue={values.role ?? 'hr_professional'} error={errors.role}>
          {STAFF_ROLES.map((role) => (
            <option key={role} value={role}>
              {STAFF_ROLE_LABELS[role]}
            </option>
          ))}
        </SelectField>
        <SubmitButton pendingLabel="Creating…">Create account</SubmitButton>
      </form>
      {state?.ok && state.data && (
        <div
          className="mt-4 space-y-2 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200"
          data-testid="one-time-password-panel"
        >
          <p className="font-medium text-amber-900">One-time password for {state.data.email}</p>
          <p className="text-amber-800">It will not be shown again. They choose their own password after signing in.</p>
          <div className="flex items-center gap-2">
            <code className="flex-1 break-all rounded bg-white px-2 py-1 font-mono" data-testid="one-time-password">
              {state.data.oneTimePassword}
            </code>
            <CopyButton value={state.data.oneTimePassword} what="One-time password" />
          </div>
        </div>
      )}
    </Card>
  );
}
