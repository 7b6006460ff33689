import { requirePageAccess } from '@/lib/auth/session';
import { AreaPlaceholder } from '@/components/shell/area-placeholder';

export const metadata = { title: 'User accounts' };

export default async function Page() {
  await requirePageAccess('administration');
  return <AreaPlaceholder title="User accounts" description="Accounts provisioned for people by SCIM, with their SAML mappings." empty="No user accounts yet" />;
}
