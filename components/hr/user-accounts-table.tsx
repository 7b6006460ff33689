import { IntentLink } from '@/components/ui/intent-link';
import { Badge, Table, td, th } from '@/components/ui/layout';
import type { AccountSort, AccountsQuery } from '@/lib/hr/user-accounts';

type Row = {
  id: string;
  userName: string;
  personId: string;
  personName: string;
  personCode: string;
  roleName: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
};

const COLUMNS: { label: string; sort: AccountSort }[] = [
  { label: 'Username', sort: 'username' },
  { label: 'Person', sort: 'person' },
  { label: 'Role', sort: 'role' },
  { label: 'Status', sort: 'status' },
  { label: 'Created', sort: 'created' },
  { label: 'Updated', sort: 'updated' },
];

/** The list's URL parameters without defaults. */
export function accountsParams(query: AccountsQuery, changes: Partial<AccountsQuery> = {}): Record<string, string> {
  const merged = { ...query, ...changes };
  const out: Record<string, string> = {};
  if (merged.q) out.q = merged.q;
  if (merged.status !== 'all') out.status = merged.status;
  if (merged.sort !== 'username') out.sort = merged.sort;
  if (merged.dir !== 'asc') out.dir = merged.dir;
  if (merged.page > 1) out.page = String(merged.page);
  return out;
}

export function accountsHref(query: AccountsQuery, changes: Partial<AccountsQuery> = {}) {
  const qs = new URLSearchParams(accountsParams(query, changes)).toString();
  return `/admin/users${qs ? `?${qs}` : ''}`;
}

const date = (d: Date) => d.toISOString().slice(0, 10);

function SortHeader({ label, sort, query }: { label: string; sort: AccountSort; query: AccountsQuery }) {
  const active = query.sort === sort;
  // Dates read newest first on the first click; everything else A→Z.
  const firstDir = sort === 'created' || sort === 'updated' ? 'desc' : 'asc';
  const dir = active ? (query.dir === 'asc' ? 'desc' : 'asc') : firstDir;
  return (
    <th className={th} aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <IntentLink
        href={accountsHref(query, { sort, dir, page: 1 })}
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

export function UserAccountsTable({ rows, query }: { rows: Row[]; query: AccountsQuery }) {
  return (
    <Table label="User accounts">
      <thead className="bg-slate-50">
        <tr>
          {COLUMNS.map((c) => (
            <SortHeader key={c.sort} label={c.label} sort={c.sort} query={query} />
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((a) => (
          <tr key={a.id} className="hover:bg-slate-50">
            <td className={td}>
              <IntentLink href={`/admin/users/${a.id}`} className="font-medium text-brand-700 hover:underline">
                {a.userName}
              </IntentLink>
            </td>
            <td className={td}>
              <IntentLink href={`/admin/people/${a.personId}`} className="hover:underline">
                {a.personName}
              </IntentLink>{' '}
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
  );
}
