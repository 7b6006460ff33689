import { z } from 'zod';
import type { ActionContext, ActionSpec } from '@/lib/actions';
import { validateImport } from './csv-import';
import { startImport } from './import-queue';
import { type ColumnMapping, IMPORT_FIELDS } from './csv-format';
import { deleteDepartment, saveDepartment } from './departments';
import { addEmployment, makePrimaryEmployment, removeEmployment } from './employments';
import { deleteIdentityProvider, saveIdentityProvider } from './identity-providers';
import { createPerson, displayName, updatePerson } from './people';
import { deleteRole, saveRole, translationsFrom } from './roles';
import {
  deleteByIdSchema,
  departmentSchema,
  employmentSchema,
  identityProviderSchema,
  personSchema,
  removeEmploymentSchema,
  removeSamlMappingSchema,
  roleSchema,
  samlMappingSchema,
  setAccountActiveSchema,
  updatePersonSchema,
} from './schemas';
import { addSamlMapping, removeSamlMapping, setUserAccountActive } from './user-accounts';

/**
 * The HR commands behind the server actions: each is a spec (area + zod schema) and a handler that calls the
 * domain and writes its audit entry. `app/` wraps them with `staffAction`; tests run them with `runStaffAction`.
 */
type Command<S extends z.ZodType, R> = { spec: ActionSpec<S>; run: (input: z.infer<S>, ctx: ActionContext) => Promise<R> };

function command<S extends z.ZodType, R>(schema: S, run: (input: z.infer<S>, ctx: ActionContext) => Promise<R>): Command<S, R> {
  return { spec: { area: 'administration', schema }, run };
}

export const createPersonCommand = command(personSchema, async (input, ctx) => {
  const { person, leaver } = await createPerson(ctx.db, ctx.tenantId, input);
  await ctx.audit({ action: 'person.created', target: person.personCode, details: { name: displayName(person), employmentId: input.employmentId, leaver } });
  return { id: person.id, leaver };
});

export const updatePersonCommand = command(updatePersonSchema, async (input, ctx) => {
  const { person, leaver, changed } = await updatePerson(ctx.db, ctx.tenantId, input);
  await ctx.audit({ action: 'person.updated', target: person.personCode, details: { changed, leaver } });
  return { id: person.id, leaver };
});

export const addEmploymentCommand = command(employmentSchema, async (input, ctx) => {
  const { person, employment, becameLeaver } = await addEmployment(ctx.db, ctx.tenantId, input);
  await ctx.audit({
    action: 'employment.added',
    target: person.personCode,
    details: { employmentId: employment.employmentId, primary: employment.isPrimary, endDate: employment.endDate, becameLeaver },
  });
  return { becameLeaver };
});

export const removeEmploymentCommand = command(removeEmploymentSchema, async (input, ctx) => {
  const { person, employment } = await removeEmployment(ctx.db, ctx.tenantId, input.personId, input.employmentRecordId);
  await ctx.audit({ action: 'employment.removed', target: person.personCode, details: { employmentId: employment.employmentId } });
  return { employmentId: employment.employmentId };
});

export const makePrimaryEmploymentCommand = command(removeEmploymentSchema, async (input, ctx) => {
  const { person, employment, becameLeaver } = await makePrimaryEmployment(ctx.db, ctx.tenantId, input.personId, input.employmentRecordId);
  await ctx.audit({ action: 'employment.made_primary', target: person.personCode, details: { employmentId: employment.employmentId, becameLeaver } });
  return { becameLeaver };
});

export const saveDepartmentCommand = command(departmentSchema, async (input, ctx) => {
  const { department, previous } = await saveDepartment(ctx.db, ctx.tenantId, input);
  if (previous) {
    await ctx.audit({ action: 'department.updated', target: department.name, details: { from: { name: previous.name, code: previous.code }, to: { name: department.name, code: department.code } } });
  } else {
    await ctx.audit({ action: 'department.created', target: department.name, details: { code: department.code } });
  }
  return { id: department.id, name: department.name, created: !previous };
});

export const deleteDepartmentCommand = command(deleteByIdSchema, async (input, ctx) => {
  const { department, peopleMoved } = await deleteDepartment(ctx.db, ctx.tenantId, input.id);
  await ctx.audit({ action: 'department.deleted', target: department.name, details: { code: department.code, peopleMoved } });
  return { name: department.name };
});

export const saveRoleCommand = command(roleSchema, async (input, ctx) => {
  const { role, previous } = await saveRole(ctx.db, ctx.tenantId, input);
  const details = { translations: translationsFrom(input) };
  if (previous) await ctx.audit({ action: 'role.updated', target: role.originalName, details: { ...details, from: previous.originalName } });
  else await ctx.audit({ action: 'role.created', target: role.originalName, details });
  return { id: role.id, created: !previous };
});

export const deleteRoleCommand = command(deleteByIdSchema, async (input, ctx) => {
  const { role, accountsWithoutRole } = await deleteRole(ctx.db, ctx.tenantId, input.id);
  await ctx.audit({ action: 'role.deleted', target: role.originalName, details: { accountsWithoutRole } });
  return { name: role.originalName };
});

export const saveIdentityProviderCommand = command(identityProviderSchema, async (input, ctx) => {
  const { identityProvider, certificate, previous } = await saveIdentityProvider(ctx.db, ctx.tenantId, input);
  await ctx.audit({
    action: previous ? 'identity_provider.updated' : 'identity_provider.created',
    target: identityProvider.name,
    details: { entityId: identityProvider.entityId, certificateExpiresAt: certificate.expiresAt.toISOString(), fingerprint256: certificate.fingerprint256 },
  });
  return { id: identityProvider.id, expiresAt: certificate.expiresAt.toISOString(), created: !previous };
});

export const deleteIdentityProviderCommand = command(deleteByIdSchema, async (input, ctx) => {
  const { identityProvider, mappingsRemoved, usedByScim } = await deleteIdentityProvider(ctx.db, ctx.tenantId, input.id);
  await ctx.audit({ action: 'identity_provider.deleted', target: identityProvider.name, details: { mappingsRemoved, usedByScim } });
  return { name: identityProvider.name };
});

export const setAccountActiveCommand = command(setAccountActiveSchema, async (input, ctx) => {
  const account = await setUserAccountActive(ctx.db, ctx.tenantId, input.accountId, input.active);
  await ctx.audit({ action: input.active ? 'user_account.reactivated' : 'user_account.deactivated', target: account.userName });
  return { active: account.active };
});

export const addSamlMappingCommand = command(samlMappingSchema, async (input, ctx) => {
  const { account, identityProvider, mapping } = await addSamlMapping(ctx.db, ctx.tenantId, input);
  await ctx.audit({ action: 'saml_mapping.added', target: account.userName, details: { identityProvider: identityProvider.name, userIdentifier: mapping.userIdentifier } });
  return { id: mapping.id };
});

export const removeSamlMappingCommand = command(removeSamlMappingSchema, async (input, ctx) => {
  const { account, mapping } = await removeSamlMapping(ctx.db, ctx.tenantId, input.accountId, input.mappingId);
  await ctx.audit({ action: 'saml_mapping.removed', target: account.userName, details: { userIdentifier: mapping.userIdentifier } });
  return { id: mapping.id };
});

// ---------------------------------------------------------------------------------------------------------------
// CSV import: upload (a route handler) → map columns and validate → import (a background job)

export const validateImportSchema = z.object({
  importId: z.uuid('Unknown import.'),
  ...Object.fromEntries(IMPORT_FIELDS.map((f) => [`map_${f.key}`, z.string().max(500).optional()])),
}) as unknown as z.ZodType<{ importId: string } & Record<string, string | undefined>>;

export function mappingFromForm(input: Record<string, string | undefined>): ColumnMapping {
  return Object.fromEntries(IMPORT_FIELDS.map((f) => [f.key, input[`map_${f.key}`] || null])) as ColumnMapping;
}

export const validateImportCommand = command(validateImportSchema, async (input, ctx) => {
  const record = await validateImport(ctx.db, ctx.tenantId, input.importId, mappingFromForm(input));
  await ctx.audit({ action: 'people_import.validated', target: record.fileName, details: { rows: record.rowCount, errors: record.errorCount } });
  return { status: record.status, rows: record.rowCount, errors: record.errorCount };
});

export const startImportCommand = command(z.object({ importId: z.uuid('Unknown import.') }), async (input, ctx) => {
  const record = await startImport(ctx.db, ctx.tenantId, input.importId, ctx.staff.id);
  await ctx.audit({ action: 'people_import.started', target: record.fileName, details: { rows: record.rowCount } });
  return { id: record.id, rows: record.rowCount };
});
