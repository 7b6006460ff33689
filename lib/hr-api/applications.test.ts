import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, authorisedApplications } from '@/db/schema';
import { runStaffAction } from '@/lib/actions';
import { secretMatchesHash } from '@/lib/crypto/tokens';
import { NotFoundError } from '@/lib/errors';
import { createStaff, createTenant } from '@/tests/support/factories';
import {
  createApplication,
  deleteApplication,
  listApplicationActivity,
  listApplications,
  newApplicationSchema,
  regenerateSecret,
  revokeApplication,
} from './applications';

const spec = { area: 'administration' as const, schema: newApplicationSchema };

async function storedRow(id: string) {
  const [row] = await getDb().select().from(authorisedApplications).where(eq(authorisedApplications.id, id));
  return row;
}

describe('authorised applications', () => {
  it('the secret is returned once and stored only as a hash with its last four characters', async () => {
    const tenant = await createTenant();
    const { application, clientSecret } = await createApplication(getDb(), tenant.id, null, {
      name: 'Directory Sync',
      description: 'Roster Directory Sync',
      scopes: ['api_read'],
    });
    expect(clientSecret.length).toBeGreaterThanOrEqual(40);
    expect(application.clientId).toMatch(/^[0-9a-f-]{36}$/);
    const row = await storedRow(application.id);
    expect(JSON.stringify(row)).not.toContain(clientSecret);
    expect(secretMatchesHash(clientSecret, row.secretHash)).toBe(true);
    expect(row.secretLastFour).toBe(clientSecret.slice(-4));
    const listed = await listApplications(getDb(), tenant.id);
    expect(JSON.stringify(listed)).not.toContain(clientSecret);
    expect(listed[0]).not.toHaveProperty('secretHash');
  });

  it('form validation: a name is required, at least one scope, names unique per tenant (case-insensitive)', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const empty = await runStaffAction(hr, spec, (input, ctx) => createApplication(ctx.db, ctx.tenantId, ctx.staff.id, input), {
      name: ' ',
      readAccess: 'false',
    });
    expect(empty.fieldErrors).toEqual({ name: 'Enter a name.', scopes: 'Choose API read access, API write access or both.' });
    const noScope = await runStaffAction(hr, spec, (input, ctx) => createApplication(ctx.db, ctx.tenantId, ctx.staff.id, input), { name: 'X' });
    expect(noScope.fieldErrors).toEqual({ scopes: 'Choose API read access, API write access or both.' });

    const form = new FormData();
    form.set('name', 'Payroll');
    form.set('readAccess', 'on');
    form.set('writeAccess', 'on');
    const created = await runStaffAction(hr, spec, (input, ctx) => createApplication(ctx.db, ctx.tenantId, ctx.staff.id, input), form);
    expect(created.ok).toBe(true);
    expect(created.data?.application.scopes).toEqual(['api_read', 'api_write']);
    const duplicate = await runStaffAction(hr, spec, (input, ctx) => createApplication(ctx.db, ctx.tenantId, ctx.staff.id, input), {
      name: 'PAYROLL',
      readAccess: 'on',
    });
    expect(duplicate.fieldErrors).toEqual({ name: 'An application with this name already exists.' });
    // Another tenant may use the same name.
    const other = await createTenant();
    await expect(createApplication(getDb(), other.id, null, { name: 'Payroll', description: null, scopes: ['api_read'] })).resolves.toBeTruthy();
  });

  it('role check on the server: an IT admin cannot create an application', async () => {
    const tenant = await createTenant();
    const it = await createStaff(tenant.id, 'it_admin');
    const result = await runStaffAction(it, spec, (input, ctx) => createApplication(ctx.db, ctx.tenantId, ctx.staff.id, input), {
      name: 'Sneaky',
      readAccess: 'on',
    });
    expect(result).toEqual({ ok: false, formError: 'You do not have permission to do this.' });
    expect(await listApplications(getDb(), tenant.id)).toHaveLength(0);
  });

  it('regenerating replaces the hash and the rotation time; a revoked application cannot be regenerated', async () => {
    const tenant = await createTenant();
    const { application, clientSecret } = await createApplication(getDb(), tenant.id, null, { name: 'A', description: null, scopes: ['api_read'] });
    const renewed = await regenerateSecret(getDb(), tenant.id, application.id);
    const row = await storedRow(application.id);
    expect(secretMatchesHash(clientSecret, row.secretHash)).toBe(false);
    expect(secretMatchesHash(renewed.clientSecret, row.secretHash)).toBe(true);
    expect(row.secretRotatedAt.getTime()).toBeGreaterThan(application.secretRotatedAt.getTime());

    await revokeApplication(getDb(), tenant.id, application.id);
    await expect(regenerateSecret(getDb(), tenant.id, application.id)).rejects.toThrow('revoked');
    await expect(revokeApplication(getDb(), tenant.id, application.id)).rejects.toThrow('already revoked');
  });

  it("tenant isolation: another tenant's application cannot be regenerated, revoked or deleted", async () => {
    const owner = await createTenant();
    const intruder = await createTenant();
    const { application } = await createApplication(getDb(), owner.id, null, { name: 'Mine', description: null, scopes: ['api_read'] });
    for (const act of [regenerateSecret, revokeApplication, deleteApplication]) {
      await expect(act(getDb(), intruder.id, application.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    const row = await storedRow(application.id);
    expect(row.revokedAt).toBeNull();
  });

  it('activity lists only authorised application audit entries, newest first', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    await runStaffAction(hr, spec, async (input, ctx) => {
      const issued = await createApplication(ctx.db, ctx.tenantId, ctx.staff.id, input);
      await ctx.audit({ action: 'authorised_application.created', target: issued.application.name });
      await ctx.audit({ action: 'person.created', target: 'P1' });
      await ctx.audit({ action: 'authorised_application.revoked', target: issued.application.name });
    }, { name: 'Audited', readAccess: 'on' });
    const activity = await listApplicationActivity(getDb(), tenant.id);
    expect(activity.map((a) => a.action)).toEqual(['authorised_application.revoked', 'authorised_application.created']);
    expect(await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id))).toHaveLength(3);
  });
});
