import Image from 'next/image';
import Link from 'next/link';
import { requirePageAccess } from '@/lib/auth/session';
import { STAFF_ROLE_LABELS } from '@/lib/auth/roles';
import { navigationFor } from '@/lib/navigation';
import { MobileNav, SideNav } from '@/components/shell/side-nav';
import { SignOutButton } from '@/components/shell/sign-out-button';
import { SkipLink } from '@/components/shell/skip-link';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const staff = await requirePageAccess();
  const sections = navigationFor(staff.role);
  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      <header className="flex h-14 items-center justify-between gap-3 border-b border-slate-200 bg-white px-4">
        <div className="flex min-w-0 items-center gap-3">
          <MobileNav sections={sections} tenantName={staff.tenantName} />
          <Link href="/" className="shrink-0 rounded-md focus-visible:outline-2 focus-visible:outline-brand-600">
            <Image src="/icon.svg" alt="Roster" width={28} height={28} className="size-7 sm:hidden" unoptimized />
            <Image
              src="/logo.svg"
              alt="Roster"
              width={100}
              height={24}
              className="hidden h-6 w-auto sm:block"
              unoptimized
              priority
            />
          </Link>
          <span className="hidden text-slate-300 sm:inline" aria-hidden>
            /
          </span>
          <span className="hidden truncate text-sm font-medium sm:inline" data-testid="tenant-name">
            {staff.tenantName}
          </span>
        </div>
        <div className="flex shrink-0 items-center gap-3 text-sm">
          <Link
            href="/settings/account"
            className="min-w-0 rounded-md px-1.5 py-0.5 text-right leading-tight hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
            title={`${staff.email} · ${STAFF_ROLE_LABELS[staff.role]}`}
          >
            <span className="block max-w-[7rem] truncate font-medium sm:max-w-[16rem]" data-testid="signed-in-name">
              {staff.name}
            </span>
            <span className="block text-xs text-brand-700">
              Your account<span className="hidden text-slate-600 sm:inline"> · {STAFF_ROLE_LABELS[staff.role]}</span>
            </span>
          </Link>
          <SignOutButton />
        </div>
      </header>
      <div className="flex flex-1">
        <SideNav sections={sections} />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
