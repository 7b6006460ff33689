import { IntentLink } from '@/components/ui/intent-link';
import { ListPager } from '@/components/ui/list-pager';
import { Badge, Table, td, th } from '@/components/ui/layout';
import { hasEnded, todayIso } from '@/lib/hr/leaver-rule';
import type { PeoplePage, PeopleQuery, PeopleSort } from '@/lib/hr/people-list';

const COLUMNS: { label: string; sort?: PeopleSort }[] = [
  { label: 'Name', sort: 'name' },
  { label: 'Person code', sort: 'code' },
  { label: 'Internal email', sort: 'email' },
  { label: 'Department', sort: 'department' },
  { label: 'Job title', sort: 'title' },
  { label: 'Status', sort: 'status' },
  { label: 'Updated', sort: 'updated' },
];

/** The list's URL parameters without their defaults (what a link or the page jump form carries). */
export function peopleParams(query: PeopleQuery): Record<string, string> {
  const search = new URLSearchParams(peopleHref(query, {}).split('?')[1] ?? '');
  return Object.fromEntries(search);
}

export function peopleHref(
  query: PeopleQuery,
  changes: Partial<Record<'q' | 'sort' | 'dir' | 'page' | 'size' | 'status' | 'department', string | number>>,
) {
  const params = new URLSearchParams();
  const merged = {
    q: query.q,
    sort: query.sort,
    dir: query.dir,
    page: query.page,
    size: query.pageSize,
    status: query.status,
    department: query.departmentId ?? '',
    ...changes,
  };
  const defaults: Record<string, string> = { sort: 'name', dir: 'asc', page: '1', size: '50', status: 'all' };
  for (const [key, value] of Object.entries(merged)) {
    const text = String(value ?? '');
    if (text && defaults[key] !== text) params.set(key, text);
  }
  const qs = params.toString();
  return `/admin/people${qs ? `?${qs}` : ''}`;
}

function SortHeader({ label, sort, query }: { label: string; sort?: PeopleSort; query: PeopleQuery }) {
  if (!sort) return <th className={th}>{label}</th>;
  const active = query.sort === sort;
  // Dates read newest first on the first click; everything else A→Z.
  const firstDir = sort === 'updated' ? 'desc' : 'asc';
  const nextDir = active ? (query.dir === 'asc' ? 'desc' : 'asc') : firstDir;
  return (
    <th className={th} aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <IntentLink
        href={peopleHref(query, { sort, dir: nextDir, page: 1 })}
        className="inline-flex items-center gap-1 hover:text-slate-800"
        scroll={false}
      >
        {label}
        <span aria-hidden className={active ? 'text-slate-700' : 'text-slate-300'}>
          {active && query.dir === 'desc' ? '▼' : '▲'}
        </span>
      </IntentLink>
    </th>
  );
}

function status(row: PeoplePage['rows'][number], today: string) {
  if (hasEnded(row.primaryEndDate, today)) return <Badge tone="amber">Leaver since {row.primaryEndDate}</Badge>;
  return row.activeEmployee ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Inactive</Badge>;
}

export function PeopleTable({ page }: { page: PeoplePage }) {
  const today = todayIso();
  return (
    <Table label="People">
      <thead className="bg-slate-50">
        <tr>
          {COLUMNS.map((c) => (
            <SortHeader key={c.label} label={c.label} sort={c.sort} query={page.query} />
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {page.rows.map((row) => (
          <tr key={row.id} className="hover:bg-slate-50">
            <td className={td}>
              <IntentLink href={`/admin/people/${row.id}`} className="font-medium text-brand-700 hover:underline">
                {row.preferredGivenName || row.givenName} {row.familyName}
              </IntentLink>
            </td>
            <td className={`${td} font-mono text-xs`}>{row.personCode}</td>
            <td className={td}>{row.internalEmail ?? <span className="text-slate-500">—</span>}</td>
            <td className={td}>{row.departmentName ?? <span className="text-slate-500">—</span>}</td>
            <td className={td}>{row.jobTitle ?? <span className="text-slate-500">—</span>}</td>
            <td className={`${td} whitespace-nowrap`}>{status(row, today)}</td>
            <td className={`${td} whitespace-nowrap text-xs text-slate-500`}>
              {row.updatedAt.toISOString().slice(0, 10)}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function PeoplePagination({ page }: { page: PeoplePage }) {
  const { query } = page;
  const from = (query.page - 1) * query.pageSize + 1;
  const to = from + page.rows.length - 1;
  const total = page.capped ? `more than ${page.total.toLocaleString('en')}` : page.total.toLocaleString('en');
  return (
    <nav
      aria-label="Pagination"
      className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600"
    >
      <p data-testid="people-count">
        {page.rows.length ? `${from.toLocaleString('en')}–${to.toLocaleString('en')} of ${total}` : `0 of ${total}`}{' '}
        {page.query.q || page.query.status !== 'all' || page.query.departmentId ? 'matching people' : 'people'}
      </p>
      <div className="flex items-center gap-2">
        <span className="text-xs text-slate-500">Rows per page:</span>
        {[25, 50, 100].map((size) => (
          <IntentLink
            key={size}
            href={peopleHref(query, { size, page: 1 })}
            aria-current={size === query.pageSize ? 'true' : undefined}
            className={`rounded px-1.5 py-0.5 text-xs ${size === query.pageSize ? 'bg-slate-200 font-medium text-slate-800' : 'hover:bg-slate-100'}`}
          >
            {size}
          </IntentLink>
        ))}
        <span aria-hidden className="mx-2 text-slate-300">
          |
        </span>
        <ListPager
          id="people"
          basePath="/admin/people"
          params={peopleParams(query)}
          page={query.page}
          pageCount={page.pageCount}
          pageCountKnown={!page.capped}
          hasNext={page.hasNext}
        />
      </div>
    </nav>
  );
}
