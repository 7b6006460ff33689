import { canUse, type Area, type StaffRole } from '@/lib/auth/roles';

export type NavItem = { label: string; href: string; area: Area };
export type NavSection = { title: string; items: NavItem[] };

export const NAVIGATION: NavSection[] = [
  {
    title: 'Administration',
    items: [
      { label: 'People', href: '/admin/people', area: 'administration' },
      { label: 'Departments', href: '/admin/departments', area: 'administration' },
      { label: 'Roles', href: '/admin/roles', area: 'administration' },
      { label: 'Identity Providers', href: '/admin/identity-providers', area: 'administration' },
      { label: 'User accounts', href: '/admin/users', area: 'administration' },
      { label: 'Integrations › SCIM', href: '/admin/integrations/scim', area: 'administration' },
      {
        label: 'Security › Authorised Applications',
        href: '/admin/security/authorised-applications',
        area: 'administration',
      },
      { label: 'Audit log', href: '/admin/audit-log', area: 'auditLog' },
    ],
  },
  {
    title: 'Directory Sync',
    items: [
      { label: 'Organizations', href: '/dashboard/organizations', area: 'directorySync' },
      { label: 'API Keys', href: '/dashboard/api-keys', area: 'directorySync' },
      { label: 'Webhooks', href: '/dashboard/webhooks', area: 'directorySync' },
      { label: 'Directory Sync settings', href: '/dashboard/settings', area: 'directorySync' },
    ],
  },
  {
    title: 'Settings',
    items: [{ label: 'Members', href: '/settings/members', area: 'members' }],
  },
];

/** The navigation a role may see: sections with no permitted item are left out. */
export function navigationFor(role: StaffRole): NavSection[] {
  return NAVIGATION.map((section) => ({
    ...section,
    items: section.items.filter((item) => canUse(role, item.area)),
  })).filter((section) => section.items.length > 0);
}

export function startPathFor(role: StaffRole): string {
  return navigationFor(role)[0]?.items[0]?.href ?? '/settings/account';
}
