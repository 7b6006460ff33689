import { requirePageAccess } from '@/lib/auth/session';
import { PageHeader } from '@/components/ui/layout';
import { ChangePasswordForm } from '@/components/settings/change-password-form';

export const metadata = { title: 'Your account' };

export default async function AccountPage() {
  const staff = await requirePageAccess();
  return (
    <>
      <PageHeader title="Your account" description={`${staff.name} · ${staff.email}`} />
      <div className="max-w-md">
        <ChangePasswordForm email={staff.email} />
      </div>
    </>
  );
}
