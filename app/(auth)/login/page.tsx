import Image from 'next/image';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { isFirstRun } from '@/lib/auth/accounts';
import { getStaffSession } from '@/lib/auth/session';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { ensureSetupCode, readSetupCode, setupCodeBanner } from '@/lib/auth/setup-code';
import { SignInForm } from '@/components/auth/sign-in-form';
import { OwnerSetupForm } from '@/components/auth/owner-setup-form';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const callbackPath = safeCallbackPath((await searchParams).callbackUrl);
  if (await getStaffSession()) redirect(callbackPath ?? '/');
  const firstRun = await isFirstRun(getDb());
  // The code is printed at start-up; should its file have gone since, a new one is made (and printed) now.
  if (firstRun && !readSetupCode()) console.log(setupCodeBanner(ensureSetupCode()));
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md space-y-6">
        <div className="text-center">
          <Image
            src="/logo.svg"
            alt="Roster"
            width={150}
            height={36}
            className="mx-auto h-9 w-auto"
            unoptimized
            priority
          />
          <h1 className="mt-4 text-2xl font-semibold">{firstRun ? 'Create the owner account' : 'Sign in to Roster'}</h1>
          {firstRun && (
            <p className="mt-2 text-sm text-slate-600">
              Roster has no accounts yet. The first account owns the company and can invite HR Professionals and IT
              admins. To prove you run this server, enter the setup code from its log.
            </p>
          )}
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {firstRun ? <OwnerSetupForm /> : <SignInForm callbackPath={callbackPath} />}
        </div>
      </div>
    </main>
  );
}
