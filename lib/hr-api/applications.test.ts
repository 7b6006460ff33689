import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, authorisedApplications } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { secretMatchesHash } from '@/lib/crypto/tokens';
import { NotFoundError } from '@/lib/errors';
import { createStaff, createTenant } from '@/tests/support/factories';
import {
  createApplication,
  deleteApplication,
  listApplicationActivity,
  listApplications,
  regenerateSecret,
  revokeApplication,
} from './applications';

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

  it('regenerating replaces the hash and the rotation time; a revoked application cannot be regenerated', async () => {
    const tenant = await createTenant();
    const { application, clientSecret } = await createApplication(getDb(), tenant.id, null, {
      name: 'A',
      description: null,
      scopes: ['api_read'],
    });
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
    const { application } = await createApplication(getDb(), owner.id, null, {
      name: 'Mine',
      description: null,
      scopes: ['api_read'],
    });
    for (const act of [regenerateSecret, revokeApplication, deleteApplication]) {
      await expect(act(getDb(), intruder.id, application.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    const row = await storedRow(application.id);
    expect(row.revokedAt).toBeNull();
  });

  it('activity lists only authorised application audit entries, newest first', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const actor = { id: hr.id, email: hr.email };
    const { application } = await createApplication(getDb(), tenant.id, hr.id, {
      name: 'Audited',
      description: null,
      scopes: ['api_read'],
    });
    for (const [action, target] of [
      ['authorised_application.created', application.name],
      ['person.created', 'P1'],
      ['authorised_application.revoked', application.name],
    ]) {
      await writeAudit(getDb(), tenant.id, actor, { action, target });
    }
    const activity = await listApplicationActivity(getDb(), tenant.id);
    expect(activity.map((a) => a.action)).toEqual(['authorised_application.revoked', 'authorised_application.created']);
    expect(await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id))).toHaveLength(3);
  });
});
