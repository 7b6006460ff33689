'use client';
import { useCallback, useState } from 'react';
import { reportResult } from '@/components/ui/use-action-toast';
import {
  deleteApplicationAction,
  regenerateSecretAction,
  revokeApplicationAction,
} from '@/app/(dashboard)/admin/security/authorised-applications/actions';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { CopyButton } from '@/components/ui/copy-button';
import { Badge, EmptyState, Table, TableHead, td } from '@/components/ui/layout';
import { IssuedCredentialsPanel, type IssuedCredentials } from './issued-credentials';
import { NewApplicationForm } from './new-application-form';

export type ApplicationRow = {
  id: string;
  name: string;
  description: string | null;
  clientId: string;
  secretLastFour: string;
  scopeLabels: string[];
  createdAt: string;
  secretRotatedAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** The Authorised Applications list with Add New, and the once-only credentials panel. */
export function ApplicationsManager({ applications }: { applications: ApplicationRow[] }) {
  const [adding, setAdding] = useState(false);
  const [issued, setIssued] = useState<IssuedCredentials | null>(null);
  const onCreated = useCallback((credentials: IssuedCredentials) => {
    setIssued(credentials);
    setAdding(false);
  }, []);

  return (
    <div>
      <div className="mb-4 flex justify-end">{!adding && <Button onClick={() => setAdding(true)}>Add New</Button>}</div>
      {adding && <NewApplicationForm onCreated={onCreated} onCancel={() => setAdding(false)} />}
      {issued && <IssuedCredentialsPanel issued={issued} onDone={() => setIssued(null)} />}
      {applications.length === 0 ? (
        <EmptyState
          title="No authorised applications yet"
          description="Add an application to give another system (such as a Directory Sync connection) a Client ID and Client Secret for the HR API."
        />
      ) : (
        <Table label="Authorised applications">
          <TableHead columns={['Name', 'Client ID', 'Scopes', 'Client Secret', 'Status']} actions />
          <tbody className="divide-y divide-slate-100">
            {applications.map((app) => (
              <ApplicationRowView key={app.id} app={app} onRegenerated={setIssued} />
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}

function ApplicationRowView({
  app,
  onRegenerated,
}: {
  app: ApplicationRow;
  onRegenerated: (issued: IssuedCredentials) => void;
}) {
  const revoked = Boolean(app.revokedAt);
  return (
    <tr data-testid={`application-${app.name}`} className="align-top">
      <td className={td}>
        <div className="font-medium text-slate-900">{app.name}</div>
        {app.description && <div className="max-w-xs text-xs text-slate-500">{app.description}</div>}
        <div className="whitespace-nowrap text-xs text-slate-500">Created {app.createdAt}</div>
      </td>
      <td className={td}>
        <div className="flex items-start gap-2">
          <code className="max-w-44 break-all font-mono text-xs" data-testid="application-client-id">
            {app.clientId}
          </code>
          <CopyButton value={app.clientId} what="Client ID" />
        </div>
      </td>
      <td className={td}>
        <div className="flex flex-col items-start gap-1 whitespace-nowrap">
          {app.scopeLabels.map((label) => (
            <Badge key={label} tone="blue">
              {label}
            </Badge>
          ))}
        </div>
      </td>
      <td className={td}>
        <div className="whitespace-nowrap font-mono text-xs" title={`Secret set ${app.secretRotatedAt}`}>
          ••••{app.secretLastFour}
        </div>
        <div className="mb-2 whitespace-nowrap text-xs text-slate-500">Set {app.secretRotatedAt}</div>
        {!revoked && (
          <ConfirmButton
            label="Regenerate secret"
            title={`Regenerate the secret of ${app.name}?`}
            description="A new Client Secret is shown once. The current secret stops working at once, and so do access tokens issued with it; systems using it must be given the new secret."
            confirmLabel="Regenerate secret"
            onConfirm={async () => {
              const result = await regenerateSecretAction(undefined, { applicationId: app.id });
              if (reportResult(result, 'New secret generated') && result.data)
                onRegenerated({ ...result.data, regenerated: true });
            }}
          />
        )}
      </td>
      <td className={td}>
        {revoked ? <Badge tone="red">Revoked</Badge> : <Badge tone="green">Active</Badge>}
        <div className="mt-1 whitespace-nowrap text-xs text-slate-500">
          Last used <span data-testid="application-last-used">{app.lastUsedAt ?? 'Never'}</span>
        </div>
        {app.revokedAt && <div className="whitespace-nowrap text-xs text-slate-500">Revoked {app.revokedAt}</div>}
      </td>
      <td className={`${td} text-right`}>
        <div className="flex justify-end gap-2 whitespace-nowrap">
          {!revoked && (
            <ConfirmButton
              label="Revoke"
              title={`Revoke ${app.name}?`}
              description="The application can no longer get access tokens and its current tokens stop working at once. This cannot be undone; the application stays listed as revoked."
              confirmLabel="Revoke"
              onConfirm={async () => {
                reportResult(
                  await revokeApplicationAction(undefined, { applicationId: app.id }),
                  'Application revoked',
                );
              }}
            />
          )}
          <ConfirmButton
            label="Delete"
            title={`Delete ${app.name}?`}
            description="The application and its access tokens are removed for good. Systems using its Client ID stop working."
            confirmLabel="Delete"
            onConfirm={async () => {
              reportResult(await deleteApplicationAction(undefined, { applicationId: app.id }), 'Application deleted');
            }}
          />
        </div>
      </td>
    </tr>
  );
}
