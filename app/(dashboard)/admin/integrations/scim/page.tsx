import Link from 'next/link';
import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { utcMinute } from '@/lib/format';
import { loadScimSettingsPage } from '@/lib/scim/settings';
import { buttonClass } from '@/components/ui/button-class';
import { Card, PageHeader } from '@/components/ui/layout';
import { CopyValue } from '@/components/ui/copy-value';
import { ScimEnableSwitch } from '@/components/scim/enable-switch';
import { OktaSetupPanel } from '@/components/scim/okta-setup';
import { ScimSettingsForm } from '@/components/scim/settings-form';
import { ScimTokenCard } from '@/components/scim/token-card';

export const metadata = { title: 'SCIM' };

const when = (d: Date | null) => (d ? utcMinute(d) : null);

export default async function ScimSettingsPage() {
  const staff = await requirePageAccess('administration');
  const { settings, identityProviders, scimUrl } = await loadScimSettingsPage(getDb(), staff.tenantId, await headers());
  const token = settings.token
    ? {
        lastFour: settings.token.lastFour,
        createdAt: when(settings.token.createdAt),
        createdByName: settings.token.createdByName,
        lastUsedAt: when(settings.token.lastUsedAt),
      }
    : null;
  return (
    <>
      <PageHeader
        title="SCIM"
        description="Let Okta (or Microsoft Entra ID) create, update and deactivate user accounts for people who already have a person record."
        actions={
          <>
            <Link href="/admin/users" className={buttonClass('secondary')}>
              Provisioned accounts
            </Link>
            <Link href="/admin/integrations/scim/logs" className={buttonClass('secondary')}>
              SCIM request log
            </Link>
          </>
        }
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="space-y-6">
          <Card title="Provisioning">
            <div className="space-y-5">
              <ScimEnableSwitch enabled={settings.enabled} hasToken={Boolean(token)} />
              <div className="border-t border-slate-100 pt-5">
                <ScimTokenCard token={token} />
              </div>
            </div>
          </Card>
          <Card
            title="Connection"
            description="Okta asks for the Tenant ID; Microsoft Entra ID asks for the whole SCIM URL."
          >
            <div className="space-y-4">
              <CopyValue label="SCIM URL" value={scimUrl} testId="scim-url" />
              <CopyValue label="Tenant ID" value={settings.tenantId} testId="scim-tenant-id" />
            </div>
          </Card>
          <Card title="Matching and SSO">
            <ScimSettingsForm
              matchMethod={settings.matchMethod}
              createSamlMappings={settings.createSamlMappings}
              identityProviderId={settings.identityProviderId}
              userIdentifier={settings.userIdentifier}
              identityProviders={identityProviders}
            />
          </Card>
        </div>
        <Card title="Okta setup" description="Follow these steps in Okta after generating the secret token.">
          <OktaSetupPanel tenantId={settings.tenantId} scimUrl={scimUrl} />
        </Card>
      </div>
    </>
  );
}
