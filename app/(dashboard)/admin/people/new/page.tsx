import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { departmentOptions } from '@/lib/hr/departments';
import { todayIso } from '@/lib/hr/people';
import { PageHeader } from '@/components/ui/layout';
import { PersonForm } from '@/components/hr/person-form';

export const metadata = { title: 'New person' };

export default async function NewPersonPage() {
  const staff = await requirePageAccess('administration');
  const departments = await departmentOptions(getDb(), staff.tenantId);
  return (
    <>
      <PageHeader
        title="New person"
        description="Create the person record first; Okta can then provision a user account for them through SCIM."
      />
      <div className="max-w-3xl">
        <PersonForm
          departments={departments}
          cancelHref="/admin/people"
          initial={{
            personCode: '',
            givenName: '',
            familyName: '',
            preferredGivenName: '',
            internalEmail: '',
            externalEmail: '',
            departmentId: '',
            jobTitle: '',
            activeEmployee: true,
            employmentId: '',
            startDate: todayIso(),
            endDate: '',
            primaryEmployment: true,
          }}
        />
      </div>
    </>
  );
}
