import Link from 'next/link';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { orNotFound } from '@/lib/pages';
import { utcMinute } from '@/lib/format';
import { displayName, getPersonDetail } from '@/lib/hr/people';
import { buttonClass } from '@/components/ui/button-class';
import { Badge, Card, PageHeader } from '@/components/ui/layout';
import { EmploymentsCard } from '@/components/hr/employments-card';
import { DeletePersonButton } from '@/components/hr/delete-person-button';

export const metadata = { title: 'Person' };

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children || <span className="text-slate-500">—</span>}</dd>
    </div>
  );
}

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePageAccess('administration');
  const { id } = await params;
  const detail = await orNotFound(id, (recordId) => getPersonDetail(getDb(), staff.tenantId, recordId));
  const { person, department, account } = detail;
  const primary = detail.employments.find((e) => e.isPrimary);
  return (
    <>
      <PageHeader
        title={displayName(person)}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-xs">{person.personCode}</span>
            {person.activeEmployee ? <Badge tone="green">Active employee</Badge> : <Badge tone="slate">Inactive</Badge>}
            {detail.leaver && <Badge tone="amber">Leaver: primary employment ended {primary?.endDate}</Badge>}
          </span>
        }
        actions={
          <>
            <Link href="/admin/people" className={buttonClass('secondary')}>
              Back to people
            </Link>
            <DeletePersonButton personId={person.id} name={displayName(person)} userName={account?.userName ?? null} />
            <Link href={`/admin/people/${person.id}/edit`} className={buttonClass('primary')}>
              Edit person
            </Link>
          </>
        }
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-6">
          <Card title="Details">
            <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2">
              <Field label="Given name">{person.givenName}</Field>
              <Field label="Family name">{person.familyName}</Field>
              <Field label="Preferred given name">{person.preferredGivenName}</Field>
              <Field label="Job title">{person.jobTitle}</Field>
              <Field label="Internal email">{person.internalEmail}</Field>
              <Field label="External email">{person.externalEmail}</Field>
              <Field label="Department">{department?.name}</Field>
              <Field label="Last updated">{utcMinute(person.updatedAt)}</Field>
            </dl>
          </Card>
          <EmploymentsCard
            personId={person.id}
            employments={detail.employments.map((e) => ({
              id: e.id,
              employmentId: e.employmentId,
              startDate: e.startDate,
              endDate: e.endDate,
              isPrimary: e.isPrimary,
            }))}
          />
        </div>
        <Card
          title="User account"
          description="Created by SCIM provisioning (Okta or Entra ID) when a user is assigned to the Cezanne app."
        >
          {account ? (
            <div className="flex items-center justify-between gap-2 text-sm">
              <Link href={`/admin/users/${account.id}`} className="font-medium text-brand-700 hover:underline">
                {account.userName}
              </Link>
              {account.active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Deactivated</Badge>}
            </div>
          ) : (
            <p className="text-sm text-slate-500">No user account yet.</p>
          )}
        </Card>
      </div>
    </>
  );
}
