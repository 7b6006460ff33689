import Link from 'next/link';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { listRecentImports } from '@/lib/hr/csv-import';
import { Badge, Card, PageHeader } from '@/components/ui/layout';
import { ImportUploadForm } from '@/components/hr/import-upload-form';
import { ImportStatusBadge } from '@/components/hr/import-status';

export const metadata = { title: 'Import people' };

export default async function ImportPage() {
  const staff = await requirePageAccess('administration');
  const recent = await listRecentImports(getDb(), staff.tenantId);
  return (
    <>
      <PageHeader
        title="Import people"
        description="Create and update person records from a CSV file (an HR system export or a spreadsheet)."
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <ImportUploadForm />
        <Card title="Recent imports">
          {recent.length === 0 ? (
            <p className="text-sm text-slate-500">No imports yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {recent.map((r) => (
                <li key={r.id} className="flex items-center justify-between gap-2 py-2">
                  <Link
                    href={`/admin/people/import/${r.id}`}
                    className="truncate font-medium text-brand-700 hover:underline"
                  >
                    {r.fileName}
                  </Link>
                  <span className="flex shrink-0 items-center gap-2 text-xs text-slate-500">
                    {r.createdAt.toISOString().slice(0, 16).replace('T', ' ')}
                    <ImportStatusBadge status={r.status} />
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-xs text-slate-500">
            <Badge>Tip</Badge> Every import is written to the audit log.
          </p>
        </Card>
      </div>
    </>
  );
}
