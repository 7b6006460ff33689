import Link from 'next/link';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { listUserAccounts, parseAccountsQuery, type AccountsQuery } from '@/lib/hr/user-accounts';
import { buttonClass } from '@/components/ui/button-class';
import { Badge, EmptyState, PageHeader, Table, TableHead, td } from '@/components/ui/layout';

export const metadata = { title: 'User accounts' };

function href(query: AccountsQuery, changes: Partial<AccountsQuery>) {
  const merged = { ...query, ...changes };
  const params = new URLSearchParams();
  if (merged.q) params.set('q', merged.q);
  if (merged.status !== 'all') params.set('status', merged.status);
  if (merged.page > 1) params.set('page', String(merged.page));
  const qs = params.toString();
  return `/admin/users${qs ? `?${qs}` : ''}`;
}

const date = (d: Date) => d.toISOString().slice(0, 10);

export default async function UserAccountsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requirePageAccess('administration');
  const query = parseAccountsQuery(await searchParams);
  const page = await listUserAccounts(getDb(), staff.tenantId, query);
  const filtered = Boolean(query.q || query.status !== 'all');
  return (
    <>
      <PageHeader
        title="User accounts"
        description="Accounts provisioned for people by SCIM (Okta or Entra ID), at most one per person, with their SAML mappings. HR can deactivate and reactivate them."
      />
      {page.total === 0 && !filtered ? (
        <EmptyState
          title="No accounts provisioned yet"
          description={
            <>
              Accounts appear here when Okta provisions users through SCIM. Set it up at{' '}
              <Link href="/admin/integrations/scim" className="font-medium text-brand-700 hover:underline">
                Integrations › SCIM
              </Link>
              .
            </>
          }
        />
      ) : (
        <>
          <form role="search" className="mb-4 flex flex-wrap items-end gap-3" action="/admin/users">
            <div className="min-w-64 flex-1">
              <label htmlFor="accounts-search" className="block text-sm font-medium text-slate-700">
                Search user accounts
              </label>
              <input
                id="accounts-search"
                type="search"
                name="q"
                defaultValue={query.q}
                placeholder="Username, person name or code"
                className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300"
              />
            </div>
            <div>
              <label htmlFor="accounts-status" className="block text-sm font-medium text-slate-700">
                Status
              </label>
              <select
                id="accounts-status"
                name="status"
                defaultValue={query.status}
                className="mt-1 block rounded-md border-0 bg-white py-2 pl-3 pr-8 text-sm shadow-sm ring-1 ring-inset ring-slate-300"
              >
                <option value="all">All accounts</option>
                <option value="active">Active</option>
                <option value="inactive">Deactivated</option>
              </select>
            </div>
            <button type="submit" className={buttonClass('secondary')}>
              Search
            </button>
          </form>
          {page.rows.length === 0 ? (
            <EmptyState title="No matching accounts" />
          ) : (
            <Table label="User accounts">
              <TableHead columns={['Username', 'Person', 'Role', 'Status', 'Created', 'Updated']} />
              <tbody className="divide-y divide-slate-100">
                {page.rows.map((a) => (
                  <tr key={a.id} className="hover:bg-slate-50">
                    <td className={td}>
                      <Link href={`/admin/users/${a.id}`} className="font-medium text-brand-700 hover:underline">
                        {a.userName}
                      </Link>
                    </td>
                    <td className={td}>
                      <Link href={`/admin/people/${a.personId}`} className="hover:underline">
                        {a.personName}
                      </Link>{' '}
                      <span className="font-mono text-xs text-slate-500">{a.personCode}</span>
                    </td>
                    <td className={td}>{a.roleName ?? <span className="text-slate-500">No role</span>}</td>
                    <td className={td}>
                      {a.active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Deactivated</Badge>}
                    </td>
                    <td className={`${td} whitespace-nowrap text-xs text-slate-500`}>{date(a.createdAt)}</td>
                    <td className={`${td} whitespace-nowrap text-xs text-slate-500`}>{date(a.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
            <p>
              {page.total.toLocaleString('en')} {filtered ? 'matching accounts' : 'accounts'}
            </p>
            <div className="flex items-center gap-2">
              {page.hasPrevious && (
                <Link
                  href={href(query, { page: query.page - 1 })}
                  className="rounded-md px-2 py-1 ring-1 ring-slate-300 hover:bg-slate-50"
                >
                  Previous
                </Link>
              )}
              <span>Page {query.page}</span>
              {page.hasNext && (
                <Link
                  href={href(query, { page: query.page + 1 })}
                  className="rounded-md px-2 py-1 ring-1 ring-slate-300 hover:bg-slate-50"
                >
                  Next
                </Link>
              )}
            </div>
          </nav>
        </>
      )}
    </>
  );
}
