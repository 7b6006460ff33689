'use server';
import { defineStaffAction } from '@/lib/actions';
import {
  applicationIdSchema,
  createApplication,
  deleteApplication,
  newApplicationSchema,
  regenerateSecret,
  revokeApplication,
} from '@/lib/hr-api/applications';

const PAGE = '/admin/security/authorised-applications';

export const createApplicationAction = defineStaffAction({
  area: 'administration',
  input: newApplicationSchema,
  revalidate: PAGE,
  run: async (input, { db, tenantId, staff, audit }) => {
    const { application, clientSecret } = await createApplication(db, tenantId, staff.id, input);
    const details = { clientId: application.clientId, scopes: application.scopes };
    await audit({ action: 'authorised_application.created', target: application.name, details });
    return { name: application.name, clientId: application.clientId, clientSecret };
  },
});

export const regenerateSecretAction = defineStaffAction({
  area: 'administration',
  input: applicationIdSchema,
  revalidate: PAGE,
  run: async (input, { db, tenantId, audit }) => {
    const { application, clientSecret } = await regenerateSecret(db, tenantId, input.applicationId);
    const details = { clientId: application.clientId };
    await audit({ action: 'authorised_application.secret_regenerated', target: application.name, details });
    return { name: application.name, clientId: application.clientId, clientSecret };
  },
});

export const revokeApplicationAction = defineStaffAction({
  area: 'administration',
  input: applicationIdSchema,
  revalidate: PAGE,
  run: async (input, { db, tenantId, audit }) => {
    const application = await revokeApplication(db, tenantId, input.applicationId);
    const details = { clientId: application.clientId };
    await audit({ action: 'authorised_application.revoked', target: application.name, details });
    return { name: application.name };
  },
});

export const deleteApplicationAction = defineStaffAction({
  area: 'administration',
  input: applicationIdSchema,
  revalidate: PAGE,
  run: async (input, { db, tenantId, audit }) => {
    const application = await deleteApplication(db, tenantId, input.applicationId);
    const details = { clientId: application.clientId };
    await audit({ action: 'authorised_application.deleted', target: application.name, details });
    return { name: application.name };
  },
});
