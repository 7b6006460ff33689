import Link from 'next/link';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { loadScimRequestLogPage } from '@/lib/scim/request-log';
import { listRejectedScimRequests, SCIM_REJECTED_KEEP } from '@/lib/scim/rejected-requests';
import { PageHeader } from '@/components/ui/layout';
import { RejectedScimRequests, ScimLogFilters, ScimLogTable } from '@/components/scim/request-log';

export const metadata = { title: 'SCIM request log' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
/** `before=1e30` or `-1` is no entry id: ignored rather than sent to PostgreSQL as an out-of-range bigint. */
const positiveId = (text: string) => (/^[1-9]\d{0,15}$/.test(text) ? Number(text) : undefined);
const utcSeconds = (date: Date) => date.toISOString().replace('T', ' ').slice(0, 19);

export default async function ScimLogPage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requirePageAccess('administration');
  const params = await searchParams;
  const filters = {
    status: one(params.status),
    method: one(params.method),
    text: one(params.q),
    before: positiveId(one(params.before)),
  };
  const [{ entries, hasMore }, rejected] = await Promise.all([
    loadScimRequestLogPage(getDb(), staff.tenantId, filters),
    listRejectedScimRequests(getDb(), staff.tenantId),
  ]);
  const olderHref = `?${new URLSearchParams({ ...(filters.status && { status: filters.status }), ...(filters.method && { method: filters.method }), ...(filters.text && { q: filters.text }), before: String(entries.at(-1)?.id ?? '') })}`;
  return (
    <>
      <PageHeader
        title="SCIM request log"
        description="Every request Okta or Entra sent to this company's SCIM URL with the right token, newest first: why a user was not provisioned is in the status and the response. Passwords and tokens are never stored. Older entries are removed as new ones arrive, and after 30 days (ROSTER_SCIM_LOG_MAX_AGE_DAYS)."
        actions={
          <Link href="/admin/integrations/scim" className="text-sm font-medium text-brand-700 underline">
            SCIM settings
          </Link>
        }
      />
      {!filters.before && (
        <RejectedScimRequests
          keep={SCIM_REJECTED_KEEP}
          entries={rejected.map((e) => ({ ...e, createdAt: utcSeconds(e.createdAt) }))}
        />
      )}
      <ScimLogFilters status={filters.status} method={filters.method} text={filters.text} />
      <ScimLogTable
        entries={entries.map((e) => ({ ...e, createdAt: utcSeconds(e.createdAt) }))}
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
