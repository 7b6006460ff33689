'use client';
import { useState } from 'react';
import { signIn } from 'next-auth/react';
import { TextField, FormAlert } from '@/components/ui/field';
import { buttonClass } from '@/components/ui/button';

/** `callbackPath` is already checked on the server (lib/auth/callback-url): a same-origin relative path or null. */
export function SignInForm({
  defaultEmail = '',
  callbackPath,
}: {
  defaultEmail?: string;
  callbackPath?: string | null;
}) {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    if (!result || result.error) {
      setPending(false);
      setError(result?.error && result.error !== 'CredentialsSignin' ? result.error : 'Wrong email or password.');
      return;
    }
    // A full navigation: the new session cookie reaches the server and the page asked for (or the start page) loads.
    window.location.assign(callbackPath ?? '/');
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormAlert message={error} />
      <TextField label="Email" name="email" type="email" autoComplete="username" defaultValue={defaultEmail} required />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <button type="submit" disabled={pending} className={buttonClass('primary', 'w-full')}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
