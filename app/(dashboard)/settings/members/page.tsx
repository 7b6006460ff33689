import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { listMembers } from '@/lib/auth/accounts';
import { PageHeader } from '@/components/ui/layout';
import { InviteMemberForm } from '@/components/settings/invite-member-form';
import { MembersTable } from '@/components/settings/members-table';

export const metadata = { title: 'Members' };

export default async function MembersPage() {
  const staff = await requirePageAccess('members');
  const members = await listMembers(getDb(), staff.tenantId);
  return (
    <>
      <PageHeader
        title="Members"
        description="Staff who sign in to Roster. HR Professionals use Administration; IT admins use Directory Sync; owners use everything."
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <MembersTable
          members={members.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() }))}
          currentId={staff.id}
        />
        <InviteMemberForm />
      </div>
    </>
  );
}
