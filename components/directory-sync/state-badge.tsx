import type { DirectoryState } from '@/lib/directory-sync/directories';

const STATES: Record<DirectoryState, { label: string; className: string }> = {
  linked: { label: 'Linked', className: 'bg-green-100 text-green-800 ring-green-600/20' },
  unlinked: { label: 'Unlinked', className: 'bg-slate-100 text-slate-700 ring-slate-500/20' },
  validating: { label: 'Validating', className: 'bg-brand-100 text-brand-700 ring-brand-600/20' },
  invalid_credentials: { label: 'Invalid credentials', className: 'bg-red-100 text-red-800 ring-red-600/20' },
  deleting: { label: 'Deleting', className: 'bg-amber-100 text-amber-800 ring-amber-600/20' },
};

export const directoryStateLabel = (state: DirectoryState) => STATES[state]?.label ?? state;

/** A directory's state in the seed's words; "Linked" carries the green icon the WorkOS guide describes. */
export function DirectoryStateBadge({ state }: { state: DirectoryState }) {
  const { label, className } = STATES[state] ?? STATES.unlinked;
  return (
    <span
      data-testid="directory-state"
      className={`inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${className}`}
    >
      {state === 'linked' && (
        <svg aria-hidden viewBox="0 0 20 20" className="size-3.5 fill-green-600">
          <path d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.7-9.3-4.2 4.2a1 1 0 0 1-1.4 0l-2-2a1 1 0 1 1 1.4-1.4l1.3 1.3 3.5-3.5a1 1 0 0 1 1.4 1.4Z" />
        </svg>
      )}
      {state === 'validating' && (
        <span aria-hidden className="size-2.5 animate-spin rounded-full border-2 border-current border-t-transparent" />
      )}
      {label}
    </span>
  );
}

/** Active/inactive state of a synced user. */
export function UserStateBadge({ state }: { state: string }) {
  const active = state === 'active';
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${active ? 'bg-green-100 text-green-800' : 'bg-slate-200 text-slate-700'}`}
    >
      {active ? 'Active' : state === 'inactive' ? 'Inactive' : state}
    </span>
  );
}
