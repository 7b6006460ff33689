'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { createSetupLinkAction, revokeSetupLinkAction } from '@/app/(dashboard)/dashboard/organizations/[id]/actions';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { CopyValue } from '@/components/ui/copy-value';
import { Badge, Card, Table, TableHead, td } from '@/components/ui/layout';
import type { PortalLinkStatus } from '@/lib/directory-sync/portal';

export type SetupLinkRow = {
  id: string;
  createdByName: string | null;
  createdAt: string;
  expiresAt: string;
  status: PortalLinkStatus;
};

const STATUS: Record<PortalLinkStatus, { label: string; tone: 'green' | 'slate' | 'amber' | 'red' | 'blue' }> = {
  active: { label: 'Active', tone: 'green' },
  used: { label: 'Used', tone: 'blue' },
  expired: { label: 'Expired', tone: 'slate' },
  revoked: { label: 'Revoked', tone: 'red' },
};

const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * "Setup links" card: an Admin Portal link lets the customer's IT admin set up this organization's directory without
 * a staff account. The link is shown once, right after it is created (only its hash is stored).
 */
export function SetupLinks({ organizationId, links }: { organizationId: string; links: SetupLinkRow[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const create = () =>
    startTransition(async () => {
      const result = await createSetupLinkAction(undefined, { organizationId });
      if (result.ok && result.data) {
        setCreated(result.data.url);
        router.refresh();
      } else toast.error(result.formError ?? 'The setup link could not be created');
    });
  return (
    <Card
      title="Setup links"
      description="Send a setup link to the customer's IT admin: they connect their Cezanne HR directory themselves in the Admin Portal, without an account. A link is valid for 30 days or until setup is complete."
      className="mt-8"
    >
      <div className="space-y-4">
        <Button onClick={create} disabled={pending} aria-busy={pending}>
          {pending ? 'Creating…' : 'Create setup link'}
        </Button>
        {created && (
          <section aria-label="New setup link" className="space-y-2 rounded-md bg-amber-50 p-4 ring-1 ring-amber-200">
            <CopyValue label="Setup link" value={created} testId="setup-link-url" tone="amber" />
            <p className="text-sm text-amber-800">Copy it now: it is shown only once.</p>
          </section>
        )}
        {links.length > 0 && (
          <Table label="Setup links">
            <TableHead columns={['Created by', 'Created', 'Expires', 'Status']} actions />
            <tbody className="divide-y divide-slate-100">
              {links.map((link) => (
                <tr key={link.id} data-testid="setup-link-row">
                  <td className={td}>{link.createdByName ?? '—'}</td>
                  <td className={`${td} whitespace-nowrap`}>{minute(link.createdAt)}</td>
                  <td className={`${td} whitespace-nowrap`}>{minute(link.expiresAt)}</td>
                  <td className={td}>
                    <Badge tone={STATUS[link.status].tone}>{STATUS[link.status].label}</Badge>
                  </td>
                  <td className={`${td} text-right`}>
                    {(link.status === 'active' || link.status === 'used') && (
                      <ConfirmButton
                        label="Revoke"
                        title="Revoke this setup link?"
                        description="Whoever has the link can no longer open the Admin Portal with it. The directory stays as it is."
                        confirmLabel="Revoke link"
                        onConfirm={async () => {
                          const result = await revokeSetupLinkAction(undefined, { organizationId, linkId: link.id });
                          if (result.ok) toast.success('Setup link revoked');
                          else toast.error(result.formError ?? 'The link could not be revoked');
                          router.refresh();
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </Card>
  );
}
