'use client';
import { useActionState, useEffect, useRef } from 'react';
import { createApplicationAction } from '@/app/(dashboard)/admin/security/authorised-applications/actions';
import { Button, SubmitButton } from '@/components/ui/button';
import { CheckboxField } from '@/components/ui/checkbox-field';
import { TextAreaField, TextField } from '@/components/ui/field';
import { Card } from '@/components/ui/layout';
import { useActionToast } from '@/components/ui/use-action-toast';
import type { IssuedCredentials } from './issued-credentials';

/** Add New: name, description and the application scopes. On success the parent shows the credentials once. */
export function NewApplicationForm({
  onCreated,
  onCancel,
}: {
  onCreated: (issued: IssuedCredentials) => void;
  onCancel: () => void;
}) {
  const [state, action] = useActionState(createApplicationAction, undefined);
  useActionToast(state, 'Application created');
  const handled = useRef<typeof state>(undefined);
  useEffect(() => {
    if (state === handled.current) return;
    handled.current = state;
    if (state?.ok && state.data) onCreated({ ...state.data, regenerated: false });
  }, [state, onCreated]);
  const errors = state?.fieldErrors ?? {};
  const values = state?.ok ? {} : (state?.values ?? {});
  const submitted = Boolean(state && !state.ok);
  return (
    <Card
      title="Add New"
      description="An application gets a Client ID and a Client Secret for the OAuth2 client credentials grant."
      className="mb-6"
    >
      <form action={action} className="space-y-4" noValidate>
        <TextField label="Name" name="name" required defaultValue={values.name} error={errors.name} autoFocus />
        <TextAreaField
          label="Description"
          name="description"
          rows={2}
          defaultValue={values.description}
          error={errors.description}
        />
        <fieldset className="space-y-3" aria-describedby={errors.scopes ? 'scopes-error' : undefined}>
          <legend className="text-sm font-medium text-slate-700">Application Scopes</legend>
          <CheckboxField
            name="readAccess"
            label="API read access"
            hint="Read People and Departments."
            defaultChecked={submitted ? values.readAccess === 'on' : true}
          />
          <CheckboxField
            name="writeAccess"
            label="API write access"
            hint="Create and update People."
            defaultChecked={submitted ? values.writeAccess === 'on' : false}
          />
          {errors.scopes && (
            <p id="scopes-error" className="text-xs text-red-600" data-testid="error-scopes">
              {errors.scopes}
            </p>
          )}
        </fieldset>
        <div className="flex gap-2">
          <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
