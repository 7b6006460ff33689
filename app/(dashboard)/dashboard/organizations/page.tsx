import { requirePageAccess } from '@/lib/auth/session';
import { AreaPlaceholder } from '@/components/shell/area-placeholder';

export const metadata = { title: 'Organizations' };

export default async function Page() {
  await requirePageAccess('directorySync');
  return <AreaPlaceholder title="Organizations" description="Organizations and their Directory Sync connections." empty="No organizations yet" />;
}
