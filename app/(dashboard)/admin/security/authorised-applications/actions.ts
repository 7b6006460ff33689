'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/actions';
import {
  applicationIdSchema,
  createApplication,
  deleteApplication,
  newApplicationSchema,
  regenerateSecret,
  revokeApplication,
} from '@/lib/hr-api/applications';

const PAGE = '/admin/security/authorised-applications';

export const createApplicationAction = staffAction({ area: 'administration', schema: newApplicationSchema }, async (input, ctx) => {
  const { application, clientSecret } = await createApplication(ctx.db, ctx.tenantId, ctx.staff.id, input);
  await ctx.audit({
    action: 'authorised_application.created',
    target: application.name,
    details: { clientId: application.clientId, scopes: application.scopes },
  });
  revalidatePath(PAGE);
  return { name: application.name, clientId: application.clientId, clientSecret };
});

export const regenerateSecretAction = staffAction({ area: 'administration', schema: applicationIdSchema }, async (input, ctx) => {
  const { application, clientSecret } = await regenerateSecret(ctx.db, ctx.tenantId, input.applicationId);
  await ctx.audit({ action: 'authorised_application.secret_regenerated', target: application.name, details: { clientId: application.clientId } });
  revalidatePath(PAGE);
  return { name: application.name, clientId: application.clientId, clientSecret };
});

export const revokeApplicationAction = staffAction({ area: 'administration', schema: applicationIdSchema }, async (input, ctx) => {
  const application = await revokeApplication(ctx.db, ctx.tenantId, input.applicationId);
  await ctx.audit({ action: 'authorised_application.revoked', target: application.name, details: { clientId: application.clientId } });
  revalidatePath(PAGE);
  return { name: application.name };
});

export const deleteApplicationAction = staffAction({ area: 'administration', schema: applicationIdSchema }, async (input, ctx) => {
  const application = await deleteApplication(ctx.db, ctx.tenantId, input.applicationId);
  await ctx.audit({ action: 'authorised_application.deleted', target: application.name, details: { clientId: application.clientId } });
  revalidatePath(PAGE);
  return { name: application.name };
});
