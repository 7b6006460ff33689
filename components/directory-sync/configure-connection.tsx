'use client';
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { createDirectoryAction } from '@/app/(dashboard)/dashboard/actions';
import { Button, FormActions } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormAlert, SelectField, TextField } from '@/components/ui/field';
import { useActionOutcome } from '@/components/ui/use-action-toast';

type Props = { organizationId: string; cezanneHrEnabled: boolean; canEnable: boolean };

function ConfigureConnectionForm({
  organizationId,
  cezanneHrEnabled,
  canEnable,
  onDone,
}: Props & { onDone: () => void }) {
  const router = useRouter();
  const [state, action] = useActionState(createDirectoryAction, undefined);
  useActionOutcome(state, (data) => {
    toast.success('Directory created');
    onDone();
    router.push(`/dashboard/directories/${data.id}`);
  });
  const errors = state?.fieldErrors ?? {};
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} noValidate className="mt-4 space-y-4" key={JSON.stringify(values ?? {})}>
      <input type="hidden" name="organizationId" value={organizationId} />
      <TextField
        label="Name"
        name="name"
        required
        autoFocus
        defaultValue={values?.name ?? ''}
        error={errors.name}
        maxLength={200}
      />
      <SelectField
        label="Directory type"
        name="type"
        required
        defaultValue={cezanneHrEnabled ? 'cezanne hr' : ''}
        error={errors.type}
        aria-describedby={cezanneHrEnabled ? undefined : 'cezanne-disabled-note'}
      >
        {!cezanneHrEnabled && <option value="">Choose a directory type…</option>}
        <option value="cezanne hr" disabled={!cezanneHrEnabled}>
          Cezanne HR{cezanneHrEnabled ? '' : ' (not enabled)'}
        </option>
      </SelectField>
      {!cezanneHrEnabled && (
        <p
          id="cezanne-disabled-note"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
        >
          The Cezanne HR integration isn&apos;t enabled by default.{' '}
          {canEnable ? (
            <Link href="/dashboard/settings" className="font-medium underline">
              Enable it in Directory Sync settings
            </Link>
          ) : (
            'Ask an owner to enable it in Directory Sync settings.'
          )}
        </p>
      )}
      {state?.ok === false && state.formError && !Object.keys(errors).length && <FormAlert message={state.formError} />}
      <FormActions submitLabel="Create Directory" pendingLabel="Creating…" onCancel={onDone} />
    </form>
  );
}

/** "Manually Configure Connection" → Name + Directory type → "Create Directory", as the WorkOS guide walks it. */
export function ConfigureConnectionButton(props: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Manually Configure Connection</Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Manually Configure Connection"
        description="Input the Name, and select the directory type."
      >
        <ConfigureConnectionForm {...props} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
