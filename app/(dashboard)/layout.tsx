import { requirePageAccess } from '@/lib/auth/session';
import { STAFF_ROLE_LABELS } from '@/lib/auth/roles';
import { navigationFor } from '@/lib/navigation';
import { SideNav } from '@/components/shell/side-nav';
import { SignOutButton } from '@/components/shell/sign-out-button';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const staff = await requirePageAccess();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex h-14 items-center justify-between border-b border-slate-200 bg-white px-4">
        <div className="flex items-center gap-3">
          <span className="text-sm font-semibold uppercase tracking-widest text-brand-600">Roster</span>
          <span className="text-slate-300">/</span>
          <span className="text-sm font-medium" data-testid="tenant-name">
            {staff.tenantName}
          </span>
        </div>
        <div className="flex items-center gap-3 text-sm">
          <div className="text-right leading-tight">
            <div className="font-medium" data-testid="signed-in-name">
              {staff.name}
            </div>
            <div className="text-xs text-slate-500">
              {staff.email} · {STAFF_ROLE_LABELS[staff.role]}
            </div>
          </div>
          <SignOutButton />
        </div>
      </header>
      <div className="flex flex-1">
        <SideNav sections={navigationFor(staff.role)} />
        <main className="flex-1 overflow-x-auto px-8 py-6">{children}</main>
      </div>
    </div>
  );
}
