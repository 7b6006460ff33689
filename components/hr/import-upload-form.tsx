'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { count } from '@/lib/format';
import { SubmitButton } from '@/components/ui/button';
import { Card } from '@/components/ui/layout';

const MAX_BYTES = 25 * 1024 * 1024;

const TEMPLATE = [
  'Person code,Given name,Family name,Preferred given name,Internal email,External email,Department,Job title,Active employee,Employment ID,Start date,End date,Primary employment',
  'P1001,Ada,Lovelace,,ada.lovelace@example.com,ada@home.example,Engineering,Analyst,yes,E1001,2021-04-01,,yes',
  'P1002,Alan,Turing,,alan.turing@example.com,,Engineering,Researcher,yes,E1002,2019-09-16,2024-06-30,yes',
].join('\n');

export function ImportUploadForm() {
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();
  // The file goes to a route handler as the raw body (up to 25 MB), not through a server action.
  async function upload(form: FormData) {
    const file = form.get('file');
    if (!(file instanceof File) || !file.name) return setError('Choose a CSV file.');
    if (file.size === 0) return setError('Choose a CSV file (this one is empty).');
    if (file.size > MAX_BYTES) return setError('The file is larger than 25 MB. Split it into smaller files.');
    setError(null);
    const response = await fetch('/admin/people/import/upload', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent(file.name) },
      body: file,
    }).catch(() => null);
    const body = ((await response?.json().catch(() => null)) ?? {}) as {
      id?: string;
      checked?: boolean;
      rowCount?: number;
      errorCount?: number;
      error?: string;
      fieldErrors?: Record<string, string>;
    };
    if (response?.status === 201 && body.id) {
      // The message matches what the check found: a file with bad rows is not announced in green.
      toast.dismiss();
      if (!body.checked) toast.info('File uploaded. Choose its columns, then check it.');
      else if (body.errorCount)
        toast.error(`File uploaded: ${count(body.errorCount, 'row has an error', 'rows have errors')}.`);
      else toast.success(`File uploaded and checked: ${count(body.rowCount ?? 0, 'row')}, all valid.`);
      router.push(`/admin/people/import/${body.id}`);
    } else if (body.fieldErrors?.file) setError(body.fieldErrors.file);
    else toast.error(body.error ?? 'The upload failed. Try again.');
  }
  return (
    <Card
      title="Upload a CSV file"
      description="Nothing is imported until every row is valid: you see a preview with each bad row and its line number first."
    >
      <form action={upload} className="space-y-4">
        <div className="space-y-1">
          <label htmlFor="csv-file" className="block text-sm font-medium text-slate-700">
            CSV file
          </label>
          <input
            id="csv-file"
            name="file"
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-invalid={Boolean(error)}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-brand-700 hover:file:bg-brand-100"
          />
          {error ? (
            <p className="text-xs text-red-600" data-testid="error-file">
              {error}
            </p>
          ) : (
            <p className="text-xs text-slate-500">
              UTF-8 CSV, comma or semicolon separated, up to 25 MB (about 200,000 rows). The first line names the
              columns.
            </p>
          )}
        </div>
        <SubmitButton pendingLabel="Uploading and checking…">Upload and check</SubmitButton>
      </form>
      <div className="mt-5 border-t border-slate-100 pt-4 text-sm text-slate-600">
        <p>
          Columns are matched by name (you can change the mapping after upload): person code, given name and family name
          are required; the rest is optional. Re-importing a file updates people by <strong>person code</strong> and
          never creates duplicates; columns left out of the file are not changed. Dates are <code>YYYY-MM-DD</code>;
          yes/no columns accept yes, no, true, false, 1, 0.
        </p>
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`}
          download="people-template.csv"
          className="mt-2 inline-block font-medium text-brand-700 hover:underline"
        >
          Download a template
        </a>
      </div>
    </Card>
  );
}
