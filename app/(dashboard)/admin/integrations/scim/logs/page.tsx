import Link from 'next/link';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { loadScimRequestLogPage } from '@/lib/scim/request-log';
import { PageHeader } from '@/components/ui/layout';
import { ScimLogFilters, ScimLogTable } from '@/components/scim/request-log';

export const metadata = { title: 'SCIM request log' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export default async function ScimLogPage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requirePageAccess('administration');
  const params = await searchParams;
  const filters = { status: one(params.status), method: one(params.method), text: one(params.q), before: Number(one(params.before)) || undefined };
  const { entries, hasMore } = await loadScimRequestLogPage(getDb(), staff.tenantId, filters);
  const olderHref = `?${new URLSearchParams({ ...(filters.status && { status: filters.status }), ...(filters.method && { method: filters.method }), ...(filters.text && { q: filters.text }), before: String(entries.at(-1)?.id ?? '') })}`;
  return (
    <>
      <PageHeader
        title="SCIM request log"
        description="Every request Okta or Entra sent to this company's SCIM URL, newest first: why a user was not provisioned is in the status and the response. Passwords and tokens are never stored. Older entries are removed as new ones arrive."
        actions={
          <Link href="/admin/integrations/scim" className="text-sm font-medium text-brand-700 underline">
            SCIM settings
          </Link>
        }
      />
      <ScimLogFilters status={filters.status} method={filters.method} text={filters.text} />
      <ScimLogTable
        entries={entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString().replace('T', ' ').slice(0, 19) }))}
        filtered={Boolean(filters.status || filters.method || filters.text || filters.before)}
      />
      <div className="mt-4 flex justify-between text-sm">
        {filters.before ? (
          <Link className="text-brand-700 underline" href="?">
            Newest requests
          </Link>
        ) : (
          <span />
        )}
        {hasMore && (
          <Link className="text-brand-700 underline" href={olderHref}>
            Older requests
          </Link>
        )}
      </div>
    </>
  );
}
