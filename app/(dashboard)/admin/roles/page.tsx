import { requirePageAccess } from '@/lib/auth/session';
import { AreaPlaceholder } from '@/components/shell/area-placeholder';

export const metadata = { title: 'Roles' };

export default async function Page() {
  await requirePageAccess('administration');
  return <AreaPlaceholder title="Roles" description="Cezanne roles. The SCIM Cezanne Role attribute must match a role's original name." empty="No custom roles yet" />;
}
