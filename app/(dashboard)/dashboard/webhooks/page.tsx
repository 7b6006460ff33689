import { requirePageAccess } from '@/lib/auth/session';
import { AreaPlaceholder } from '@/components/shell/area-placeholder';

export const metadata = { title: 'Webhooks' };

export default async function Page() {
  await requirePageAccess('directorySync');
  return <AreaPlaceholder title="Webhooks" description="Endpoints that receive signed dsync.* events." empty="No webhook endpoints yet" />;
}
