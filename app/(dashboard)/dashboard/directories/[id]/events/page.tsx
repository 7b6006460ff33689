import Link from 'next/link';
import { searchParam } from '@/lib/pages';
import { directoryEventsPage, directoryEventTypes } from '@/lib/directory-sync/dashboard';
import { utcMinute } from '@/lib/format';
import { CursorPager } from '@/components/directory-sync/pager';
import { buttonClass } from '@/components/ui/button-class';
import { EmptyState, Table, TableHead, td } from '@/components/ui/layout';
import { loadDirectoryPage } from '../directory-data';

export const metadata = { title: 'Directory events' };

export default async function DirectoryEventsTab({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const { staff, db } = await loadDirectoryPage(id);
  const types = await directoryEventTypes(db, staff.tenantId, id);
  const event = searchParam(query.event);
  const filter = event && types.includes(event) ? event : undefined;
  const page = await directoryEventsPage(db, staff.tenantId, id, {
    event: filter,
    after: searchParam(query.after),
    before: searchParam(query.before),
  });
  const base = `/dashboard/directories/${id}/events`;
  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading" className="sr-only">
        Events
      </h2>
      <form method="get" action={base} className="mb-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="event-type" className="block text-sm font-medium text-slate-700">
            Event type
          </label>
          <select
            id="event-type"
            name="event"
            defaultValue={filter ?? ''}
            className="mt-1 block rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
          >
            <option value="">All events</option>
            {types.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass('secondary')}>
          Filter
        </button>
        {filter && (
          <Link href={base} className="px-2 py-2 text-sm text-brand-700 hover:underline">
            Clear
          </Link>
        )}
      </form>
      {page.items.length === 0 ? (
        <EmptyState
          title="No events"
          description={
            filter ? `No ${filter} events.` : 'Events appear here as syncs create, update and delete users and groups.'
          }
        />
      ) : (
        <>
          <Table label="Directory events">
            <TableHead columns={['Event', 'Created (UTC)', 'Payload']} />
            <tbody className="divide-y divide-slate-100">
              {page.items.map((item) => (
                <tr key={item.id} className="align-top">
                  <td className={`${td} font-mono text-xs`}>
                    <span className="font-semibold">{item.event}</span>
                    <br />
                    <span className="text-slate-600">{item.id}</span>
                  </td>
                  <td className={`${td} whitespace-nowrap`}>{utcMinute(item.createdAt)}</td>
                  <td className={td}>
                    <details>
                      <summary className="cursor-pointer text-sm text-brand-700">View payload</summary>
                      <pre
                        tabIndex={0}
                        className="mt-2 max-h-80 max-w-xl overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100"
                      >
                        {JSON.stringify(
                          { id: item.id, event: item.event, data: item.data, created_at: item.createdAt.toISOString() },
                          null,
                          2,
                        )}
                      </pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          <CursorPager
            base={base}
            params={{ event: filter }}
            previous={page.previous}
            next={page.next}
            label="Events pages"
          />
        </>
      )}
    </section>
  );
}
