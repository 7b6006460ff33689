'use client';
import { useActionState, useState } from 'react';
import { toast } from 'sonner';
import { createApiKeyAction, revokeApiKeyAction } from '@/app/(dashboard)/dashboard/api-keys/actions';
import { Button, FormActions } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { CopyValue } from '@/components/ui/copy-value';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { Badge, EmptyState, Table, TableHead, td } from '@/components/ui/layout';
import { reportResult, useActionOutcome } from '@/components/ui/use-action-toast';

export type ApiKeyRow = {
  id: string;
  name: string;
  maskedKey: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

type Created = { name: string; secret: string };

function CreateApiKeyForm({ onCreated, onCancel }: { onCreated: (created: Created) => void; onCancel: () => void }) {
  const [state, action] = useActionState(createApiKeyAction, undefined);
  useActionOutcome(state, onCreated);
  return (
    <form action={action} className="mt-4 space-y-4" noValidate>
      <TextField
        label="Name"
        name="name"
        required
        defaultValue={state?.values?.name}
        error={state?.fieldErrors?.name}
        autoFocus
      />
      <FormActions submitLabel="Create key" pendingLabel="Creating…" onCancel={onCancel} />
    </form>
  );
}

/** Create API key: a name, then the key itself, shown once in the same dialog. */
function CreateApiKeyDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const [created, setCreated] = useState<Created | null>(null);
  const close = () => {
    setCreated(null);
    onOpenChange(false);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title={created ? `${created.name} is ready` : 'Create API key'}
      description={
        created ? (
          <>
            Copy the key now: <strong>it will not be shown again.</strong> Roster keeps only a hash of it. If it is
            lost, create a new key and revoke this one.
          </>
        ) : (
          'Name the key after the application that will use it.'
        )
      }
    >
      {created ? (
        <div className="mt-4 space-y-4" data-testid="new-api-key">
          <CopyValue label="Secret key" value={created.secret} testId="api-key-secret" tone="amber" />
          <div className="flex justify-end">
            <Button onClick={close}>I have copied the key</Button>
          </div>
        </div>
      ) : (
        <CreateApiKeyForm
          onCreated={(data) => {
            toast.success('API key created');
            setCreated(data);
          }}
          onCancel={close}
        />
      )}
    </Dialog>
  );
}

export function ApiKeysManager({ keys }: { keys: ApiKeyRow[] }) {
  const [creating, setCreating] = useState(false);
  return (
    <div>
      <div className="mb-4 flex justify-end">
        <Button onClick={() => setCreating(true)}>Create API key</Button>
      </div>
      <CreateApiKeyDialog open={creating} onOpenChange={setCreating} />
      {keys.length === 0 ? (
        <EmptyState
          title="No API keys yet"
          description="Create a key for each application that reads directories through the API."
        />
      ) : (
        <Table label="API keys">
          <TableHead columns={['Name', 'Key', 'Created by', 'Last used', 'Status']} actions />
          <tbody className="divide-y divide-slate-100">
            {keys.map((key) => (
              <tr key={key.id} data-testid={`api-key-${key.name}`}>
                <td className={td}>
                  <div className="font-medium text-slate-900">{key.name}</div>
                  <div className="whitespace-nowrap text-xs text-slate-500">Created {key.createdAt}</div>
                </td>
                <td className={`${td} whitespace-nowrap font-mono text-xs`}>{key.maskedKey}</td>
                <td className={td}>{key.createdBy}</td>
                <td className={`${td} whitespace-nowrap`} data-testid="api-key-last-used">
                  {key.lastUsedAt ?? 'Never'}
                </td>
                <td className={td}>
                  {key.revokedAt ? <Badge tone="red">Revoked</Badge> : <Badge tone="green">Active</Badge>}
                  {key.revokedAt && (
                    <div className="whitespace-nowrap text-xs text-slate-500">Revoked {key.revokedAt}</div>
                  )}
                </td>
                <td className={`${td} text-right`}>
                  {!key.revokedAt && (
                    <ConfirmButton
                      label="Revoke"
                      title={`Revoke ${key.name}?`}
                      description="Applications using this key get 401 Unauthorized from their next request. This cannot be undone; the key stays listed as revoked."
                      confirmLabel="Revoke key"
                      onConfirm={async () => {
                        reportResult(await revokeApiKeyAction(undefined, { apiKeyId: key.id }), 'API key revoked');
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
