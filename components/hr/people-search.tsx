'use client';
import { useEffect, useRef, useState, useTransition } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';

type Option = { id: string; name: string };

/** Search box and filters of the people list: they update the URL (the server does the searching). */
export function PeopleSearch({ departments }: { departments: Option[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(params.get('q') ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  function navigate(changes: Record<string, string>) {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    next.delete('page');
    startTransition(() => router.replace(`${pathname}?${next.toString()}`, { scroll: false }));
  }

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

  return (
    <form
      role="search"
      className="mb-4 flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        clearTimeout(timer.current);
        navigate({ q });
      }}
    >
      <div className="min-w-64 flex-1">
        <label htmlFor="people-search" className="block text-sm font-medium text-slate-700">
          Search people
        </label>
        <input
          id="people-search"
          type="search"
          name="q"
          value={q}
          placeholder="Name, person code, email or job title"
          autoComplete="off"
          onChange={(event) => {
            const value = event.target.value;
            setQ(value);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => navigate({ q: value.trim() }), 300);
          }}
          className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600"
        />
      </div>
      <div>
        <label htmlFor="people-status" className="block text-sm font-medium text-slate-700">
          Status
        </label>
        <select
          id="people-status"
          defaultValue={params.get('status') ?? 'all'}
          onChange={(event) => navigate({ status: event.target.value === 'all' ? '' : event.target.value })}
          className="mt-1 block rounded-md border-0 bg-white py-2 pl-3 pr-8 text-sm shadow-sm ring-1 ring-inset ring-slate-300"
        >
          <option value="all">All people</option>
          <option value="active">Active employees</option>
          <option value="inactive">Inactive (leavers)</option>
        </select>
      </div>
      <div>
        <label htmlFor="people-department" className="block text-sm font-medium text-slate-700">
          Department filter
        </label>
        <select
          id="people-department"
          defaultValue={params.get('department') ?? ''}
          onChange={(event) => navigate({ department: event.target.value })}
          className="mt-1 block max-w-56 rounded-md border-0 bg-white py-2 pl-3 pr-8 text-sm shadow-sm ring-1 ring-inset ring-slate-300"
        >
          <option value="">All departments</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <span role="status" aria-live="polite" className="pb-2 text-sm text-slate-500">
        {pending ? 'Searching…' : ''}
      </span>
    </form>
  );
}
