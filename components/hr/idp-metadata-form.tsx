'use client';
import { useActionState, useState } from 'react';
import { toast } from 'sonner';
import { addIdentityProviderFromMetadataAction } from '@/app/(dashboard)/admin/identity-providers/actions';
import { Button, FormActions } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/field';
import { Sheet } from '@/components/ui/sheet';
import { useActionOutcome } from '@/components/ui/use-action-toast';

function MetadataForm({ onDone }: { onDone: () => void }) {
  const [state, action] = useActionState(addIdentityProviderFromMetadataAction, undefined);
  const [xml, setXml] = useState('');
  useActionOutcome(state, () => {
    toast.success('Identity provider added from its metadata');
    onDone();
  });
  const errors = state?.fieldErrors ?? {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} noValidate className="space-y-4" aria-label="Add from SAML metadata">
      <TextField label="Name" name="name" defaultValue={values.name} error={errors.name} />
      <div className="space-y-1">
        <label htmlFor="idp-metadata-file" className="block text-sm font-medium text-slate-700">
          Metadata file
        </label>
        <input
          id="idp-metadata-file"
          type="file"
          accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-slate-200"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file) setXml(await file.text());
          }}
        />
      </div>
      <TextAreaField
        label="Metadata XML"
        name="metadataXml"
        rows={6}
        value={xml}
        onChange={(event) => setXml(event.target.value)}
        error={errors.metadataXml}
        hint="Filled from the file chosen above, or paste the XML here."
      />
      <TextField
        label="Metadata URL"
        name="metadataUrl"
        type="url"
        defaultValue={values.metadataUrl}
        error={errors.metadataUrl}
        hint="Used when no XML is given, e.g. Okta's Identity Provider metadata link. Fetched once, now."
      />
      <FormActions submitLabel="Add identity provider" pendingLabel="Adding…" onCancel={onDone} />
    </form>
  );
}

/** "Add from metadata": a SAML IdP from its metadata XML (file or pasted) or URL, instead of typing each field. */
export function IdpMetadataButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Add from metadata
      </Button>
      <Sheet
        open={open}
        onOpenChange={setOpen}
        title="Add from SAML metadata"
        description="Roster reads the entity ID, the SSO URL and the signing certificate from the identity provider's metadata."
        size="lg"
      >
        {open && <MetadataForm onDone={() => setOpen(false)} />}
      </Sheet>
    </>
  );
}
