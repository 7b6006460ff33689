'use client';
import { Button } from '@/components/ui/button';
import { CopyValue } from '@/components/ui/copy-value';

export type IssuedCredentials = { name: string; clientId: string; clientSecret: string; regenerated: boolean };

/** The Client ID and the Client Secret, shown once right after creation or regeneration. */
export function IssuedCredentialsPanel({ issued, onDone }: { issued: IssuedCredentials; onDone: () => void }) {
  return (
    <section
      aria-label="New credentials"
      className="mb-6 space-y-4 rounded-lg bg-amber-50 p-5 ring-1 ring-amber-200"
      data-testid="issued-credentials"
    >
      <div>
        <h2 className="text-base font-semibold text-amber-950">
          {issued.regenerated ? `New Client Secret for ${issued.name}` : `${issued.name} is ready`}
        </h2>
        <p className="mt-1 text-sm text-amber-900">
          Copy the Client Secret now: <strong>it will not be shown again.</strong> It is stored only as a hash. If it is
          lost, regenerate it.{issued.regenerated ? ' The previous secret and its access tokens no longer work.' : ''}
        </p>
      </div>
      <div className="space-y-3">
        <CopyValue label="Client ID" value={issued.clientId} testId="client-id" tone="amber" />
        <CopyValue label="Client Secret" value={issued.clientSecret} testId="client-secret" tone="amber" />
      </div>
      <Button variant="secondary" onClick={onDone}>
        I have copied the secret
      </Button>
    </section>
  );
}
