import { requirePageAccess } from '@/lib/auth/session';
import { AreaPlaceholder } from '@/components/shell/area-placeholder';

export const metadata = { title: 'Identity Providers' };

export default async function Page() {
  await requirePageAccess('administration');
  return <AreaPlaceholder title="Identity Providers" description="SAML identity providers used for SSO mappings." empty="No identity providers yet" />;
}
