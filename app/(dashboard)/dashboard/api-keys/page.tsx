import { requirePageAccess } from '@/lib/auth/session';
import { AreaPlaceholder } from '@/components/shell/area-placeholder';

export const metadata = { title: 'API Keys' };

export default async function Page() {
  await requirePageAccess('directorySync');
  return <AreaPlaceholder title="API Keys" description="Keys for the WorkOS-compatible Directory Sync API." empty="No API keys yet" />;
}
