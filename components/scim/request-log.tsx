import { Badge, EmptyState, Table, TableHead, td, th } from '@/components/ui/layout';
import { buttonClass } from '@/components/ui/button-class';

type Entry = {
  id: number;
  createdAt: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  userName: string | null;
  requestBody: string | null;
  responseBody: string | null;
};

const STATUS_OPTIONS = [
  ['', 'All statuses'],
  ['2xx', 'Success (2xx)'],
  ['4xx', 'Client errors (4xx)'],
  ['5xx', 'Server errors (5xx)'],
  ['400', '400 Bad Request'],
  ['401', '401 Unauthorized'],
  ['404', '404 Not Found'],
  ['409', '409 Conflict'],
] as const;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const control =
  'rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600';

/** A GET form: filters live in the URL, so a filtered view can be shared and reloaded. */
export function ScimLogFilters({ status, method, text }: { status: string; method: string; text: string }) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter SCIM requests">
      <label className="space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Status</span>
        <select name="status" defaultValue={status} className={control}>
          {STATUS_OPTIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Method</span>
        <select name="method" defaultValue={method} className={control}>
          <option value="">All methods</option>
          {METHODS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      <label className="min-w-64 flex-1 space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Search requests</span>
        <input
          type="search"
          name="q"
          defaultValue={text}
          placeholder="userName, path or text in the body"
          className={`${control} w-full`}
        />
      </label>
      <button type="submit" className={buttonClass('secondary')}>
        Filter
      </button>
    </form>
  );
}

function statusTone(status: number) {
  if (status < 300) return 'green' as const;
  if (status < 500) return 'amber' as const;
  return 'red' as const;
}

function pretty(body: string | null, method?: string, status?: number) {
  if (!body)
    return method === 'GET' && status !== undefined && status < 300 ? '(not kept for successful reads)' : '(none)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function ScimLogTable({ entries, filtered }: { entries: Entry[]; filtered: boolean }) {
  if (entries.length === 0) {
    return (
      <EmptyState
        title={filtered ? 'No requests match these filters' : 'No SCIM requests yet'}
        description={
          filtered
            ? 'Clear the filters to see every request.'
            : 'Requests appear here as soon as Okta or Entra calls the SCIM URL, including refused ones.'
        }
      />
    );
  }
  return (
    <Table label="SCIM requests">
      <thead className="bg-slate-50">
        <tr>
          <th className={th}>Time (UTC)</th>
          <th className={th}>Method</th>
          <th className={th}>Path</th>
          <th className={th}>Status</th>
          <th className={th}>Duration</th>
          <th className={th}>userName</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {entries.map((e) => {
          const detail = (() => {
            try {
              return (JSON.parse(e.responseBody ?? '') as { detail?: string }).detail;
            } catch {
              return undefined;
            }
          })();
          return (
            <tr key={e.id} className="align-top" data-testid="scim-log-row">
              <td className={`${td} whitespace-nowrap font-mono text-xs`}>{e.createdAt}</td>
              <td className={`${td} font-mono text-xs`}>{e.method}</td>
              <td className={`${td} min-w-[22rem] max-w-2xl text-xs`}>
                <span className="break-all font-mono" title={e.path}>
                  {e.path.replace(/^\/scim\/v2\/[^/?]+/, '') || '/'}
                </span>
                {e.status >= 400 && detail && <p className="mt-1 text-red-700">{detail}</p>}
                <details className="mt-1">
                  <summary className="cursor-pointer text-brand-700">Bodies</summary>
                  <div className="mt-2 space-y-2">
                    <p className="font-semibold">Request</p>
                    <pre
                      tabIndex={0}
                      className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 text-slate-100"
                    >
                      {pretty(e.requestBody)}
                    </pre>
                    <p className="font-semibold">Response</p>
                    <pre
                      tabIndex={0}
                      className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 text-slate-100"
                    >
                      {pretty(e.responseBody, e.method, e.status)}
                    </pre>
                  </div>
                </details>
              </td>
              <td className={td}>
                <Badge tone={statusTone(e.status)}>{e.status}</Badge>
              </td>
              <td className={`${td} whitespace-nowrap text-xs`}>{e.durationMs} ms</td>
              <td className={`${td} break-all text-xs`}>{e.userName ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

type RejectedEntry = {
  id: number;
  createdAt: string;
  method: string;
  path: string;
  status: number;
  reason: string;
  clientAddress: string | null;
};

/**
 * Requests refused before authentication (wrong or missing token, SCIM switched off): kept apart from the log above
 * so that nobody who knows the tenant id can flood the real history away, and shown so HR sees a misconfigured Okta.
 */
export function RejectedScimRequests({ entries, keep }: { entries: RejectedEntry[]; keep: number }) {
  if (entries.length === 0) return null;
  return (
    <section className="mb-6" aria-label="Rejected requests">
      <h2 className="text-base font-semibold">Rejected requests (wrong or missing token, SCIM off)</h2>
      <p className="mb-2 mt-1 text-sm text-slate-600">
        The newest {keep} requests refused before the token was accepted. If Okta is listed here, paste the current
        secret token into its provisioning settings.
      </p>
      <Table label="Rejected requests">
        <TableHead columns={['Time (UTC)', 'Method', 'Path', 'Status', 'Reason', 'From address']} />
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.id} className="align-top" data-testid="scim-rejected-row">
              <td className={`${td} whitespace-nowrap font-mono text-xs`}>{e.createdAt}</td>
              <td className={`${td} font-mono text-xs`}>{e.method}</td>
              <td className={`${td} max-w-md break-all font-mono text-xs`}>
                {e.path.replace(/^\/scim\/v2\/[^/?]+/, '') || '/'}
              </td>
              <td className={td}>
                <Badge tone="amber">{e.status}</Badge>
              </td>
              <td className={`${td} text-xs text-red-700`}>{e.reason}</td>
              <td className={`${td} font-mono text-xs`}>{e.clientAddress ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
