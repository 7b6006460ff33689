import { CopyButton } from '@/components/ui/copy-button';

const TONES = {
  slate: 'bg-slate-50 ring-slate-200',
  amber: 'bg-white ring-amber-200',
} as const;

/** A labelled value with a copy button (SCIM URL, Tenant ID, Client ID and Secret, API URLs). */
export function CopyValue({
  label,
  value,
  testId,
  tone = 'slate',
}: {
  label: string;
  value: string;
  testId: string;
  tone?: keyof typeof TONES;
}) {
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-slate-700">{label}</p>
      <div className="flex items-center gap-2">
        <code
          className={`flex-1 break-all rounded-md px-3 py-2 font-mono text-sm ring-1 ring-inset ${TONES[tone]}`}
          data-testid={testId}
        >
          {value}
        </code>
        <CopyButton value={value} what={label} />
      </div>
    </div>
  );
}
