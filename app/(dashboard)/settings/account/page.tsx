import { requirePageAccess } from '@/lib/auth/session';
import { PageHeader } from '@/components/ui/layout';
import { ChangePasswordForm } from '@/components/settings/change-password-form';
import { ChangeNameForm } from '@/components/settings/change-name-form';

export const metadata = { title: 'Your account' };

export default async function AccountPage() {
  const staff = await requirePageAccess();
  return (
    <>
      <PageHeader title="Your account" description={`${staff.name} · ${staff.email}`} />
      <div className="max-w-md space-y-6">
        <ChangeNameForm name={staff.name} />
        <ChangePasswordForm email={staff.email} />
      </div>
    </>
  );
}
