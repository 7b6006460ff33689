import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { apiKeys } from '@/db/schema';
import { hashSecret } from '@/lib/crypto/tokens';
import { createTenant } from '@/tests/support/factories';
import { authenticateApiKey, bearerKey, createApiKey, listApiKeys, maskedKey, revokeApiKey } from './keys';

describe('API keys', () => {
  it('are shown once as sk_…, stored only as a hash, and authenticate to their tenant', async () => {
    const db = getDb();
    const tenant = await createTenant();
    const { apiKey, secret } = await createApiKey(
      db,
      tenant.id,
      { id: null, name: 'Olivia Owner' },
      { name: 'Production app' },
    );
    expect(secret).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    const [stored] = await db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(stored.keyHash).toBe(hashSecret(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(maskedKey(apiKey)).toBe(`sk_…${secret.slice(-4)}`);
    expect(await listApiKeys(db, tenant.id)).toEqual([
      expect.objectContaining({ name: 'Production app', createdByName: 'Olivia Owner', lastUsedAt: null }),
    ]);

    expect(await authenticateApiKey(db, secret)).toEqual({ apiKeyId: apiKey.id, tenantId: tenant.id });
    for (const wrong of [null, '', secret.slice(3), `${secret}x`, `sk_${'A'.repeat(43)}`, `sk_${'x'.repeat(500)}`]) {
      expect(await authenticateApiKey(db, wrong)).toBeNull();
    }
  });

  it('record when they were last used (at most once a minute) and stop working once revoked', async () => {
    const db = getDb();
    const tenant = await createTenant();
    const { apiKey, secret } = await createApiKey(db, tenant.id, { id: null, name: null }, { name: 'k' });
    const t0 = new Date('2030-01-01T00:00:00Z');
    await authenticateApiKey(db, secret, t0);
    await authenticateApiKey(db, secret, new Date(t0.getTime() + 30_000));
    expect((await listApiKeys(db, tenant.id))[0].lastUsedAt).toEqual(t0);
    await authenticateApiKey(db, secret, new Date(t0.getTime() + 61_000));
    expect((await listApiKeys(db, tenant.id))[0].lastUsedAt).toEqual(new Date(t0.getTime() + 61_000));

    await revokeApiKey(db, tenant.id, apiKey.id);
    expect(await authenticateApiKey(db, secret)).toBeNull();
    await expect(revokeApiKey(db, tenant.id, apiKey.id)).rejects.toThrow('already revoked');
    const other = await createTenant();
    await expect(revokeApiKey(db, other.id, apiKey.id)).rejects.toThrow('no longer exists');
  });

  it('bearerKey reads the Authorization header', () => {
    expect(bearerKey('Bearer sk_abc')).toBe('sk_abc');
    expect(bearerKey('bearer   sk_abc  ')).toBe('sk_abc');
    expect(bearerKey('Basic sk_abc')).toBeNull();
    expect(bearerKey('Bearer a b')).toBeNull();
    expect(bearerKey(null)).toBeNull();
  });
});
