import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import {
  AUDIT_ACTION_KINDS,
  auditActorOptions,
  isAuditFiltered,
  listAuditPage,
  parseAuditQuery,
  type AuditQuery,
} from '@/lib/audit-log';
import { buttonClass } from '@/components/ui/button-class';
import { EmptyState, PageHeader } from '@/components/ui/layout';
import { ListPager } from '@/components/ui/list-pager';
import { AuditLogTable } from '@/components/audit/audit-log-table';

export const metadata = { title: 'Audit log' };

const input = 'mt-1 block rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300';
const label = 'block text-sm font-medium text-slate-700';

function params(query: AuditQuery): Record<string, string> {
  return { actor: query.actor, action: query.action, from: query.from, to: query.to, q: query.q };
}

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requirePageAccess('auditLog');
  const query = parseAuditQuery(await searchParams);
  const db = getDb();
  const [page, actors] = await Promise.all([
    listAuditPage(db, staff.tenantId, query),
    auditActorOptions(db, staff.tenantId),
  ]);
  const exportHref = `/admin/audit-log/export?${new URLSearchParams(Object.entries(params(query)).filter(([, v]) => v))}`;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made by staff in this company, newest first. Times are in UTC."
        actions={
          <a href={exportHref} className={buttonClass('secondary')} download>
            Export CSV
          </a>
        }
      />
      <form role="search" action="/admin/audit-log" method="get" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <label htmlFor="audit-q" className={label}>
            Search
          </label>
          <input
            id="audit-q"
            type="search"
            name="q"
            defaultValue={query.q}
            placeholder="Target, action or detail"
            className={`${input} w-full`}
          />
        </div>
        <div>
          <label htmlFor="audit-actor" className={label}>
            Actor
          </label>
          <select id="audit-actor" name="actor" defaultValue={query.actor} className={`${input} max-w-64 pr-8`}>
            <option value="">Anyone</option>
            {actors.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-action" className={label}>
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={query.action} className={`${input} pr-8`}>
            <option value="">All actions</option>
            {AUDIT_ACTION_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from" className={label}>
            From (UTC)
          </label>
          <input id="audit-from" type="date" name="from" defaultValue={query.from} className={input} />
        </div>
        <div>
          <label htmlFor="audit-to" className={label}>
            To (UTC)
          </label>
          <input id="audit-to" type="date" name="to" defaultValue={query.to} className={input} />
        </div>
        <button type="submit" className={buttonClass('primary')}>
          Filter
        </button>
        {isAuditFiltered(query) && (
          <a href="/admin/audit-log" className={buttonClass('secondary')}>
            Clear
          </a>
        )}
      </form>
      {page.entries.length === 0 ? (
        <EmptyState title={isAuditFiltered(query) ? 'No entries match these filters' : 'No entries yet'} />
      ) : (
        <>
          <AuditLogTable entries={page.entries} />
          <nav
            aria-label="Pagination"
            className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600"
          >
            <p data-testid="audit-count">
              {page.total.toLocaleString('en')} {page.total === 1 ? 'entry' : 'entries'}
            </p>
            <ListPager
              id="audit"
              basePath="/admin/audit-log"
              params={params(page.query)}
              page={page.query.page}
              pageCount={page.pageCount}
            />
          </nav>
        </>
      )}
    </>
  );
}
