import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { orNotFound } from '@/lib/pages';
import { departmentOptions } from '@/lib/hr/departments';
import { displayName, getPersonDetail } from '@/lib/hr/people';
import { PageHeader } from '@/components/ui/layout';
import { PersonForm } from '@/components/hr/person-form';

export const metadata = { title: 'Edit person' };

export default async function EditPersonPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePageAccess('administration');
  const { id } = await params;
  const db = getDb();
  const detail = await orNotFound(id, (recordId) => getPersonDetail(db, staff.tenantId, recordId));
  const departments = await departmentOptions(db, staff.tenantId);
  const { person } = detail;
  const employment = detail.employments[0];
  return (
    <>
      <PageHeader title={`Edit ${displayName(person)}`} description={`Person code ${person.personCode}`} />
      <div className="max-w-3xl">
        <PersonForm
          departments={departments}
          cancelHref={`/admin/people/${person.id}`}
          initial={{
            personId: person.id,
            employmentRecordId: employment?.id,
            personCode: person.personCode,
            givenName: person.givenName,
            familyName: person.familyName,
            preferredGivenName: person.preferredGivenName ?? '',
            internalEmail: person.internalEmail ?? '',
            externalEmail: person.externalEmail ?? '',
            departmentId: person.departmentId ?? '',
            jobTitle: person.jobTitle ?? '',
            activeEmployee: person.activeEmployee,
            employmentId: employment?.employmentId ?? '',
            startDate: employment?.startDate ?? '',
            endDate: employment?.endDate ?? '',
            primaryEmployment: employment ? employment.isPrimary : true,
          }}
        />
      </div>
    </>
  );
}
