'use client';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { generateScimTokenAction } from '@/app/(dashboard)/admin/integrations/scim/actions';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { CopyButton } from '@/components/ui/copy-button';

export type TokenInfo = {
  lastFour: string;
  createdAt: string | null;
  createdByName: string | null;
  lastUsedAt: string | null;
} | null;

/** "Generate" shows the secret once; generating again (after confirmation) replaces it and the old one stops working. */
export function ScimTokenCard({ token }: { token: TokenInfo }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  async function generate() {
    const result = await generateScimTokenAction(undefined, {});
    if (result.ok && result.data) {
      setSecret(result.data.token);
      toast.success('Secret token generated');
    } else toast.error(result.formError ?? 'No token was generated.');
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="text-sm" data-testid="scim-token-status">
          {token ? (
            <>
              <p className="font-medium text-slate-800">
                Secret token ending in{' '}
                <code className="rounded bg-slate-100 px-1 font-mono" data-testid="scim-token-last-four">
                  {token.lastFour}
                </code>
              </p>
              <p className="text-xs text-slate-500">
                Created {token.createdAt ?? 'unknown'}
                {token.createdByName ? ` by ${token.createdByName}` : ''} ·{' '}
                {token.lastUsedAt ? `Last used ${token.lastUsedAt}` : 'Never used'}
              </p>
            </>
          ) : (
            <p className="text-slate-600">No secret token yet. Generate one and paste it into Okta.</p>
          )}
        </div>
        {token ? (
          <ConfirmButton
            label="Generate"
            variant="primary"
            title="Replace the secret token?"
            description="A new secret token is created and the current one stops working at once. Okta keeps failing until you paste the new token into its OAuth2 bearer token field."
            confirmLabel="Replace token"
            onConfirm={generate}
          />
        ) : (
          <Button disabled={pending} aria-busy={pending} onClick={() => startTransition(generate)}>
            {pending ? 'Generating…' : 'Generate'}
          </Button>
        )}
      </div>
      {secret && (
        <div
          className="space-y-2 rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200"
          data-testid="scim-secret-panel"
        >
          <p className="font-medium text-amber-900">Copy the secret token now: it will not be shown again.</p>
          <p className="text-amber-800">
            Paste it into the OAuth2 bearer token field of the Cezanne app in Okta. Roster keeps only a hash of it.
          </p>
          <div className="flex items-center gap-2">
            <code className="flex-1 break-all rounded bg-white px-2 py-1 font-mono" data-testid="scim-secret">
              {secret}
            </code>
            <CopyButton value={secret} what="Secret token" />
          </div>
        </div>
      )}
    </div>
  );
}
