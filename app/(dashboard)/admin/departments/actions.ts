'use server';
import { defineStaffAction } from '@/lib/actions';
import { deleteDepartment, saveDepartment } from '@/lib/hr/departments';
import { deleteByIdSchema, departmentSchema } from '@/lib/hr/schemas';

export const saveDepartmentAction = defineStaffAction({
  area: 'administration',
  input: departmentSchema,
  revalidate: '/admin/departments',
  run: async (input, { db, tenantId, audit }) => {
    const { department, previous } = await saveDepartment(db, tenantId, input);
    if (previous) {
      const from = { name: previous.name, code: previous.code };
      const to = { name: department.name, code: department.code };
      await audit({ action: 'department.updated', target: department.name, details: { from, to } });
    } else {
      await audit({ action: 'department.created', target: department.name, details: { code: department.code } });
    }
    return { id: department.id, name: department.name, created: !previous };
  },
});

export const deleteDepartmentAction = defineStaffAction({
  area: 'administration',
  input: deleteByIdSchema,
  revalidate: '/admin/departments',
  run: async (input, { db, tenantId, audit }) => {
    const { department, peopleMoved } = await deleteDepartment(db, tenantId, input.id);
    await audit({
      action: 'department.deleted',
      target: department.name,
      details: { code: department.code, peopleMoved },
    });
    return { name: department.name };
  },
});
