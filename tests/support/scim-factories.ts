// Test data for SCIM: people, employments, departments, roles, identity providers and accounts are inserted
// directly (the HR pages that create them are built separately), plus a tenant with SCIM switched on.
import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/client';
import { departments, employments, identityProviders, people, roles, userAccounts } from '@/db/schema';
import { generateScimToken, setScimEnabled, updateScimSettings } from '@/lib/scim/settings';
import type { MatchMethod } from '@/lib/scim/settings-schema';
import { createStaff, createTenant } from './factories';

const short = () => randomUUID().slice(0, 8);

export async function createDepartment(tenantId: string, name = `Department ${short()}`) {
  const [row] = await getDb()
    .insert(departments)
    .values({ tenantId, name, code: `D-${short()}` })
    .returning();
  return row;
}

export async function createPerson(tenantId: string, overrides: Partial<typeof people.$inferInsert> = {}) {
  const id = short();
  const [row] = await getDb()
    .insert(people)
    .values({
      tenantId,
      personCode: `P${id}`,
      givenName: 'Ada',
      familyName: `Lovelace-${id}`,
      internalEmail: `ada.${id}@northwind.test`,
      externalEmail: `ada.${id}@home.test`,
      ...overrides,
    })
    .returning();
  return row;
}

export async function createEmployment(
  tenantId: string,
  personId: string,
  employmentId = `E-${short()}`,
  isPrimary = true,
) {
  const [row] = await getDb()
    .insert(employments)
    .values({ tenantId, personId, employmentId, startDate: '2024-01-15', isPrimary })
    .returning();
  return row;
}

export async function createRole(tenantId: string, originalName: string, translations: Record<string, string> = {}) {
  const [row] = await getDb().insert(roles).values({ tenantId, originalName, translations }).returning();
  return row;
}

export async function createIdentityProvider(tenantId: string, name = `Okta ${short()}`) {
  const [row] = await getDb()
    .insert(identityProviders)
    .values({
      tenantId,
      name,
      entityId: `http://www.okta.com/${short()}`,
      ssoUrl: `https://example.okta.test/app/${short()}/sso/saml`,
      certificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
      certificateExpiresAt: new Date('2030-01-01T00:00:00Z'),
    })
    .returning();
  return row;
}

export async function createUserAccount(
  tenantId: string,
  personId: string,
  userName = `user-${short()}@northwind.test`,
) {
  const [row] = await getDb()
    .insert(userAccounts)
    .values({ tenantId, personId, userName, email: userName })
    .returning();
  return row;
}

/** A tenant with SCIM switched on, a fresh token and the given match method / SAML options. */
export async function createScimTenant(options: { matchMethod?: MatchMethod; saml?: boolean; enabled?: boolean } = {}) {
  const db = getDb();
  const tenant = await createTenant();
  const staff = await createStaff(tenant.id, 'hr_professional');
  const idp = options.saml ? await createIdentityProvider(tenant.id) : null;
  await updateScimSettings(db, tenant.id, {
    matchMethod: options.matchMethod ?? 'internal_email',
    createSamlMappings: Boolean(idp),
    identityProviderId: idp?.id ?? null,
    userIdentifier: 'scim_username',
  });
  if (options.enabled !== false) await setScimEnabled(db, tenant.id, true);
  const { token } = await generateScimToken(db, tenant.id, staff.id);
  return { tenant, tenantId: tenant.id, staff, token, idp };
}
