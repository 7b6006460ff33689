'use client';
import { useActionState, useEffect } from 'react';
import { toast } from 'sonner';
import { reportResult } from '@/components/ui/use-action-toast';
import {
  addSamlMappingAction,
  removeSamlMappingAction,
  setAccountActiveAction,
} from '@/app/(dashboard)/admin/users/actions';
import { SubmitButton } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { SelectField, TextField } from '@/components/ui/field';

export function AccountActiveButton({
  accountId,
  userName,
  active,
}: {
  accountId: string;
  userName: string;
  active: boolean;
}) {
  return active ? (
    <ConfirmButton
      label="Deactivate"
      title={`Deactivate ${userName}?`}
      description="The account stays readable (Okta and SCIM still see it) but is marked inactive, as when Okta deactivates a user. You can reactivate it."
      confirmLabel="Deactivate account"
      onConfirm={async () => {
        const result = await setAccountActiveAction(undefined, { accountId, active: 'false' });
        reportResult(result, 'Account deactivated', 'Nothing was changed.');
      }}
    />
  ) : (
    <ConfirmButton
      label="Reactivate"
      variant="primary"
      title={`Reactivate ${userName}?`}
      description="The account becomes active again."
      confirmLabel="Reactivate account"
      onConfirm={async () => {
        const result = await setAccountActiveAction(undefined, { accountId, active: 'true' });
        reportResult(result, 'Account reactivated', 'Nothing was changed.');
      }}
    />
  );
}

export function RemoveMappingButton({
  accountId,
  mappingId,
  label,
}: {
  accountId: string;
  mappingId: string;
  label: string;
}) {
  return (
    <ConfirmButton
      label="Remove"
      title={`Remove the SAML mapping for ${label}?`}
      description="The person can no longer sign in with this identity provider until a mapping is added again."
      confirmLabel="Remove mapping"
      onConfirm={async () => {
        const result = await removeSamlMappingAction(undefined, { accountId, mappingId });
        reportResult(result, 'SAML mapping removed', 'Nothing was changed.');
      }}
    />
  );
}

export function AddMappingForm({
  accountId,
  defaultIdentifier,
  providers,
  defaultProviderId,
}: {
  accountId: string;
  defaultIdentifier: string;
  providers: { id: string; name: string }[];
  /** SCIM's identity provider, else the one whose certificate stays valid longest (`defaultMappingProviderId`). */
  defaultProviderId?: string | null;
}) {
  const [state, action] = useActionState(addSamlMappingAction, undefined);
  useEffect(() => {
    if (state?.ok) toast.success('SAML mapping added');
    else if (state?.ok === false && state.formError) toast.error(state.formError);
  }, [state]);
  const errors = state?.fieldErrors ?? {};
  if (providers.length === 0)
    return <p className="text-sm text-slate-500">Add an identity provider first to map this account to it.</p>;
  return (
    <form
      action={action}
      noValidate
      className="grid items-end gap-3 sm:grid-cols-[minmax(0,1fr)_1fr_auto]"
      aria-label="Add SAML mapping"
    >
      <input type="hidden" name="accountId" value={accountId} />
      <SelectField
        label="Identity Provider"
        name="identityProviderId"
        error={errors.identityProviderId}
        defaultValue={defaultProviderId ?? providers[0]?.id}
      >
        {providers.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label="User identifier"
        name="userIdentifier"
        defaultValue={defaultIdentifier}
        error={errors.userIdentifier}
      />
      <SubmitButton pendingLabel="Adding…">Add mapping</SubmitButton>
    </form>
  );
}
