import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { identityProviders, scimSettings, staffUsers } from '@/db/schema';
import type { Executor } from '@/db/client';
import { generateSecret, hashSecret, lastFour, secretMatchesHash } from '@/lib/crypto/tokens';
import { FormError } from '@/lib/errors';
import { identityProviderOptions } from '@/lib/hr/identity-providers';
import { bearerToken } from '@/lib/http/authorization';
import { isUuid } from '@/lib/ids';
import { publicBaseUrl } from '@/lib/public-url';
import type { MatchMethod, ScimSettingsInput } from './settings-schema';
import { ScimError } from './errors';

export type ScimSettingsRow = typeof scimSettings.$inferSelect;

export type ScimSettingsView = {
  tenantId: string;
  enabled: boolean;
  matchMethod: MatchMethod;
  createSamlMappings: boolean;
  identityProviderId: string | null;
  userIdentifier: 'scim_username';
  token: { lastFour: string; createdAt: Date | null; createdByName: string | null; lastUsedAt: Date | null } | null;
  updatedAt: Date;
};

/** Every tenant gets its row when created; this also covers tenants created before SCIM existed. */
async function ensureRow(db: Executor, tenantId: string) {
  await db.insert(scimSettings).values({ tenantId }).onConflictDoNothing();
}

/** The tenant's SCIM settings for the settings page (never the token hash). */
export async function getScimSettings(db: Executor, tenantId: string): Promise<ScimSettingsView> {
  await ensureRow(db, tenantId);
  const [row] = await db
    .select({ settings: scimSettings, createdByName: staffUsers.name })
    .from(scimSettings)
    .leftJoin(staffUsers, eq(staffUsers.id, scimSettings.tokenCreatedById))
    .where(eq(scimSettings.tenantId, tenantId));
  const s = row.settings;
  return {
    tenantId: s.tenantId,
    enabled: s.enabled,
    matchMethod: s.matchMethod,
    createSamlMappings: s.createSamlMappings,
    identityProviderId: s.identityProviderId,
    userIdentifier: 'scim_username',
    token: s.tokenHash
      ? {
          lastFour: s.tokenLastFour ?? '',
          createdAt: s.tokenCreatedAt,
          createdByName: row.createdByName,
          lastUsedAt: s.tokenLastUsedAt,
        }
      : null,
    updatedAt: s.updatedAt,
  };
}

/** Switches SCIM provisioning on or off. Returns whether anything changed (for the audit log). */
export async function setScimEnabled(db: Executor, tenantId: string, enabled: boolean): Promise<boolean> {
  await ensureRow(db, tenantId);
  forgetScimAuth();
  const changed = await db
    .update(scimSettings)
    .set({ enabled, updatedAt: new Date() })
    .where(and(eq(scimSettings.tenantId, tenantId), eq(scimSettings.enabled, !enabled)))
    .returning({ tenantId: scimSettings.tenantId });
  return changed.length > 0;
}

/**
 * Saves the match method and SAML options. The IdP must belong to the same tenant. Turning SAML mappings off keeps
 * the chosen IdP (a save never clears a setting the user did not touch), so turning them on again restores it.
 * Returns the changed fields.
 */
export async function updateScimSettings(db: Executor, tenantId: string, input: ScimSettingsInput) {
  await ensureRow(db, tenantId);
  forgetScimAuth();
  const [before] = await db.select().from(scimSettings).where(eq(scimSettings.tenantId, tenantId)).for('update');
  const identityProviderId = input.identityProviderId ?? (input.createSamlMappings ? null : before.identityProviderId);
  if (identityProviderId && !(await identityProviderBelongsToTenant(db, tenantId, identityProviderId))) {
    throw new FormError('Check the highlighted fields.', {
      identityProviderId: 'Select an identity provider from the list.',
    });
  }
  const next = {
    matchMethod: input.matchMethod,
    createSamlMappings: input.createSamlMappings,
    identityProviderId,
    userIdentifier: input.userIdentifier,
  };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (before[key] !== next[key]) changes[key] = { from: before[key], to: next[key] };
  }
  if (Object.keys(changes).length > 0) {
    await db
      .update(scimSettings)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(scimSettings.tenantId, tenantId));
  }
  return changes;
}

async function identityProviderBelongsToTenant(db: Executor, tenantId: string, identityProviderId: string) {
  const [idp] = await db
    .select({ id: identityProviders.id })
    .from(identityProviders)
    .where(and(eq(identityProviders.id, identityProviderId), eq(identityProviders.tenantId, tenantId)));
  return Boolean(idp);
}

/**
 * Creates (or replaces) the tenant's secret token. Only its SHA-256 and last four characters are stored; the raw
 * token is returned once. The old token stops working at once because its hash is overwritten.
 */
export async function generateScimToken(db: Executor, tenantId: string, staffId: string | null) {
  await ensureRow(db, tenantId);
  forgetScimAuth();
  const token = generateSecret('scim_');
  const createdAt = new Date();
  const [row] = await db
    .update(scimSettings)
    .set({
      tokenHash: hashSecret(token),
      tokenLastFour: lastFour(token),
      tokenCreatedAt: createdAt,
      tokenCreatedById: staffId,
      tokenLastUsedAt: null,
      updatedAt: createdAt,
    })
    .where(eq(scimSettings.tenantId, tenantId))
    .returning({ hadToken: sql<boolean>`true` });
  if (!row) throw new Error('SCIM settings row missing');
  return { token, lastFour: lastFour(token), createdAt };
}

const INVALID_TOKEN =
  'The bearer token is not valid for this SCIM URL. In Roster, copy the Tenant ID and the secret token from Administration › Integrations › SCIM.';
const MISSING_TOKEN =
  'Send the secret token from Roster (Administration › Integrations › SCIM) in the Authorization header: "Bearer <token>".';
const SCIM_OFF =
  'SCIM provisioning is switched off for this tenant. In Roster, turn on "Enable SCIM Provisioning of Users in Cezanne".';
const LAST_USED_EVERY_MS = 60_000;
const ENDPOINT_NAMES = ['users', 'groups', 'serviceproviderconfig', 'resourcetypes', 'schemas'];

/**
 * A SCIM URL whose tenant segment is not a tenant ID (`/scim/v2/Users`: the tenant ID was left off) is a 404 that
 * says so, before the token is looked at: "the token is wrong" would send the admin after the wrong field.
 */
function missingTenantId(tenantIdParam: string): ScimError {
  const endpoint = ENDPOINT_NAMES.includes(tenantIdParam.toLowerCase());
  return new ScimError(
    404,
    endpoint || !tenantIdParam
      ? `The SCIM URL is missing the tenant ID: it must be /scim/v2/<tenant ID>/${endpoint ? tenantIdParam : 'Users'}. Copy the SCIM URL (it ends with the Tenant ID) from Roster, Administration › Integrations › SCIM.`
      : `The SCIM URL has no valid tenant ID: "${tenantIdParam.slice(0, 80)}" is not one. It must be /scim/v2/<tenant ID>/Users; copy the SCIM URL (it ends with the Tenant ID) from Roster, Administration › Integrations › SCIM.`,
  );
}

function refusal(detail: string, tenantId: string | undefined) {
  const error = new ScimError(401, detail);
  error.tenantId = tenantId;
  return error;
}

/**
 * Settings rows used by the token check, kept for at most a second: a busy SCIM client then costs one query per
 * request instead of two. Every settings change calls `forgetScimAuth()` (in its transaction and again after the
 * commit, from the server action), so a regenerated token or SCIM switched off applies at once in this process; a
 * second Roster process on the same database sees it within AUTH_CACHE_MS. The generation counter stops a read that
 * raced with a change from caching the old row.
 */
const AUTH_CACHE_MS = 1000;
type AuthCache = { generation: number; rows: Map<string, { row: ScimSettingsRow; until: number }> };
const authCache: AuthCache = ((globalThis as { rosterScimAuthCache?: AuthCache }).rosterScimAuthCache ??= {
  generation: 0,
  rows: new Map(),
});

export function forgetScimAuth() {
  authCache.generation++;
  authCache.rows.clear();
}

async function settingsForAuth(db: Executor, tenantId: string): Promise<ScimSettingsRow | undefined> {
  const hit = authCache.rows.get(tenantId);
  if (hit && hit.until > Date.now()) return hit.row;
  const generation = authCache.generation;
  const [row] = await db.select().from(scimSettings).where(eq(scimSettings.tenantId, tenantId));
  if (row && generation === authCache.generation)
    authCache.rows.set(tenantId, { row, until: Date.now() + AUTH_CACHE_MS });
  return row;
}

/**
 * The SCIM token check: the tenant comes from the URL, the token must match that tenant's stored hash (compared in
 * constant time over SHA-256 digests), and SCIM must be switched on. Any failure is a 401 SCIM error; a token of
 * another tenant gets the same answer as a wrong one. Records the last use at most once a minute.
 */
export async function authenticateScim(
  db: Executor,
  tenantIdParam: string,
  authorization: string | null,
): Promise<ScimSettingsRow> {
  if (!isUuid(tenantIdParam)) throw missingTenantId(tenantIdParam);
  const token = bearerToken(authorization, { bareTokenAccepted: true });
  if (!token) throw refusal(MISSING_TOKEN, undefined);
  const row = await settingsForAuth(db, tenantIdParam);
  const matches = secretMatchesHash(token, row?.tokenHash);
  if (!row || !matches) throw refusal(INVALID_TOKEN, row?.tenantId);
  if (!row.enabled) throw refusal(SCIM_OFF, row.tenantId);
  const now = Date.now();
  if (!row.tokenLastUsedAt || now - row.tokenLastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    await db
      .update(scimSettings)
      .set({ tokenLastUsedAt: new Date(now) })
      .where(
        and(
          eq(scimSettings.tenantId, row.tenantId),
          eq(scimSettings.tokenHash, row.tokenHash!),
          or(
            isNull(scimSettings.tokenLastUsedAt),
            lt(scimSettings.tokenLastUsedAt, new Date(now - LAST_USED_EVERY_MS)),
          ),
        ),
      );
    row.tokenLastUsedAt = new Date(now);
  }
  return row;
}

export function scimUrl(baseUrl: string, tenantId: string): string {
  return `${baseUrl}/scim/v2/${tenantId}`;
}

/** Everything the settings page shows, for the signed-in staff member's tenant. */
export async function loadScimSettingsPage(db: Executor, tenantId: string, headers: Headers) {
  const [settings, identityProviders] = await Promise.all([
    getScimSettings(db, tenantId),
    identityProviderOptions(db, tenantId),
  ]);
  return { settings, identityProviders, scimUrl: scimUrl(publicBaseUrl(headers), tenantId) };
}
