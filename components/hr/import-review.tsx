'use client';
import { useActionState, useEffect, useTransition } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { reportResult } from '@/components/ui/use-action-toast';
import { count } from '@/lib/format';
import { startImportAction, validateImportAction } from '@/app/(dashboard)/admin/people/actions';
import { Button, buttonClass, SubmitButton } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import { Card } from '@/components/ui/layout';

type Field = { key: string; label: string; required: boolean };

export function MappingForm({
  importId,
  headers,
  mapping,
  fields,
  disabled,
}: {
  importId: string;
  headers: string[];
  mapping: Record<string, string | null>;
  fields: Field[];
  disabled: boolean;
}) {
  const [state, action] = useActionState(validateImportAction, undefined);
  const router = useRouter();
  useEffect(() => {
    if (!state) return;
    if (state.ok && state.data) {
      if (state.data.errors)
        toast.error(`${count(state.data.errors, 'row has an error', 'rows have errors')}. Nothing was imported.`);
      else toast.success(state.data.rows === 1 ? 'The row is valid' : `All ${count(state.data.rows, 'row')} are valid`);
      router.refresh();
    } else if (state.ok === false && state.formError) toast.error(state.formError);
  }, [state, router]);
  const errors = state?.fieldErrors ?? {};
  return (
    <Card
      title="Columns"
      description="Which column of your file holds each field. Fields left as “Not imported” keep their stored value when a person is updated."
    >
      <form action={action} className="space-y-4">
        <input type="hidden" name="importId" value={importId} />
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          {fields.map((field) => (
            <SelectField
              key={field.key}
              label={`${field.label}${field.required ? ' (required)' : ''}`}
              name={`map_${field.key}`}
              defaultValue={mapping[field.key] ?? ''}
              error={errors[`map_${field.key}`]}
              disabled={disabled}
            >
              <option value="">Not imported</option>
              {headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </SelectField>
          ))}
        </div>
        {!disabled && <SubmitButton pendingLabel="Checking every row…">Check the file</SubmitButton>}
      </form>
    </Card>
  );
}

export function StartImportButton({
  importId,
  rows,
  again = false,
}: {
  importId: string;
  rows: number;
  again?: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const label = again ? 'Import again' : `Import ${rows.toLocaleString('en')} ${rows === 1 ? 'person' : 'people'}`;
  return (
    <Button
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await startImportAction(undefined, { importId });
          reportResult(result, 'Import queued', 'The import could not start.');
          router.refresh();
        })
      }
    >
      {pending ? 'Starting…' : label}
    </Button>
  );
}

/** While the import is queued or runs (on a background worker), re-reads the page every second to show its progress. */
export function ImportProgress({
  status,
  processed,
  total,
}: {
  status: 'queued' | 'importing';
  processed: number;
  total: number;
}) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [router]);
  const percent = total ? Math.min(100, Math.round((processed / total) * 100)) : 0;
  return (
    <div className="space-y-2">
      <div className="flex justify-between text-sm text-slate-700">
        <span>
          {status === 'queued'
            ? 'Queued: waiting for a background worker to start the import…'
            : `Importing… ${processed.toLocaleString('en')} of ${total.toLocaleString('en')} rows`}
        </span>
        <span>{percent}%</span>
      </div>
      <div
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-slate-500">
        All rows are written in one transaction: if anything fails, nothing is imported.
      </p>
    </div>
  );
}

export function UploadAgainLink() {
  return (
    <Link href="/admin/people/import" className={buttonClass('secondary')}>
      Upload a corrected file
    </Link>
  );
}
