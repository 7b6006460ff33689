'use client';
import { useActionState, useEffect, useRef } from 'react';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { changePasswordAction } from '@/app/(dashboard)/settings/account/actions';
import { TextField } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { Card } from '@/components/ui/layout';
import { MIN_PASSWORD_LENGTH, MAX_PASSWORD_BYTES } from '@/lib/auth/schemas';

/**
 * A password change ends every session of the account, this one too: on success the form signs this browser in
 * again with the new password, then goes to `next` (or stays). `oneTimeNotice` (the one-time password banner) shows
 * until the password is changed, and not a moment longer.
 */
export function ChangePasswordForm({
  email,
  next,
  oneTimeNotice,
}: {
  email: string;
  next?: string;
  oneTimeNotice?: React.ReactNode;
}) {
  const router = useRouter();
  const [state, action] = useActionState(changePasswordAction, undefined);
  const newPassword = useRef('');

  useEffect(() => {
    if (state?.ok === false && state.formError) toast.error(state.formError);
    if (!state?.ok) return;
    signIn('credentials', { email, password: newPassword.current, redirect: false }).then((result) => {
      if (result?.error) {
        toast.error('Password changed. Sign in again with your new password.');
        router.replace('/login');
        return;
      }
      toast.success('Password changed');
      if (next) router.replace(next);
      router.refresh();
    });
  }, [state, email, next, router]);

  const errors = state?.fieldErrors ?? {};
  const changed = state?.ok === true;
  return (
    <>
      {oneTimeNotice && !changed && (
        <div
          className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200"
          data-testid="one-time-password-banner"
        >
          {oneTimeNotice}
        </div>
      )}
      {oneTimeNotice && changed && (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800 ring-1 ring-green-200">
          Password changed. Your one-time password no longer works.
        </p>
      )}
      <Card title="Change password">
        <form
          action={action}
          onSubmit={(event) => {
            newPassword.current = String(new FormData(event.currentTarget).get('newPassword') ?? '');
          }}
          className="space-y-4"
          noValidate
        >
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            error={errors.currentPassword}
          />
          <TextField
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            error={errors.newPassword}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters, at most ${MAX_PASSWORD_BYTES} bytes.`}
          />
          <TextField
            label="Confirm new password"
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            error={errors.confirmPassword}
          />
          <SubmitButton pendingLabel="Saving…">Change password</SubmitButton>
        </form>
      </Card>
    </>
  );
}
