import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { listDepartments } from '@/lib/hr/departments';
import { PageHeader } from '@/components/ui/layout';
import { DepartmentsManager } from '@/components/hr/departments-manager';

export const metadata = { title: 'Departments' };

export default async function DepartmentsPage() {
  const staff = await requirePageAccess('administration');
  const departments = await listDepartments(getDb(), staff.tenantId);
  return (
    <>
      <PageHeader
        title="Departments"
        description="Each person belongs to at most one department. Departments become the groups in Directory Sync."
      />
      <DepartmentsManager
        departments={departments.map((d) => ({ id: d.id, name: d.name, code: d.code, peopleCount: d.peopleCount }))}
      />
    </>
  );
}
