'use client';
import { useActionState, useState } from 'react';
import { toast } from 'sonner';
import { updateSamlMappingAction } from '@/app/(dashboard)/admin/users/actions';
import { Button, FormActions } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { Sheet } from '@/components/ui/sheet';
import { useActionOutcome } from '@/components/ui/use-action-toast';

type Mapping = { id: string; identityProviderId: string; identityProviderName: string; userIdentifier: string };

function EditMappingForm({
  accountId,
  mapping,
  providers,
  onDone,
}: {
  accountId: string;
  mapping: Mapping;
  providers: { id: string; name: string }[];
  onDone: () => void;
}) {
  const [state, action] = useActionState(updateSamlMappingAction, undefined);
  useActionOutcome(state, () => {
    toast.success('SAML mapping saved');
    onDone();
  });
  const errors = state?.fieldErrors ?? {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} noValidate className="space-y-4" key={JSON.stringify(values)} aria-label="Edit SAML mapping">
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="mappingId" value={mapping.id} />
      <SelectField
        label="Identity Provider"
        name="identityProviderId"
        error={errors.identityProviderId}
        defaultValue={values.identityProviderId ?? mapping.identityProviderId}
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
        defaultValue={values.userIdentifier ?? mapping.userIdentifier}
        error={errors.userIdentifier}
      />
      <FormActions submitLabel="Save mapping" pendingLabel="Saving…" onCancel={onDone} />
    </form>
  );
}

/** "Edit" on a SAML mapping: its identity provider and user identifier, in a side panel. */
export function EditSamlMappingButton({
  accountId,
  mapping,
  providers,
}: {
  accountId: string;
  mapping: Mapping;
  providers: { id: string; name: string }[];
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="ghost"
        onClick={() => setOpen(true)}
        aria-label={`Edit the SAML mapping for ${mapping.identityProviderName}`}
      >
        Edit
      </Button>
      <Sheet open={open} onOpenChange={setOpen} title={`Edit the SAML mapping for ${mapping.identityProviderName}`}>
        {open && (
          <EditMappingForm
            accountId={accountId}
            mapping={mapping}
            providers={providers}
            onDone={() => setOpen(false)}
          />
        )}
      </Sheet>
    </>
  );
}
