import Link from 'next/link';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { orNotFound } from '@/lib/pages';
import { count } from '@/lib/format';
import { IMPORT_FIELDS, MAX_ERRORS_KEPT } from '@/lib/hr/csv-import';
import { getImportView } from '@/lib/hr/import-queue';
import { buttonClass } from '@/components/ui/button-class';
import { Card, PageHeader, Table, TableHead, td } from '@/components/ui/layout';
import { ImportStatusBadge } from '@/components/hr/import-status';
import { ImportProgress, MappingForm, StartImportButton, UploadAgainLink } from '@/components/hr/import-review';

export const metadata = { title: 'Import people' };

export default async function ImportReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePageAccess('administration');
  const { id } = await params;
  const view = await orNotFound(id, (recordId) => getImportView(getDb(), staff.tenantId, recordId));
  const { record, sample, fileKept } = view;
  const summary = record.summary;
  const locked = ['queued', 'importing', 'imported'].includes(record.status);
  return (
    <>
      <PageHeader
        title="Import people"
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-800">{record.fileName}</span>
            <span>· {(record.sizeBytes / 1024).toFixed(record.sizeBytes < 10_240 ? 1 : 0)} KB</span>
            <ImportStatusBadge status={record.status} />
          </span>
        }
        actions={
          <Link href="/admin/people" className={buttonClass('secondary')}>
            Back to people
          </Link>
        }
      />
      <div className="space-y-6">
        <section
          aria-label="Import result"
          className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
          data-testid="import-status"
        >
          {record.status === 'uploaded' && (
            <p className="text-sm text-slate-700">
              Choose the columns below, then check the file. Nothing has been imported.
            </p>
          )}
          {record.status === 'invalid' && (
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="text-sm text-red-700">
                <strong>{record.errorCount.toLocaleString('en')}</strong> of {count(record.rowCount, 'row')}{' '}
                {record.errorCount === 1 ? 'has an error' : 'have errors'}. Nothing was imported. Fix them in your file
                and upload it again.
              </p>
              <UploadAgainLink />
            </div>
          )}
          {record.status === 'valid' && (
            <div className="flex flex-wrap items-center justify-between gap-3">
              <div className="text-sm text-slate-700">
                <p>
                  {record.rowCount === 1 ? (
                    'The row is valid: '
                  ) : (
                    <>
                      All <strong>{record.rowCount.toLocaleString('en')}</strong> rows are valid:{' '}
                    </>
                  )}
                  {summary?.creates.toLocaleString('en')} new, {summary?.updates.toLocaleString('en')} to update
                  (matched by person code).
                </p>
                {summary && summary.newDepartments.length > 0 && (
                  <p className="mt-1">New departments to create: {summary.newDepartments.join(', ')}.</p>
                )}
                {record.failure && <p className="mt-1 text-red-700">{record.failure}</p>}
              </div>
              <StartImportButton importId={record.id} rows={record.rowCount} />
            </div>
          )}
          {(record.status === 'queued' || record.status === 'importing') && (
            <ImportProgress status={record.status} processed={record.processedRows} total={record.rowCount} />
          )}
          {record.status === 'imported' && (
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="text-sm text-green-800">
                Imported {count(record.rowCount, 'row')}: {record.createdCount.toLocaleString('en')} created,{' '}
                {record.updatedCount.toLocaleString('en')} updated,{' '}
                {(record.rowCount - record.createdCount - record.updatedCount).toLocaleString('en')} unchanged.
              </p>
              <Link href="/admin/people" className={buttonClass('primary')}>
                View people
              </Link>
            </div>
          )}
          {record.status === 'failed' && (
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="text-sm text-red-700">{record.failure}</p>
              <div className="flex gap-2">
                {fileKept && <StartImportButton importId={record.id} rows={record.rowCount} again />}
                <UploadAgainLink />
              </div>
            </div>
          )}
        </section>

        {record.errors.length > 0 && record.status === 'invalid' && (
          <section aria-label="Rows with errors" className="space-y-2">
            <h2 className="text-base font-semibold">Rows with errors</h2>
            {record.errorCount > record.errors.length && (
              <p className="text-sm text-slate-600">
                Showing the first {MAX_ERRORS_KEPT} of {record.errorCount.toLocaleString('en')}.
              </p>
            )}
            <Table label="Rows with errors">
              <TableHead columns={['Line', 'Person code', 'Problem']} />
              <tbody className="divide-y divide-slate-100">
                {record.errors.map((e, i) => (
                  <tr key={i}>
                    <td className={`${td} whitespace-nowrap font-mono text-xs`}>
                      {e.line ? `Line ${e.line}` : 'File'}
                    </td>
                    <td className={`${td} font-mono text-xs`}>{e.personCode ?? '—'}</td>
                    <td className={`${td} text-red-700`}>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </section>
        )}

        <MappingForm
          importId={record.id}
          headers={record.headers}
          mapping={record.mapping}
          fields={IMPORT_FIELDS.map((f) => ({ key: f.key, label: f.label, required: f.required }))}
          disabled={locked}
        />

        {sample.length > 0 && (
          <Card title="First rows of the file">
            <div className="relative overflow-x-auto">
              <table className="min-w-full text-xs" aria-label="First rows of the file">
                <thead>
                  <tr>
                    {record.headers.map((h) => (
                      <th key={h} className="whitespace-nowrap px-2 py-1 text-left font-semibold text-slate-500">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {sample.map((row, i) => (
                    <tr key={i}>
                      {record.headers.map((h, j) => (
                        <td key={h} className="whitespace-nowrap px-2 py-1 text-slate-700">
                          {row[j]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        )}
      </div>
    </>
  );
}
