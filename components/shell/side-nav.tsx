'use client';
import { useState } from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { NavSection } from '@/lib/navigation';
import { Sheet } from '@/components/ui/sheet';

function NavLinks({ sections, onNavigate }: { sections: NavSection[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return sections.map((section) => (
    <div key={section.title} className="mb-5">
      <h2 className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{section.title}</h2>
      <ul className="space-y-0.5">
        {section.items.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                onClick={onNavigate}
                aria-current={active ? 'page' : undefined}
                className={`block rounded-md px-2 py-1.5 text-sm ${active ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-700 hover:bg-slate-100'}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  ));
}

/** The sidebar from `md` up; below it the same links live in the menu drawer (`MobileNav`). */
export function SideNav({ sections }: { sections: NavSection[] }) {
  return (
    <nav aria-label="Main" className="hidden w-64 shrink-0 border-r border-slate-200 bg-white px-3 py-4 md:block">
      <NavLinks sections={sections} />
    </nav>
  );
}

/** Phones and narrow windows: a Menu button in the header opens the navigation in a drawer (a modal Radix dialog). */
export function MobileNav({ sections, tenantName }: { sections: NavSection[]; tenantName: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-expanded={open}
        aria-haspopup="dialog"
        className="-ml-1 inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 md:hidden"
      >
        <svg viewBox="0 0 20 20" fill="currentColor" className="size-5" aria-hidden>
          <path
            fillRule="evenodd"
            d="M2 4.75A.75.75 0 0 1 2.75 4h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 4.75ZM2 10a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 10Zm0 5.25a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75a.75.75 0 0 1-.75-.75Z"
            clipRule="evenodd"
          />
        </svg>
        Menu
      </button>
      <Sheet open={open} onOpenChange={setOpen} side="left" title="Menu" description={tenantName} testId="mobile-nav">
        <nav aria-label="Main" className="-mx-2">
          <NavLinks sections={sections} onNavigate={() => setOpen(false)} />
        </nav>
      </Sheet>
    </>
  );
}
