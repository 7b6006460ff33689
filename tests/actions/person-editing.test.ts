import { describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, employments, people, userAccounts } from '@/db/schema';
import { actAs, revalidated } from '@/tests/support/action-session';
import { createStaff, createTenant } from '@/tests/support/factories';
import { insertEmployment, insertPerson, insertUserAccount } from '@/tests/support/hr-factories';
import { createScimTenant } from '@/tests/support/scim-factories';
import { scimClient } from '@/tests/support/scim-client';
import { deletePersonAction, updateEmploymentAction } from '@/app/(dashboard)/admin/people/actions';
import { addSamlMappingAction, updateSamlMappingAction } from '@/app/(dashboard)/admin/users/actions';
import { saveIdentityProvider } from '@/lib/hr/identity-providers';
import { generateCertificate } from '@/tests/support/hr-factories';
import { samlMappings } from '@/db/schema';

vi.mock('@/lib/auth/session', () => import('@/tests/support/action-session'));
vi.mock('next/cache', () => import('@/tests/support/action-session'));

describe('editing gaps: any employment, delete a person', () => {
  it('edits a non-primary employment (ID and dates), audited; ending the primary one makes a leaver', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const it = await createStaff(tenant.id, 'it_admin');
    const person = await insertPerson(tenant.id);
    const primary = await insertEmployment(tenant.id, person.id, { employmentId: 'E-MAIN', isPrimary: true });
    const second = await insertEmployment(tenant.id, person.id, { employmentId: 'E-SIDE', isPrimary: false });
    const input = (overrides: Record<string, string>) => ({
      personId: person.id,
      employmentRecordId: second.id,
      employmentId: 'E-SIDE',
      startDate: '2021-03-01',
      endDate: '',
      ...overrides,
    });

    expect((await actAs(it, updateEmploymentAction, input({}))).formError).toBe(
      'You do not have permission to do this.',
    );
    expect((await actAs(hr, updateEmploymentAction, input({ endDate: '2020-01-01' }))).fieldErrors).toEqual({
      endDate: 'The end date is before the start date.',
    });
    expect((await actAs(hr, updateEmploymentAction, input({ employmentId: 'E-MAIN' }))).ok).toBe(false);

    const saved = await actAs(hr, updateEmploymentAction, input({ employmentId: 'E-SIDE-2', endDate: '2030-12-31' }));
    expect(saved).toMatchObject({ ok: true, data: { becameLeaver: false, changed: true } });
    const [row] = await getDb().select().from(employments).where(eq(employments.id, second.id));
    expect(row).toMatchObject({
      employmentId: 'E-SIDE-2',
      startDate: '2021-03-01',
      endDate: '2030-12-31',
      isPrimary: false,
    });
    expect(revalidated).toContain(`/admin/people/${person.id}`);

    const ended = await actAs(hr, updateEmploymentAction, {
      ...input({ employmentId: 'E-MAIN', startDate: '2020-01-01', endDate: '2020-06-30' }),
      employmentRecordId: primary.id,
    });
    expect(ended).toMatchObject({ ok: true, data: { becameLeaver: true } });
    const [after] = await getDb().select().from(people).where(eq(people.id, person.id));
    expect(after.activeEmployee).toBe(false);

    const entries = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, 'employment.updated')));
    expect(entries).toHaveLength(2);
    expect(entries[0].details).toMatchObject({
      employmentId: { from: 'E-SIDE', to: 'E-SIDE-2' },
      endDate: { from: null, to: '2030-12-31' },
    });

    // Another tenant's employment is out of reach.
    const other = await createTenant();
    const stranger = await insertPerson(other.id);
    const theirs = await insertEmployment(other.id, stranger.id);
    const refused = await actAs(hr, updateEmploymentAction, {
      ...input({}),
      personId: stranger.id,
      employmentRecordId: theirs.id,
    });
    expect(refused.ok).toBe(false);
  });

  it('deletes a person only with their name typed; the user account goes and SCIM no longer finds it', async () => {
    const { tenant, token } = await createScimTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const person = await insertPerson(tenant.id, { givenName: 'Grace', familyName: 'Hopper' });
    await insertEmployment(tenant.id, person.id);
    const account = await insertUserAccount(tenant.id, person.id, { userName: 'grace@example.test' });
    const scim = scimClient(tenant.id, token);
    expect((await scim.get(`/Users/${account.id}`)).status).toBe(200);

    const wrong = await actAs(hr, deletePersonAction, { personId: person.id, confirmName: 'Grace' });
    expect(wrong.fieldErrors).toEqual({ confirmName: 'Type Grace Hopper to confirm.' });
    expect((await actAs(hr, deletePersonAction, { personId: person.id, confirmName: '' })).fieldErrors).toEqual({
      confirmName: 'Type the name of the person to confirm.',
    });
    expect(await getDb().select().from(people).where(eq(people.id, person.id))).toHaveLength(1);

    const deleted = await actAs(hr, deletePersonAction, { personId: person.id, confirmName: '  grace   hopper ' });
    expect(deleted).toMatchObject({ ok: true, data: { personCode: person.personCode } });
    expect(await getDb().select().from(people).where(eq(people.id, person.id))).toHaveLength(0);
    expect(await getDb().select().from(userAccounts).where(eq(userAccounts.id, account.id))).toHaveLength(0);
    expect((await scim.get(`/Users/${account.id}`)).status).toBe(404);
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, 'person.deleted')));
    expect(entry).toMatchObject({
      target: person.personCode,
      details: { name: 'Grace Hopper', userAccount: 'grace@example.test', employments: 1 },
    });
  });

  it("edits a user account's SAML mapping: provider and identifier, one mapping per provider, audited", async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const certificate = generateCertificate(300, 'IdP');
    const idp = async (name: string) =>
      (
        await saveIdentityProvider(getDb(), tenant.id, {
          identityProviderId: null,
          name,
          entityId: `http://idp.test/${name}`,
          ssoUrl: `https://idp.test/${name}/sso`,
          certificate,
        })
      ).identityProvider;
    const okta = await idp('Okta');
    const entra = await idp('Entra');
    const person = await insertPerson(tenant.id);
    const account = await insertUserAccount(tenant.id, person.id, { userName: 'sam@example.test' });
    const add = async (identityProviderId: string) =>
      (await actAs(hr, addSamlMappingAction, { accountId: account.id, identityProviderId, userIdentifier: 'sam' }))
        .data as { id: string };
    const oktaMapping = await add(okta.id);
    await add(entra.id);

    const edit = (overrides: Record<string, string>) =>
      actAs(hr, updateSamlMappingAction, {
        accountId: account.id,
        mappingId: oktaMapping.id,
        identityProviderId: okta.id,
        userIdentifier: 'sam@corp.test',
        ...overrides,
      });
    expect((await edit({ userIdentifier: '' })).fieldErrors).toEqual({ userIdentifier: 'Enter the user identifier.' });
    expect((await edit({ identityProviderId: entra.id })).fieldErrors).toEqual({
      identityProviderId: 'This account already has a mapping for this identity provider.',
    });
    expect((await edit({})).ok).toBe(true);
    const [row] = await getDb().select().from(samlMappings).where(eq(samlMappings.id, oktaMapping.id));
    expect(row.userIdentifier).toBe('sam@corp.test');
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, 'saml_mapping.updated')));
    expect(entry).toMatchObject({
      target: 'sam@example.test',
      details: { identityProvider: 'Okta', userIdentifier: { from: 'sam', to: 'sam@corp.test' } },
    });
    // Another tenant's staff cannot reach it.
    const other = await createTenant();
    const stranger = await createStaff(other.id, 'hr_professional');
    const refused = await actAs(stranger, updateSamlMappingAction, {
      accountId: account.id,
      mappingId: oktaMapping.id,
      identityProviderId: okta.id,
      userIdentifier: 'x',
    });
    expect(refused.formError).toBe('This user account does not exist.');
  });
});
