'use server';
import { defineStaffAction } from '@/lib/actions';
import { deleteRole, saveRole, translationsFrom } from '@/lib/hr/roles';
import { deleteByIdSchema, roleSchema } from '@/lib/hr/schemas';

export const saveRoleAction = defineStaffAction({
  area: 'administration',
  input: roleSchema,
  revalidate: '/admin/roles',
  run: async (input, { db, tenantId, audit }) => {
    const { role, previous } = await saveRole(db, tenantId, input);
    const translations = translationsFrom(input);
    if (previous) {
      await audit({
        action: 'role.updated',
        target: role.originalName,
        details: { translations, from: previous.originalName },
      });
    } else {
      await audit({ action: 'role.created', target: role.originalName, details: { translations } });
    }
    return { id: role.id, created: !previous };
  },
});

export const deleteRoleAction = defineStaffAction({
  area: 'administration',
  input: deleteByIdSchema,
  revalidate: '/admin/roles',
  run: async (input, { db, tenantId, audit }) => {
    const { role, accountsWithoutRole } = await deleteRole(db, tenantId, input.id);
    await audit({ action: 'role.deleted', target: role.originalName, details: { accountsWithoutRole } });
    return { name: role.originalName };
  },
});
