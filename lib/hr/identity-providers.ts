import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { identityProviders, samlMappings, scimSettings } from '@/db/schema';
import type { Executor } from '@/db/client';
import { FormError, NotFoundError, uniqueViolation } from '@/lib/errors';
import { CertificateError, parseCertificate } from './certificate';
import type { IdentityProviderInput } from './schemas';

export type IdentityProvider = typeof identityProviders.$inferSelect;

const NAME_TAKEN = 'Another identity provider already has this name.';

export async function listIdentityProviders(db: Executor, tenantId: string) {
  return db
    .select({
      id: identityProviders.id,
      name: identityProviders.name,
      entityId: identityProviders.entityId,
      ssoUrl: identityProviders.ssoUrl,
      certificatePem: identityProviders.certificatePem,
      certificateExpiresAt: identityProviders.certificateExpiresAt,
      updatedAt: identityProviders.updatedAt,
      mappingCount: sql<number>`(select count(*)::int from saml_mappings m where m.identity_provider_id = "identity_providers"."id")`,
    })
    .from(identityProviders)
    .where(eq(identityProviders.tenantId, tenantId))
    .orderBy(asc(sql`lower(${identityProviders.name})`));
}

export async function getIdentityProvider(db: Executor, tenantId: string, id: string): Promise<IdentityProvider> {
  const [row] = await db
    .select()
    .from(identityProviders)
    .where(and(eq(identityProviders.id, id), eq(identityProviders.tenantId, tenantId)));
  if (!row) throw new NotFoundError('This identity provider does not exist.');
  return row;
}

/** Creates or edits a SAML identity provider; the certificate must be a readable PEM X.509 certificate. */
export async function saveIdentityProvider(db: Executor, tenantId: string, input: IdentityProviderInput) {
  const existing = input.identityProviderId ? await getIdentityProvider(db, tenantId, input.identityProviderId) : null;
  let certificate;
  try {
    certificate = parseCertificate(input.certificate);
  } catch (error) {
    if (error instanceof CertificateError)
      throw new FormError('Check the highlighted fields.', { certificate: error.message });
    throw error;
  }
  const [other] = await db
    .select({ id: identityProviders.id })
    .from(identityProviders)
    .where(
      and(
        eq(identityProviders.tenantId, tenantId),
        sql`lower(${identityProviders.name}) = ${input.name.toLowerCase()}`,
        existing ? ne(identityProviders.id, existing.id) : undefined,
      ),
    );
  if (other) throw new FormError('Check the highlighted fields.', { name: NAME_TAKEN });
  const values = {
    name: input.name,
    entityId: input.entityId,
    ssoUrl: input.ssoUrl,
    certificatePem: certificate.pem,
    certificateExpiresAt: certificate.expiresAt,
  };
  try {
    if (existing) {
      const [idp] = await db
        .update(identityProviders)
        .set({ ...values, updatedAt: sql`now()` })
        .where(and(eq(identityProviders.id, existing.id), eq(identityProviders.tenantId, tenantId)))
        .returning();
      return { identityProvider: idp, certificate, previous: existing };
    }
    const [idp] = await db
      .insert(identityProviders)
      .values({ tenantId, ...values })
      .returning();
    return { identityProvider: idp, certificate, previous: null };
  } catch (error) {
    if (uniqueViolation(error) === 'identity_providers_tenant_name_uq')
      throw new FormError('Check the highlighted fields.', { name: NAME_TAKEN });
    throw error;
  }
}

/** Deletes an identity provider with its SAML mappings; SCIM settings that used it lose their IdP. */
export async function deleteIdentityProvider(db: Executor, tenantId: string, id: string) {
  const idp = await getIdentityProvider(db, tenantId, id);
  const [{ mappings }] = await db
    .select({ mappings: sql<number>`count(*)::int` })
    .from(samlMappings)
    .where(eq(samlMappings.identityProviderId, idp.id));
  const [usedByScim] = await db
    .select({ tenantId: scimSettings.tenantId })
    .from(scimSettings)
    .where(and(eq(scimSettings.tenantId, tenantId), eq(scimSettings.identityProviderId, idp.id)));
  await db
    .delete(identityProviders)
    .where(and(eq(identityProviders.id, idp.id), eq(identityProviders.tenantId, tenantId)));
  return { identityProvider: idp, mappingsRemoved: mappings, usedByScim: Boolean(usedByScim) };
}

/** Options for selects (SCIM settings, SAML mappings). */
export async function identityProviderOptions(db: Executor, tenantId: string) {
  return db
    .select({ id: identityProviders.id, name: identityProviders.name })
    .from(identityProviders)
    .where(eq(identityProviders.tenantId, tenantId))
    .orderBy(asc(sql`lower(${identityProviders.name})`));
}

/**
 * The identity provider a new SAML mapping starts with: the one SCIM settings use, else the one whose certificate
 * stays valid longest (never an expired one ahead of a valid one); `null` when there is none.
 */
export async function defaultMappingProviderId(db: Executor, tenantId: string): Promise<string | null> {
  const [scim] = await db
    .select({ id: scimSettings.identityProviderId })
    .from(scimSettings)
    .where(eq(scimSettings.tenantId, tenantId));
  if (scim?.id) return scim.id;
  const [longest] = await db
    .select({ id: identityProviders.id })
    .from(identityProviders)
    .where(eq(identityProviders.tenantId, tenantId))
    .orderBy(desc(identityProviders.certificateExpiresAt))
    .limit(1);
  return longest?.id ?? null;
}
