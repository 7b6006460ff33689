'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  { label: 'Users', path: '' },
  { label: 'Groups', path: '/groups' },
  { label: 'Events', path: '/events' },
  { label: 'Sync history', path: '/sync-history' },
  { label: 'Settings', path: '/settings' },
];

/** The directory page's tabs (each a page of its own, so every tab has a URL and is paged on the server). */
export function DirectoryTabs({ directoryId }: { directoryId: string }) {
  const pathname = usePathname();
  const base = `/dashboard/directories/${directoryId}`;
  const current = (path: string) =>
    path === '' ? pathname === base || pathname.startsWith(`${base}/users`) : pathname.startsWith(base + path);
  return (
    <nav aria-label="Directory" className="relative -mx-1 mb-4 overflow-x-auto border-b border-slate-200">
      <ul className="flex min-w-max gap-1 px-1">
        {TABS.map((tab) => (
          <li key={tab.label}>
            <Link
              prefetch={false}
              href={base + tab.path}
              aria-current={current(tab.path) ? 'page' : undefined}
              className="-mb-px inline-block border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-600 hover:text-slate-900 aria-[current=page]:border-brand-600 aria-[current=page]:text-brand-700"
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
