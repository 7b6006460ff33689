import Link from 'next/link';

const linkClass = 'rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50';
const disabledClass = 'rounded-md px-3 py-1.5 text-sm font-medium text-slate-500 ring-1 ring-inset ring-slate-200';

function href(base: string, params: Record<string, string | undefined>) {
  const query = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
  return query ? `${base}?${query}` : base;
}

/** Previous / Next for keyset-paged lists: the cursors are ids, so a deep page costs what the first does. */
export function CursorPager({
  base,
  params,
  previous,
  next,
  label,
}: {
  base: string;
  params: Record<string, string | undefined>;
  previous: string | null;
  next: string | null;
  label: string;
}) {
  if (!previous && !next) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-end gap-2">
      {previous ? (
        <Link
          prefetch={false}
          className={linkClass}
          href={href(base, { ...params, before: previous, after: undefined })}
        >
          ← Previous
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          ← Previous
        </span>
      )}
      {next ? (
        <Link prefetch={false} className={linkClass} href={href(base, { ...params, after: next, before: undefined })}>
          Next →
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          Next →
        </span>
      )}
    </nav>
  );
}

/** Numbered paging (page N of M) for short lists such as organizations. */
export function PagePager({
  base,
  params,
  page,
  pageCount,
}: {
  base: string;
  params: Record<string, string | undefined>;
  page: number;
  pageCount: number;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-end gap-2 text-sm">
      {page > 1 ? (
        <Link prefetch={false} className={linkClass} href={href(base, { ...params, page: String(page - 1) })}>
          ← Previous
        </Link>
      ) : null}
      <span className="text-slate-600">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link prefetch={false} className={linkClass} href={href(base, { ...params, page: String(page + 1) })}>
          Next →
        </Link>
      ) : null}
    </nav>
  );
}
