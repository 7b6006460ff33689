import type { Metadata } from 'next';

// The Admin Portal: outside the staff (dashboard) layout, no staff sign-in, no staff navigation. The link's token is
// in the URL, so pages are never indexed and never sent on as a Referer.
export const metadata: Metadata = {
  title: { default: 'Directory Sync setup', template: '%s · Roster' },
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};

export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-slate-50">
      <header className="flex h-14 items-center border-b border-slate-200 bg-white px-6">
        <span className="text-sm font-semibold uppercase tracking-widest text-brand-600">Roster</span>
        <span className="ml-3 text-sm text-slate-500">Admin Portal</span>
      </header>
      <main className="mx-auto w-full max-w-3xl flex-1 px-6 py-8">{children}</main>
    </div>
  );
}
