import { getDb } from '@/db/client';
import { canUse } from '@/lib/auth/roles';
import { requirePageAccess } from '@/lib/auth/session';
import { cezanneHrEnabled } from '@/lib/directory-sync/integrations';
import { CezanneHrSwitch } from '@/components/directory-sync/integration-switch';
import { Card, PageHeader } from '@/components/ui/layout';

export const metadata = { title: 'Directory Sync settings' };

export default async function DirectorySyncSettingsPage() {
  const staff = await requirePageAccess('directorySync');
  const enabled = await cezanneHrEnabled(getDb(), staff.tenantId);
  return (
    <>
      <PageHeader
        title="Directory Sync settings"
        description="Which directory integrations IT admins and the Admin Portal may use."
      />
      <Card
        title="Integrations"
        description="The Cezanne HR integration isn't enabled by default. An owner enables it here; every change is in the audit log."
      >
        <CezanneHrSwitch enabled={enabled} canChange={canUse(staff.role, 'members')} />
      </Card>
    </>
  );
}
