'use client';
import { useActionState } from 'react';
import { changePasswordAction } from '@/app/(dashboard)/settings/account/actions';
import { TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { Card } from '@/components/ui/layout';
import { useActionToast } from '@/components/ui/use-action-toast';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/schemas';

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePasswordAction, undefined);
  useActionToast(state, 'Password changed');
  const errors = state?.fieldErrors ?? {};
  return (
    <Card title="Change password">
      <form action={action} className="space-y-4" noValidate>
        <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} />
        <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" error={errors.newPassword} hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} />
        <TextField label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} />
        <SubmitButton pendingLabel="Saving…">Change password</SubmitButton>
      </form>
    </Card>
  );
}
