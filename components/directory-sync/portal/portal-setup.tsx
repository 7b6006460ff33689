'use client';
import { useActionState, useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { connectDirectoryAction, resetDirectoryAction } from '@/app/portal/actions';
import { DirectoryStateBadge } from '@/components/directory-sync/state-badge';
import { SubmitButton } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { FormAlert, TextField } from '@/components/ui/field';
import type { DirectoryState } from '@/lib/directory-sync/directories';

type PortalDirectory = {
  state: DirectoryState;
  lastError: string | null;
  clientId: string | null;
  hasClientSecret: boolean;
  lastSyncAt: string | null;
};
type Counts = { users: { active: number; inactive: number }; groups: number };

type Props = {
  token: string;
  organizationName: string;
  cezanneHrEnabled: boolean;
  returnUrl: string | null;
  successUrl: string | null;
  directory: PortalDirectory | null;
  counts: Counts | null;
};

const linkClass = 'text-sm font-medium text-brand-700 hover:underline';

/**
 * The customer's side of Directory Sync setup: pick Cezanne HR, read where the Client ID and Secret come from,
 * enter them, see Linked or why not; then the connection status, counts and last sync, with "Replace credentials"
 * and "Reset directory".
 */
export function PortalSetup({
  token,
  organizationName,
  cezanneHrEnabled,
  returnUrl,
  successUrl,
  directory,
  counts,
}: Props) {
  const configured = Boolean(directory?.hasClientSecret);
  const [provider, setProvider] = useState<'cezanne hr' | null>(configured ? 'cezanne hr' : null);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-sm text-slate-500" data-testid="portal-organization">
          {organizationName}
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Set up Directory Sync</h1>
        <p className="text-sm text-slate-600">
          Connect your HR system so that {organizationName}&apos;s people and departments are kept in sync.
        </p>
      </div>
      {configured && directory ? (
        <ConnectionStatus token={token} directory={directory} counts={counts} />
      ) : !cezanneHrEnabled ? (
        <section className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h2 className="text-base font-semibold">No directory provider is available yet</h2>
          <p className="mt-1 text-sm text-slate-600">
            Ask the person who sent you this link to enable the Cezanne HR integration, then open the link again.
          </p>
        </section>
      ) : provider === null ? (
        <section className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200" aria-labelledby="choose-provider">
          <h2 id="choose-provider" className="text-base font-semibold">
            Choose your directory provider
          </h2>
          <button
            type="button"
            onClick={() => setProvider('cezanne hr')}
            className="mt-4 flex w-full items-center justify-between gap-3 rounded-md px-4 py-3 text-left ring-1 ring-slate-300 hover:bg-slate-50 hover:ring-brand-500"
          >
            <span className="whitespace-nowrap font-medium">Cezanne HR</span>
            <span className="text-right text-sm text-slate-500">HR system · polled every 30 minutes</span>
          </button>
        </section>
      ) : (
        <section
          className="space-y-5 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
          aria-labelledby="connect-cezanne"
        >
          <h2 id="connect-cezanne" className="text-base font-semibold">
            Connect Cezanne HR
          </h2>
          <SetupSteps />
          <CredentialsForm token={token} clientId={directory?.clientId ?? null} submitLabel="Connect directory" />
        </section>
      )}
      <nav className="flex gap-6" aria-label="Leave setup">
        {returnUrl && (
          <a href={returnUrl} className={linkClass} rel="noreferrer">
            Back
          </a>
        )}
        {successUrl && directory?.state === 'linked' && (
          <a href={successUrl} className={linkClass} rel="noreferrer">
            Done
          </a>
        )}
      </nav>
    </div>
  );
}

function SetupSteps() {
  return (
    <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700" aria-label="Steps">
      <li>
        In Cezanne HR, an HR administrator opens <strong>Administration › Security › Authorised Applications</strong>{' '}
        and creates an application with <strong>API read access</strong> (for a hosted Cezanne HR, request an API
        application from the Cezanne HR Support Team).
      </li>
      <li>
        Copy its <strong>Client ID</strong> and <strong>Client Secret</strong> (the secret is shown only once).
      </li>
      <li>
        Enter both below. They are checked at once; when the connection works you see the green &ldquo;Linked&rdquo;
        state and the first sync starts.
      </li>
    </ol>
  );
}

function CredentialsForm({
  token,
  clientId,
  submitLabel,
}: {
  token: string;
  clientId: string | null;
  submitLabel: string;
}) {
  const router = useRouter();
  const [state, action] = useActionState(connectDirectoryAction, undefined);
  useEffect(() => {
    if (!state) return;
    if (state.ok && state.data?.state === 'linked') toast.success('Linked: the first sync has started');
    else if (state.ok && state.data?.state === 'invalid_credentials') toast.error('Invalid credentials');
    if (state.ok) router.refresh();
  }, [state, router]);
  const errors = state?.fieldErrors ?? {};
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} noValidate className="space-y-4" key={JSON.stringify(values ?? {})}>
      <input type="hidden" name="token" value={token} />
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
          required
          autoComplete="new-password"
          error={errors.clientSecret}
        />
      </div>
      {state?.ok === false && state.formError && !Object.keys(errors).length && <FormAlert message={state.formError} />}
      <div className="flex justify-end">
        <SubmitButton pendingLabel="Checking credentials…">{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}

function ConnectionStatus({
  token,
  directory,
  counts,
}: {
  token: string;
  directory: PortalDirectory;
  counts: Counts | null;
}) {
  const router = useRouter();
  const [replacing, setReplacing] = useState(directory.state === 'invalid_credentials');
  const users = counts ? counts.users.active + counts.users.inactive : 0;
  return (
    <section
      className="space-y-5 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
      aria-labelledby="connection-status"
    >
      <div className="flex items-center justify-between gap-4">
        <h2 id="connection-status" className="text-base font-semibold">
          Cezanne HR connection
        </h2>
        <DirectoryStateBadge state={directory.state} />
      </div>
      {directory.lastError && (
        <p
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
          data-testid="directory-error"
        >
          {directory.lastError}
        </p>
      )}
      <dl className="grid grid-cols-3 gap-4 text-sm">
        <div>
          <dt className="text-slate-500">Users</dt>
          <dd className="text-lg font-semibold" data-testid="portal-users">
            {users.toLocaleString('en')}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Groups</dt>
          <dd className="text-lg font-semibold" data-testid="portal-groups">
            {(counts?.groups ?? 0).toLocaleString('en')}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Last sync</dt>
          <dd className="font-medium" data-testid="portal-last-sync">
            {directory.lastSyncAt ? `${directory.lastSyncAt.slice(0, 16).replace('T', ' ')} UTC` : 'Not yet'}
          </dd>
        </div>
      </dl>
      {replacing ? (
        <div className="space-y-4 border-t border-slate-100 pt-4">
          <SetupSteps />
          <CredentialsForm token={token} clientId={directory.clientId} submitLabel="Update Directory" />
        </div>
      ) : (
        <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-4">
          <button
            type="button"
            className="text-sm font-medium text-brand-700 hover:underline"
            onClick={() => setReplacing(true)}
          >
            Replace credentials
          </button>
          <span className="flex-1" />
          <button
            type="button"
            className="text-sm font-medium text-slate-700 hover:underline"
            onClick={() => router.refresh()}
          >
            Refresh
          </button>
        </div>
      )}
      <div className="flex justify-end">
        <ConfirmButton
          label="Reset directory"
          title="Reset the directory?"
          description="This deletes the directory with its synced users and groups, and creates an empty one. You then enter the credentials again."
          confirmLabel="Reset directory"
          onConfirm={async () => {
            const result = await resetDirectoryAction(undefined, { token });
            if (result.ok) toast.success('The directory was reset');
            else toast.error(result.formError ?? 'The directory could not be reset');
            router.refresh();
          }}
        />
      </div>
    </section>
  );
}
