'use client';
import { useEffect, useRef, useState, useTransition } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';

/**
 * A search box that searches as you type (debounced) by updating `q` in the URL: the server does the searching.
 * Paging cursors are dropped, since they belong to the previous result.
 */
export function ListSearch({ label, placeholder, id }: { label: string; placeholder: string; id: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(params.get('q') ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    // Following a link (e.g. a result) cancels a search still waiting to run, so it cannot navigate back here.
    const cancel = (event: MouseEvent) => {
      if ((event.target as Element | null)?.closest?.('a')) clearTimeout(timer.current);
    };
    document.addEventListener('click', cancel, true);
    return () => {
      document.removeEventListener('click', cancel, true);
      clearTimeout(timer.current);
    };
  }, []);

  const navigate = (value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value.trim()) next.set('q', value.trim());
    else next.delete('q');
    for (const key of ['after', 'before', 'page']) next.delete(key);
    const query = next.toString();
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  };

  return (
    <form
      role="search"
      className="mb-4"
      onSubmit={(event) => {
        event.preventDefault();
        clearTimeout(timer.current);
        navigate(q);
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1 flex max-w-xl items-center gap-2">
        <input
          id={id}
          type="search"
          name="q"
          value={q}
          placeholder={placeholder}
          autoComplete="off"
          maxLength={200}
          onChange={(event) => {
            const value = event.target.value;
            setQ(value);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => navigate(value), 300);
          }}
          className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:ring-brand-600"
        />
        {pending && (
          <span
            role="status"
            aria-label="Searching"
            className="size-4 shrink-0 animate-spin rounded-full border-2 border-brand-600 border-t-transparent"
          />
        )}
      </div>
    </form>
  );
}
