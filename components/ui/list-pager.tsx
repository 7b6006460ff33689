import { IntentLink } from './intent-link';

const pagerLink = 'rounded-md px-2 py-1 ring-1 ring-slate-300 hover:bg-slate-50';
const pagerOff = 'rounded-md px-2 py-1 text-slate-500 ring-1 ring-slate-200';

function hrefWith(basePath: string, params: Record<string, string>, page: number) {
  const search = new URLSearchParams(Object.entries(params).filter(([key, value]) => value && key !== 'page'));
  if (page > 1) search.set('page', String(page));
  const qs = search.toString();
  return `${basePath}${qs ? `?${qs}` : ''}`;
}

/**
 * Previous / "Page 3 of 120" / Next, and a small form to jump to a page (a plain GET form: it works without
 * JavaScript and keeps the other parameters as hidden fields).
 */
export function ListPager({
  basePath,
  params,
  page,
  pageCount,
  hasNext = page < pageCount,
  pageCountKnown = true,
  id,
}: {
  basePath: string;
  /** The list's current URL parameters (page excluded or overridden). */
  params: Record<string, string>;
  page: number;
  pageCount: number;
  hasNext?: boolean;
  /** false when the count is capped ("more than 5,000"): the page count is then a lower bound. */
  pageCountKnown?: boolean;
  id: string;
}) {
  const kept = Object.entries(params).filter(([key, value]) => value && key !== 'page');
  return (
    <div className="flex flex-wrap items-center gap-2">
      {page > 1 ? (
        <IntentLink href={hrefWith(basePath, params, page - 1)} className={pagerLink} scroll={false}>
          Previous
        </IntentLink>
      ) : (
        <span className={pagerOff} aria-disabled="true">
          Previous
        </span>
      )}
      <span data-testid={`${id}-page`}>
        Page {page.toLocaleString('en')} of {pageCountKnown ? '' : 'at least '}
        {pageCount.toLocaleString('en')}
      </span>
      {hasNext ? (
        <IntentLink href={hrefWith(basePath, params, page + 1)} className={pagerLink} scroll={false}>
          Next
        </IntentLink>
      ) : (
        <span className={pagerOff} aria-disabled="true">
          Next
        </span>
      )}
      {pageCount > 1 && (
        <form action={basePath} method="get" className="flex items-center gap-1">
          {kept.map(([key, value]) => (
            <input key={key} type="hidden" name={key} value={value} />
          ))}
          <label htmlFor={`${id}-jump`} className="text-xs text-slate-500">
            Go to page
          </label>
          <input
            id={`${id}-jump`}
            name="page"
            type="number"
            inputMode="numeric"
            min={1}
            max={pageCountKnown ? pageCount : undefined}
            defaultValue={page}
            className="w-20 rounded-md border-0 px-2 py-1 text-sm ring-1 ring-inset ring-slate-300"
          />
          <button type="submit" className={pagerLink}>
            Go
          </button>
        </form>
      )}
    </div>
  );
}
