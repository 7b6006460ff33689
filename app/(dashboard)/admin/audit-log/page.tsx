import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { listAudit } from '@/lib/audit';
import { EmptyState, PageHeader, Table, TableHead, td } from '@/components/ui/layout';

export const metadata = { title: 'Audit log' };

export default async function AuditLogPage() {
  const staff = await requirePageAccess('auditLog');
  const entries = await listAudit(getDb(), staff.tenantId, { limit: 200 });
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made by staff in this company, newest first (latest 200)."
      />
      {entries.length === 0 ? (
        <EmptyState title="No entries yet" />
      ) : (
        <Table label="Audit log">
          <TableHead columns={['When', 'Who', 'What', 'Target', 'Details']} />
          <tbody className="divide-y divide-slate-100">
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className={`${td} whitespace-nowrap`}>
                  {entry.createdAt.toISOString().replace('T', ' ').slice(0, 19)}
                </td>
                <td className={td}>{entry.actorEmail ?? 'system'}</td>
                <td className={`${td} font-mono text-xs`}>{entry.action}</td>
                <td className={td}>{entry.target}</td>
                <td className={`${td} font-mono text-xs text-slate-500`}>
                  {entry.details ? JSON.stringify(entry.details) : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
