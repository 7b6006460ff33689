import { requirePageAccess } from '@/lib/auth/session';
import { AreaPlaceholder } from '@/components/shell/area-placeholder';

export const metadata = { title: 'Authorised Applications' };

export default async function Page() {
  await requirePageAccess('administration');
  return <AreaPlaceholder title="Authorised Applications" description="OAuth2 applications (Client ID and Client Secret) that read people through the HR API." empty="No authorised applications yet" />;
}
