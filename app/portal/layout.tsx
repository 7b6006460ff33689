import type { Metadata } from 'next';
import Image from 'next/image';

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
      <header className="flex h-14 items-center border-b border-slate-200 bg-white px-4 sm:px-6">
        <Image src="/logo.svg" alt="Roster" width={100} height={24} className="h-6 w-auto" unoptimized priority />
        <span className="ml-3 text-sm text-slate-600">Admin Portal</span>
      </header>
      <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
