'use client';
import { useActionState, useEffect, useRef } from 'react';
import { toast } from 'sonner';
import { updateDirectoryAction } from '@/app/(dashboard)/dashboard/actions';
import { SubmitButton } from '@/components/ui/button';
import { FormAlert, TextField } from '@/components/ui/field';

type Props = { directoryId: string; clientId: string | null; secretLastFour: string | null; baseUrl: string };

/**
 * Client ID, Client Secret and (under Advanced) the HR API base URL, then "Update Directory": the credentials are
 * checked against the HR API at once. The stored secret never reaches the browser, only its last four characters.
 */
export function DirectoryCredentialsForm({ directoryId, clientId, secretLastFour, baseUrl }: Props) {
  const [state, action] = useActionState(updateDirectoryAction, undefined);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state) return;
    if (state.ok && state.data?.state === 'linked') toast.success('Linked: the initial sync has started');
    else if (state.ok && state.data?.state === 'invalid_credentials')
      toast.error('Invalid credentials: nothing was synced');
    else if (state.ok) toast.message('Credentials saved: they are checked as soon as the HR API answers');
    else if (state.formError && !state.fieldErrors) toast.error(state.formError);
    if (state.ok === false) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  const errors = state?.fieldErrors ?? {};
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form ref={formRef} action={action} noValidate className="space-y-4" key={JSON.stringify(values ?? {})}>
      <input type="hidden" name="directoryId" value={directoryId} />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <TextField
          label="Client ID"
          name="clientId"
          required
          autoComplete="off"
          spellCheck={false}
          defaultValue={values?.clientId ?? clientId ?? ''}
          error={errors.clientId}
        />
        <TextField
          label="Client Secret"
          name="clientSecret"
          type="password"
          required={!secretLastFour}
          autoComplete="new-password"
          placeholder={secretLastFour ? `•••• ${secretLastFour} (stored)` : ''}
          error={errors.clientSecret}
          hint={secretLastFour ? `A secret ending in ${secretLastFour} is stored. Leave empty to keep it.` : undefined}
        />
      </div>
      <details className="rounded-md ring-1 ring-slate-200">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">Advanced</summary>
        <div className="border-t border-slate-100 p-3">
          <TextField
            label="HR API base URL"
            name="baseUrl"
            type="url"
            defaultValue={values?.baseUrl ?? baseUrl}
            error={errors.baseUrl}
            hint="Defaults to this Roster's own HR API. Enter another address to sync a remote Cezanne HR system."
          />
        </div>
      </details>
      {state?.ok === false && state.formError && !Object.keys(errors).length && <FormAlert message={state.formError} />}
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Checking credentials…">Update Directory</SubmitButton>
      </div>
    </form>
  );
}
