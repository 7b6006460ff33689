import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { apiKeys } from '@/db/schema';
import type { Database, Executor } from '@/db/client';
import { generateSecret, hashSecret, lastFour, secretMatchesHash } from '@/lib/crypto/tokens';
import { FormError, NotFoundError } from '@/lib/errors';
import { preparedStatement } from '@/lib/prepared';

/** WorkOS secret keys start with `sk_`; the SDK and its users expect that shape. */
export const API_KEY_PREFIX = 'sk_';
/** Longest key we ever issue is 46 characters; anything far longer is not worth hashing. */
const MAX_PRESENTED_LENGTH = 200;
/** "Last used" is written at most once a minute per key, so a busy client does not write on every request. */
const LAST_USED_EVERY_MS = 60_000;

export const AUDIT_PREFIX = 'api_key.';

export const newApiKeySchema = z.object({
  name: z.string().trim().min(1, 'Enter a name.').max(120, 'Use at most 120 characters.'),
});
export type NewApiKeyInput = z.infer<typeof newApiKeySchema>;

export const apiKeyIdSchema = z.object({ apiKeyId: z.uuid('Unknown API key.') });

export type ApiKeySummary = {
  id: string;
  name: string;
  keyLastFour: string;
  createdByName: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const summaryColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  keyLastFour: apiKeys.keyLastFour,
  createdByName: apiKeys.createdByName,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** The key as the page shows it afterwards: prefix and last four characters only. */
export function maskedKey(key: Pick<ApiKeySummary, 'keyLastFour'>): string {
  return `${API_KEY_PREFIX}…${key.keyLastFour}`;
}

export async function listApiKeys(db: Executor, tenantId: string): Promise<ApiKeySummary[]> {
  return db
    .select(summaryColumns)
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, tenantId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** The key itself is returned here once and never again: only its SHA-256 hash and last four characters are stored. */
export async function createApiKey(
  db: Executor,
  tenantId: string,
  createdBy: { id: string | null; name: string | null },
  input: NewApiKeyInput,
): Promise<{ apiKey: ApiKeySummary; secret: string }> {
  const secret = generateSecret(API_KEY_PREFIX, 32);
  const [apiKey] = await db
    .insert(apiKeys)
    .values({
      tenantId,
      name: input.name,
      keyHash: hashSecret(secret),
      keyLastFour: lastFour(secret),
      createdById: createdBy.id,
      createdByName: createdBy.name,
    })
    .returning(summaryColumns);
  return { apiKey, secret };
}

/** Revoking is final and takes effect on the next request; the key stays listed as revoked. */
export async function revokeApiKey(db: Executor, tenantId: string, apiKeyId: string): Promise<ApiKeySummary> {
  const [current] = await db
    .select(summaryColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, apiKeyId)))
    .limit(1);
  if (!current) throw new NotFoundError('This API key no longer exists.');
  if (current.revokedAt) throw new FormError('This API key is already revoked.');
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, apiKeyId)))
    .returning(summaryColumns);
  return revoked;
}

export type ApiKeyPrincipal = { apiKeyId: string; tenantId: string };

/** Runs on every API request: prepared once per database client. */
const keyByHash = (db: Database) =>
  preparedStatement(db, 'api-keys:by-hash', (name) =>
    db
      .select({
        id: apiKeys.id,
        tenantId: apiKeys.tenantId,
        keyHash: apiKeys.keyHash,
        lastUsedAt: apiKeys.lastUsedAt,
        revokedAt: apiKeys.revokedAt,
      })
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, sql.placeholder('hash')))
      .limit(1)
      .prepare(name),
  );

/**
 * The tenant a presented key belongs to, or null for an unknown, malformed or revoked key. The row is found by the
 * key's hash (a hash of a random 256-bit secret: timing reveals nothing usable) and the hashes are then compared in
 * constant time.
 */
export async function authenticateApiKey(
  db: Database,
  presented: string | null,
  now = new Date(),
): Promise<ApiKeyPrincipal | null> {
  if (!presented || !presented.startsWith(API_KEY_PREFIX) || presented.length > MAX_PRESENTED_LENGTH) return null;
  const [row] = await keyByHash(db).execute({ hash: hashSecret(presented) });
  if (!secretMatchesHash(presented, row?.keyHash) || !row || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    const stale = new Date(now.getTime() - LAST_USED_EVERY_MS);
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiKeys.id, row.id),
          isNull(apiKeys.revokedAt),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale)),
        ),
      );
  }
  return { apiKeyId: row.id, tenantId: row.tenantId };
}

/** `Authorization: Bearer sk_…` → the key, or null. */
export function bearerKey(authorization: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match ? match[1] : null;
}
