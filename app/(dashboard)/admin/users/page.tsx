import Link from 'next/link';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { listUserAccounts, parseAccountsQuery } from '@/lib/hr/user-accounts';
import { buttonClass } from '@/components/ui/button-class';
import { EmptyState, PageHeader } from '@/components/ui/layout';
import { IntentLink } from '@/components/ui/intent-link';
import { ListPager } from '@/components/ui/list-pager';
import { ListSearch } from '@/components/ui/list-search';
import { accountsHref, accountsParams, UserAccountsTable } from '@/components/hr/user-accounts-table';

export const metadata = { title: 'User accounts' };

const STATUS_LABELS = { all: 'All accounts', active: 'Active', inactive: 'Deactivated' } as const;

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
        actions={
          page.total > 0 && (
            <a
              href={`/admin/users/export?${new URLSearchParams(accountsParams({ ...query, page: 1 }))}`}
              className={buttonClass('secondary')}
              download
            >
              Export CSV
            </a>
          )
        }
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
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div className="min-w-64 flex-1">
              <ListSearch
                id="accounts-search"
                label="Search user accounts"
                placeholder="Username, person name or code"
              />
            </div>
            <nav aria-label="Status" className="mb-4 flex gap-1 text-sm">
              {(['all', 'active', 'inactive'] as const).map((status) => (
                <IntentLink
                  key={status}
                  href={accountsHref(query, { status, page: 1 })}
                  aria-current={query.status === status ? 'true' : undefined}
                  className={`rounded-md px-2 py-1 ${query.status === status ? 'bg-slate-200 font-medium text-slate-800' : 'hover:bg-slate-100'}`}
                >
                  {STATUS_LABELS[status]}
                </IntentLink>
              ))}
            </nav>
          </div>
          {page.rows.length === 0 ? (
            <EmptyState title="No matching accounts" />
          ) : (
            <UserAccountsTable rows={page.rows} query={query} />
          )}
          <nav
            aria-label="Pagination"
            className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600"
          >
            <p data-testid="accounts-count">
              {page.total.toLocaleString('en')} {filtered ? 'matching accounts' : 'accounts'}
            </p>
            <ListPager
              id="accounts"
              basePath="/admin/users"
              params={accountsParams(query)}
              page={query.page}
              pageCount={page.pageCount}
              hasNext={page.hasNext}
            />
          </nav>
        </>
      )}
    </>
  );
}
