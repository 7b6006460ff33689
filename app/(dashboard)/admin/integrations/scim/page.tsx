import { requirePageAccess } from '@/lib/auth/session';
import { AreaPlaceholder } from '@/components/shell/area-placeholder';

export const metadata = { title: 'SCIM' };

export default async function Page() {
  await requirePageAccess('administration');
  return <AreaPlaceholder title="SCIM" description="Let Okta provision user accounts in Roster." empty="SCIM is not set up yet" />;
}
