import { directoryCredentials } from '@/lib/directory-sync/directories';
import { CredentialsHelp } from '@/components/directory-sync/credentials-help';
import { DirectoryCredentialsForm } from '@/components/directory-sync/credentials-form';
import { DeleteDirectoryButton, RenameDirectoryForm } from '@/components/directory-sync/directory-settings';
import { Card } from '@/components/ui/layout';
import { loadDirectoryPage } from '../directory-data';

export const metadata = { title: 'Directory settings' };

export default async function DirectorySettingsTab({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { staff, db, directory } = await loadDirectoryPage(id);
  const credentials = await directoryCredentials(db, staff.tenantId, id).catch(() => null);
  return (
    <div className="space-y-6">
      <Card title="Name">
        <RenameDirectoryForm directoryId={id} name={directory.name} />
      </Card>
      <Card
        title="Credentials"
        description="Replacing them checks the new ones at once; the directory keeps its users meanwhile."
      >
        <div className="grid grid-cols-1 gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <DirectoryCredentialsForm
            directoryId={id}
            clientId={directory.clientId}
            secretLastFour={credentials ? credentials.clientSecret.slice(-4) : null}
            baseUrl={directory.baseUrl}
          />
          <CredentialsHelp />
        </div>
      </Card>
      <Card
        title="Delete directory"
        description="Stops polling, removes its users and groups from Roster, and sends dsync.deleted to applications."
      >
        <DeleteDirectoryButton directoryId={id} name={directory.name} />
      </Card>
    </div>
  );
}
