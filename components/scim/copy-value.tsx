import { CopyButton } from '@/components/ui/copy-button';

/** A labelled value with a copy button (SCIM URL, Tenant ID). */
export function CopyValue({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-slate-700">{label}</p>
      <div className="flex items-center gap-2">
        <code className="flex-1 break-all rounded-md bg-slate-50 px-3 py-2 font-mono text-sm ring-1 ring-inset ring-slate-200" data-testid={testId}>
          {value}
        </code>
        <CopyButton value={value} what={label} />
      </div>
    </div>
  );
}
