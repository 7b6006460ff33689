import { IntentLink } from '@/components/ui/intent-link';
import { Table } from '@/components/ui/layout';
import { th, td } from '@/components/ui/layout';
import type { DescribedEntry } from '@/lib/audit-log';

const when = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 19)} UTC`;

/**
 * The entries in words: "Hannah Hr turned on SAML SSO mappings (Okta Test)", the target linked when it still
 * exists. Details open in a native disclosure (<details>), which never traps the keyboard.
 */
export function AuditLogTable({ entries }: { entries: DescribedEntry[] }) {
  return (
    <Table label="Audit log">
      <thead className="bg-slate-50">
        <tr>
          <th className={th} scope="col">
            When (UTC)
          </th>
          <th className={th} scope="col">
            What happened
          </th>
          <th className={th} scope="col">
            Details
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {entries.map((entry) => (
          <tr key={entry.id} data-testid="audit-entry" className="align-top">
            <td className={`${td} whitespace-nowrap font-mono text-xs`}>
              <time dateTime={entry.createdAt.toISOString()}>{when(entry.createdAt)}</time>
            </td>
            <td className={td}>
              <span className="font-medium" title={entry.actorEmail ?? undefined}>
                {entry.actorName}
              </span>{' '}
              {entry.summary}
              {entry.target && (
                <>
                  {' '}
                  {entry.target.href ? (
                    <IntentLink href={entry.target.href} className="font-medium text-brand-700 hover:underline">
                      {entry.target.label}
                    </IntentLink>
                  ) : (
                    <span className="font-medium">{entry.target.label}</span>
                  )}
                </>
              )}
              <div className="font-mono text-xs text-slate-500">{entry.action}</div>
            </td>
            <td className={`${td} text-xs`}>
              {entry.details.length > 0 && (
                <details>
                  <summary className="cursor-pointer text-brand-700">
                    {entry.details.length} {entry.details.length === 1 ? 'detail' : 'details'}
                  </summary>
                  <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
                    {entry.details.map((d) => (
                      <div key={d.label} className="contents">
                        <dt className="text-slate-500">{d.label}</dt>
                        <dd className="break-all text-slate-700">{d.value}</dd>
                      </div>
                    ))}
                  </dl>
                </details>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
