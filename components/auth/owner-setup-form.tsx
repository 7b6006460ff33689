'use client';
import { useActionState, useEffect, useRef } from 'react';
import { signIn } from 'next-auth/react';
import { toast } from 'sonner';
import { createOwnerAction } from '@/app/(auth)/login/actions';
import { TextField, FormAlert } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH } from '@/lib/auth/schemas';

export function OwnerSetupForm() {
  const [state, action] = useActionState(createOwnerAction, undefined);
  const credentials = useRef<{ email: string; password: string } | null>(null);

  useEffect(() => {
    if (!state?.ok || !credentials.current) return;
    toast.success('Owner account created');
    // Signed in, then a full navigation to the start page (the dashboard), so the new session cookie is used at once.
    // (A client-side replace plus refresh raced the server redirect of "/" and could leave a blank page.)
    signIn('credentials', { ...credentials.current, redirect: false }).then(() => {
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load is the point here
      window.location.assign('/');
    });
  }, [state]);

  const errors = state?.fieldErrors ?? {};
  const values = state?.values ?? {};
  return (
    <form
      action={action}
      onSubmit={(event) => {
        const form = new FormData(event.currentTarget);
        credentials.current = { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') };
      }}
      className="space-y-4"
      noValidate
    >
      <FormAlert message={state?.ok === false ? state.formError : undefined} />
      <TextField
        label="Setup code"
        name="setupCode"
        autoComplete="off"
        defaultValue={values.setupCode}
        error={errors.setupCode}
        hint="Printed in the server log when Roster started; also in the file setup-code of its data directory (.data unless ROSTER_DATA_DIR says otherwise)."
        required
      />
      <TextField
        label="Company name"
        name="companyName"
        defaultValue={values.companyName}
        error={errors.companyName}
        required
      />
      <TextField
        label="Your name"
        name="name"
        autoComplete="name"
        defaultValue={values.name}
        error={errors.name}
        required
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        defaultValue={values.email}
        error={errors.email}
        required
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={errors.password}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters, at most ${MAX_PASSWORD_BYTES} bytes.`}
        required
      />
      <SubmitButton className="w-full" pendingLabel="Creating…">
        Create the owner account
      </SubmitButton>
    </form>
  );
}
