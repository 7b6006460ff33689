'use client';
import { useActionState, useState } from 'react';
import { toast } from 'sonner';
import { reportResult, useActionOutcome } from '@/components/ui/use-action-toast';
import {
  deleteIdentityProviderAction,
  saveIdentityProviderAction,
} from '@/app/(dashboard)/admin/identity-providers/actions';
import { Button, FormActions } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { TextAreaField, TextField } from '@/components/ui/field';
import { Sheet } from '@/components/ui/sheet';
import { count, expiresIn } from '@/lib/format';
import { Badge, EmptyState, Table, TableHead, td } from '@/components/ui/layout';

export type IdentityProviderRow = {
  id: string;
  name: string;
  entityId: string;
  ssoUrl: string;
  certificatePem: string;
  certificateExpiresAt: string;
  subject: string;
  fingerprint256: string;
  daysLeft: number;
  mappingCount: number;
};

function ExpiryBadge({ daysLeft }: { daysLeft: number }) {
  if (daysLeft < 0) return <Badge tone="red">Expired</Badge>;
  if (daysLeft <= 30) return <Badge tone="amber">Expires {expiresIn(daysLeft)}</Badge>;
  return <Badge tone="green">Valid</Badge>;
}

function IdentityProviderForm({ idp, onDone }: { idp: IdentityProviderRow | null; onDone: () => void }) {
  const [state, action] = useActionState(saveIdentityProviderAction, undefined);
  useActionOutcome(state, (data) => {
    toast.success(`Identity provider saved. Its certificate expires on ${data.expiresAt.slice(0, 10)}.`);
    onDone();
  });
  const errors = state?.fieldErrors ?? {};
  const values = state && !state.ok ? state.values : undefined;
  return (
    <Sheet
      open
      onOpenChange={(open) => !open && onDone()}
      size="lg"
      title={idp ? `Edit ${idp.name}` : 'Add identity provider'}
      description="From your IdP’s SAML app: the issuer (entity ID), the single sign-on URL and the signing certificate."
    >
      <form action={action} noValidate className="space-y-4" key={JSON.stringify(values ?? idp?.id ?? 'new')}>
        {idp && <input type="hidden" name="identityProviderId" value={idp.id} />}
        <TextField
          label="Name"
          name="name"
          required
          defaultValue={values?.name ?? idp?.name ?? ''}
          error={errors.name}
          placeholder="Okta"
        />
        <TextField
          label="Entity ID"
          name="entityId"
          required
          defaultValue={values?.entityId ?? idp?.entityId ?? ''}
          error={errors.entityId}
          placeholder="http://www.okta.com/exk…"
        />
        <TextField
          label="SSO URL"
          name="ssoUrl"
          required
          type="url"
          defaultValue={values?.ssoUrl ?? idp?.ssoUrl ?? ''}
          error={errors.ssoUrl}
          placeholder="https://company.okta.com/app/…/sso/saml"
        />
        <TextAreaField
          label="X.509 certificate"
          name="certificate"
          required
          rows={8}
          defaultValue={values?.certificate ?? idp?.certificatePem ?? ''}
          error={errors.certificate}
          placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
          hint="PEM, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----. Its expiry date is read from it."
          spellCheck={false}
        />
        <FormActions submitLabel="Save identity provider" pendingLabel="Checking the certificate…" onCancel={onDone} />
      </form>
    </Sheet>
  );
}

export function IdentityProvidersManager({ providers }: { providers: IdentityProviderRow[] }) {
  const [editing, setEditing] = useState<IdentityProviderRow | 'new' | null>(null);
  const close = () => setEditing(null);
  return (
    <div>
      <div className="space-y-4">
        <div>
          <Button onClick={() => setEditing('new')}>Add identity provider</Button>
        </div>
        {providers.length === 0 ? (
          <EmptyState
            title="No identity providers yet"
            description="Add your SAML identity provider (e.g. Okta) so that SCIM can create SAML SSO mappings for new user accounts."
          />
        ) : (
          <Table label="Identity providers">
            <TableHead columns={['Name', 'Entity ID / SSO URL', 'Certificate expires', 'Mappings']} actions />
            <tbody className="divide-y divide-slate-100">
              {providers.map((p) => (
                <tr key={p.id} data-testid={`idp-${p.name}`}>
                  <td className={`${td} font-medium`}>{p.name}</td>
                  <td className={`${td} max-w-xs`}>
                    <div className="truncate font-mono text-xs" title={p.entityId}>
                      {p.entityId}
                    </div>
                    <div className="truncate text-xs text-slate-500" title={p.ssoUrl}>
                      {p.ssoUrl}
                    </div>
                  </td>
                  <td className={td}>
                    <div className="flex items-center gap-2 whitespace-nowrap">
                      <span data-testid="certificate-expiry">{p.certificateExpiresAt.slice(0, 10)}</span>
                      <ExpiryBadge daysLeft={p.daysLeft} />
                    </div>
                    <div
                      className="mt-0.5 max-w-xs truncate text-xs text-slate-500"
                      title={`${p.subject}\nSHA-256 ${p.fingerprint256}`}
                    >
                      {p.subject}
                    </div>
                  </td>
                  <td className={td}>{p.mappingCount.toLocaleString('en')}</td>
                  <td className={`${td} space-x-2 whitespace-nowrap text-right`}>
                    <Button variant="ghost" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
                      Edit
                    </Button>
                    <ConfirmButton
                      label="Delete"
                      title={`Delete ${p.name}?`}
                      description={`Its ${count(p.mappingCount, 'SAML mapping')} are removed too, and SCIM settings that use it lose their identity provider.`}
                      confirmLabel="Delete identity provider"
                      onConfirm={async () => {
                        const result = await deleteIdentityProviderAction(undefined, { id: p.id });
                        reportResult(result, `Identity provider “${p.name}” deleted`, 'Nothing was deleted.');
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
      {editing && (
        <IdentityProviderForm
          key={editing === 'new' ? 'new' : editing.id}
          idp={editing === 'new' ? null : editing}
          onDone={close}
        />
      )}
    </div>
  );
}
