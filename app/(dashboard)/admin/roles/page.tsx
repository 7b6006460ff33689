import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { listRoles } from '@/lib/hr/roles';
import { ROLE_LOCALES } from '@/lib/hr/schemas';
import { PageHeader } from '@/components/ui/layout';
import { RolesManager } from '@/components/hr/roles-manager';

export const metadata = { title: 'Roles' };

export default async function RolesPage() {
  const staff = await requirePageAccess('administration');
  const roles = await listRoles(getDb(), staff.tenantId);
  return (
    <>
      <PageHeader
        title="Roles"
        description="Base roles come with every company and cannot be deleted; add custom roles as you need them. Translated names are shown side by side with the original."
      />
      <div
        className="mb-4 rounded-md bg-brand-50 px-4 py-3 text-sm text-brand-700 ring-1 ring-brand-100"
        data-testid="scim-role-note"
      >
        The SCIM <strong>“Cezanne Role”</strong> attribute sent by Okta must match a role’s{' '}
        <strong>original name</strong> (base or custom), never a translated name. Anything else is refused with a SCIM{' '}
        <code>invalidValue</code> error that names the role.
      </div>
      <RolesManager
        roles={roles.map((r) => ({
          id: r.id,
          originalName: r.originalName,
          isBase: r.isBase,
          translations: r.translations,
          accountCount: r.accountCount,
        }))}
        locales={ROLE_LOCALES}
      />
    </>
  );
}
