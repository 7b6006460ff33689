import Image from 'next/image';
import { redirect } from 'next/navigation';
import { getStaffSession } from '@/lib/auth/session';
import { ChangePasswordForm } from '@/components/settings/change-password-form';
import { SignOutButton } from '@/components/shell/sign-out-button';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Choose your password' };

/** Where a member signed in with a one-time password must go first: every other page and action waits for this. */
export default async function ChangeOneTimePasswordPage() {
  const staff = await getStaffSession();
  if (!staff) redirect('/login');
  if (!staff.mustChangePassword) redirect('/');
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
          <h1 className="mt-4 text-2xl font-semibold">Choose your own password</h1>
        </div>
        <ChangePasswordForm
          email={staff.email}
          next="/"
          oneTimeNotice={
            <>
              You signed in as {staff.email} with a one-time password. Choose your own password to continue; the
              one-time password stops working.
            </>
          }
        />
        <div className="flex justify-center">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
