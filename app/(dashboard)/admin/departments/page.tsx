import { requirePageAccess } from '@/lib/auth/session';
import { AreaPlaceholder } from '@/components/shell/area-placeholder';

export const metadata = { title: 'Departments' };

export default async function Page() {
  await requirePageAccess('administration');
  return <AreaPlaceholder title="Departments" description="Departments group people; they become the groups in Directory Sync." empty="No departments yet" />;
}
