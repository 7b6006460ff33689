import { describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, employments, people } from '@/db/schema';
import { parseCertificate } from '@/lib/hr/certificate';
import { saveIdentityProvider } from '@/lib/hr/identity-providers';
import { actAs, revalidated } from '@/tests/support/action-session';
import { createStaff, createTenant } from '@/tests/support/factories';
import { generateCertificate, insertPerson, insertUserAccount } from '@/tests/support/hr-factories';
import { deleteDepartmentAction, saveDepartmentAction } from '@/app/(dashboard)/admin/departments/actions';
import { saveIdentityProviderAction } from '@/app/(dashboard)/admin/identity-providers/actions';
import { createPersonAction, updatePersonAction } from '@/app/(dashboard)/admin/people/actions';
import { deleteRoleAction, saveRoleAction } from '@/app/(dashboard)/admin/roles/actions';
import { addSamlMappingAction, setAccountActiveAction } from '@/app/(dashboard)/admin/users/actions';

// The HR pages' real server actions, run as a given staff member (see tests/support/action-session.ts).
vi.mock('@/lib/auth/session', () => import('@/tests/support/action-session'));
vi.mock('next/cache', () => import('@/tests/support/action-session'));

const certificate = generateCertificate(400, 'Okta Test');
const idp = (overrides: Record<string, string> = {}) => ({
  identityProviderId: '',
  name: 'Okta',
  entityId: 'http://www.okta.com/exk1',
  ssoUrl: 'https://corp.okta.com/app/sso/saml',
  certificate,
  ...overrides,
});

async function withIdp(tenantId: string) {
  const { identityProvider } = await saveIdentityProvider(getDb(), tenantId, { ...idp(), identityProviderId: null });
  return identityProvider;
}

describe('HR actions: role check, field messages, audit, revalidation', () => {
  it('department actions check the role and write the audit log', async () => {
    const tenant = await createTenant();
    const it = await createStaff(tenant.id, 'it_admin');
    const hr = await createStaff(tenant.id, 'hr_professional');
    expect((await actAs(it, saveDepartmentAction, { name: 'Nope' })).formError).toBe(
      'You do not have permission to do this.',
    );
    const empty = await actAs(hr, saveDepartmentAction, { name: '' });
    expect(empty.fieldErrors).toEqual({ name: 'Enter a department name.' });
    const created = await actAs(hr, saveDepartmentAction, { name: 'Legal', code: '' });
    const id = (created.data as { id: string }).id;
    await actAs(hr, saveDepartmentAction, { departmentId: id, name: 'Legal & Compliance', code: 'LEGAL' });
    revalidated.length = 0;
    await actAs(hr, deleteDepartmentAction, { id });
    expect(revalidated).toEqual(['/admin/departments']);
    const entries = await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id));
    expect(entries.map((e) => [e.action, e.target])).toEqual([
      ['department.created', 'Legal'],
      ['department.updated', 'Legal & Compliance'],
      ['department.deleted', 'Legal & Compliance'],
    ]);
  });

  it('role actions: an IT admin is refused; HR creates a role with a French name and it is audited', async () => {
    const tenant = await createTenant();
    const it = await createStaff(tenant.id, 'it_admin');
    const hr = await createStaff(tenant.id, 'hr_professional');
    expect((await actAs(it, saveRoleAction, { originalName: 'X' })).ok).toBe(false);
    const created = await actAs(hr, saveRoleAction, { originalName: 'Auditor', name_fr: 'Auditeur' });
    expect(created.ok).toBe(true);
    await actAs(hr, deleteRoleAction, { id: (created.data as { id: string }).id });
    const entries = await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id));
    expect(entries.map((e) => [e.action, e.target, e.details])).toEqual([
      ['role.created', 'Auditor', { translations: { fr: 'Auditeur' } }],
      ['role.deleted', 'Auditor', { accountsWithoutRole: 0 }],
    ]);
  });

  it('the identity provider SSO URL must be http(s)', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const result = await actAs(hr, saveIdentityProviderAction, idp({ name: 'Entra', ssoUrl: 'javascript:alert(1)' }));
    expect(result.fieldErrors).toEqual({ ssoUrl: 'Enter a full URL starting with https://' });
  });

  it('the save action is audited with the certificate expiry and fingerprint', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const result = await actAs(hr, saveIdentityProviderAction, idp());
    expect(result.ok).toBe(true);
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id));
    expect(entry).toMatchObject({ action: 'identity_provider.created', target: 'Okta' });
    expect(entry.details).toMatchObject({
      certificateExpiresAt: parseCertificate(certificate).expiresAt.toISOString(),
    });
  });

  it('deactivate/reactivate and mapping actions are for HR only and are audited', async () => {
    const tenant = await createTenant();
    const it = await createStaff(tenant.id, 'it_admin');
    const hr = await createStaff(tenant.id, 'hr_professional');
    const idp = await withIdp(tenant.id);
    const account = await insertUserAccount(tenant.id, (await insertPerson(tenant.id)).id);
    expect((await actAs(it, setAccountActiveAction, { accountId: account.id, active: 'false' })).ok).toBe(false);
    await actAs(hr, setAccountActiveAction, { accountId: account.id, active: 'false' });
    await actAs(hr, setAccountActiveAction, { accountId: account.id, active: 'true' });
    await actAs(hr, addSamlMappingAction, {
      accountId: account.id,
      identityProviderId: idp.id,
      userIdentifier: 'ada@corp.test',
    });
    const entries = await getDb().select().from(auditLog).where(eq(auditLog.tenantId, tenant.id));
    expect(entries.map((e) => e.action)).toEqual([
      'user_account.deactivated',
      'user_account.reactivated',
      'saml_mapping.added',
    ]);
  });

  it('an IT admin cannot create a person; nothing is written', async () => {
    const tenant = await createTenant();
    const it = await createStaff(tenant.id, 'it_admin');
    const form = new FormData();
    for (const [k, v] of Object.entries({ personCode: 'ITX', givenName: 'A', familyName: 'B' })) form.set(k, v);
    const result = await actAs(it, createPersonAction, form);
    expect(result).toEqual({ ok: false, formError: 'You do not have permission to do this.' });
    expect(await getDb().select().from(people).where(eq(people.tenantId, tenant.id))).toHaveLength(0);
  });

  it('an HR Professional creates and edits a person from form data; each change is audited', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const form = new FormData();
    const values = {
      personCode: 'HR-1',
      givenName: 'Ada',
      familyName: 'Lovelace',
      internalEmail: 'Ada@Corp.test',
      activeEmployee: 'on',
      employmentId: 'EMP-HR-1',
      startDate: '2022-02-01',
      primaryEmployment: 'on',
    };
    for (const [k, v] of Object.entries(values)) form.set(k, v);
    const created = await actAs(hr, createPersonAction, form);
    expect(created.ok).toBe(true);
    const id = (created.data as { id: string }).id;

    const duplicate = await actAs(hr, createPersonAction, form);
    expect(duplicate.fieldErrors).toMatchObject({
      personCode: 'Another person already has this person code.',
      internalEmail: 'Another person already has this internal email.',
    });

    const [employment] = await getDb().select().from(employments).where(eq(employments.personId, id));
    const edit = new FormData();
    for (const [k, v] of Object.entries({
      ...values,
      personId: id,
      employmentRecordId: employment.id,
      jobTitle: 'Analyst',
    }))
      edit.set(k, v);
    const updated = await actAs(hr, updatePersonAction, edit);
    expect(updated.ok).toBe(true);

    const entries = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.id)));
    expect(entries.map((e) => [e.action, e.target, e.actorEmail])).toEqual([
      ['person.created', 'HR-1', hr.email],
      ['person.updated', 'HR-1', hr.email],
    ]);
    expect(entries[1].details).toMatchObject({ changed: ['jobTitle'] });
  });
});
