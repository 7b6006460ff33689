import Link from 'next/link';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { orNotFound } from '@/lib/pages';
import { utcMinute } from '@/lib/format';
import { defaultMappingProviderId, identityProviderOptions } from '@/lib/hr/identity-providers';
import { displayName } from '@/lib/hr/people';
import { getUserAccountDetail } from '@/lib/hr/user-accounts';
import { buttonClass } from '@/components/ui/button-class';
import { Badge, Card, PageHeader, TableHead, td } from '@/components/ui/layout';
import { AccountActiveButton, AddMappingForm, RemoveMappingButton } from '@/components/hr/user-account-controls';
import { EditSamlMappingButton } from '@/components/hr/edit-saml-mapping-button';

export const metadata = { title: 'User account' };

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-all text-sm text-slate-900">
        {children || <span className="text-slate-500">—</span>}
      </dd>
    </div>
  );
}

export default async function UserAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePageAccess('administration');
  const { id } = await params;
  const db = getDb();
  const detail = await orNotFound(id, (recordId) => getUserAccountDetail(db, staff.tenantId, recordId));
  const providers = await identityProviderOptions(db, staff.tenantId);
  const defaultProviderId = await defaultMappingProviderId(db, staff.tenantId);
  const { account, person, roleName, mappings } = detail;
  return (
    <>
      <PageHeader
        title={account.userName}
        description={
          <span className="flex items-center gap-2">
            User account of {displayName(person)}{' '}
            {account.active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Deactivated</Badge>}
          </span>
        }
        actions={
          <>
            <Link href="/admin/users" className={buttonClass('secondary')}>
              Back to user accounts
            </Link>
            <AccountActiveButton accountId={account.id} userName={account.userName} active={account.active} />
          </>
        }
      />
      <div className="space-y-6">
        <Card title="Account">
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
            <Field label="Username">{account.userName}</Field>
            <Field label="Email">{account.email}</Field>
            <Field label="Cezanne Role">{roleName}</Field>
            <Field label="Person">
              <Link href={`/admin/people/${person.id}`} className="text-brand-700 hover:underline">
                {displayName(person)} ({person.personCode})
              </Link>
            </Field>
            <Field label="External ID (from the identity provider)">{account.externalId}</Field>
            <Field label="Status">{account.active ? 'Active' : 'Deactivated'}</Field>
            <Field label="Created">{utcMinute(account.createdAt)}</Field>
            <Field label="Updated">{utcMinute(account.updatedAt)}</Field>
          </dl>
        </Card>
        <Card
          title="SAML mappings"
          description="Which identity provider this person signs in with, and the identifier it sends. SCIM creates one at provisioning when the tenant turns it on; SCIM updates never change them, so edit them here."
        >
          {mappings.length === 0 ? (
            <p className="text-sm text-slate-500">No SAML mappings.</p>
          ) : (
            <div className="relative mb-4 overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="SAML mappings">
                <TableHead columns={['Identity Provider', 'User identifier', 'Created']} actions plain />
                <tbody className="divide-y divide-slate-100">
                  {mappings.map((m) => (
                    <tr key={m.id}>
                      <td className={td}>{m.identityProviderName}</td>
                      <td className={`${td} font-mono text-xs break-all`}>{m.userIdentifier}</td>
                      <td className={`${td} text-xs text-slate-500`}>{utcMinute(m.createdAt)}</td>
                      <td className={`${td} space-x-2 whitespace-nowrap text-right`}>
                        <EditSamlMappingButton accountId={account.id} mapping={m} providers={providers} />
                        <RemoveMappingButton accountId={account.id} mappingId={m.id} label={m.identityProviderName} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="mt-4 border-t border-slate-100 pt-4">
            <AddMappingForm
              accountId={account.id}
              defaultIdentifier={account.userName}
              providers={providers}
              defaultProviderId={defaultProviderId}
            />
          </div>
        </Card>
      </div>
    </>
  );
}
