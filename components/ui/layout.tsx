export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: React.ReactNode;
  actions?: React.ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description && <p className="max-w-2xl text-sm text-slate-600">{description}</p>}
      </div>
      {actions && <div className="flex items-center gap-2">{actions}</div>}
    </div>
  );
}

export function Card({
  title,
  description,
  children,
  className = '',
}: {
  title?: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <section className={`rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 ${className}`} aria-label={title}>
      {title && <h2 className="text-base font-semibold">{title}</h2>}
      {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
      <div className={title || description ? 'mt-4' : ''}>{children}</div>
    </section>
  );
}

export function EmptyState({
  title,
  description,
  action,
}: {
  title: string;
  description?: React.ReactNode;
  action?: React.ReactNode;
}) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <h2 className="text-base font-semibold text-slate-800">{title}</h2>
      {description && <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">{description}</p>}
      {action && <div className="mt-4 flex justify-center">{action}</div>}
    </div>
  );
}

export function Badge({
  tone = 'slate',
  children,
}: {
  tone?: 'slate' | 'green' | 'red' | 'amber' | 'blue';
  children: React.ReactNode;
}) {
  const tones = {
    slate: 'bg-slate-100 text-slate-700',
    green: 'bg-green-100 text-green-800',
    red: 'bg-red-100 text-red-800',
    amber: 'bg-amber-100 text-amber-800',
    blue: 'bg-brand-100 text-brand-700',
  };
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>
      {children}
    </span>
  );
}

/**
 * A table in a card that scrolls sideways inside itself when it is wider than the window (never the page). The
 * scrolling box is focusable, so that keyboard users can scroll it too, and `relative`, so that visually hidden
 * (absolutely positioned) text inside it cannot widen the page.
 */
export function Table({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <div
      className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600"
      role="region"
      aria-label={`${label} (table)`}
      tabIndex={0}
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label}>
        {children}
      </table>
    </div>
  );
}

export const th = 'px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500';
export const td = 'px-4 py-2.5 align-middle text-slate-700';

/**
 * A table's header row: one column per label and, with `actions`, a last column for row buttons whose name
 * ("Actions") only screen readers read. `plain` drops the tinted background (tables inside a Card).
 */
export function TableHead({
  columns,
  actions = false,
  plain = false,
}: {
  columns: string[];
  actions?: boolean;
  plain?: boolean;
}) {
  return (
    <thead className={plain ? undefined : 'bg-slate-50'}>
      <tr>
        {columns.map((label, index) => (
          <th key={index} className={th}>
            {label}
          </th>
        ))}
        {actions && (
          <th className={th}>
            <span className="sr-only">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
