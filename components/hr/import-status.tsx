import { Badge } from '@/components/ui/layout';

const LABELS = {
  uploaded: { label: 'Choose columns', tone: 'slate' },
  invalid: { label: 'Has errors', tone: 'red' },
  valid: { label: 'Ready to import', tone: 'blue' },
  queued: { label: 'Queued', tone: 'amber' },
  importing: { label: 'Importing', tone: 'amber' },
  imported: { label: 'Imported', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
} as const;

export function ImportStatusBadge({ status }: { status: keyof typeof LABELS }) {
  const { label, tone } = LABELS[status] ?? LABELS.uploaded;
  return <Badge tone={tone}>{label}</Badge>;
}
