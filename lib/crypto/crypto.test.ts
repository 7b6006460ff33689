import { describe, expect, it } from 'vitest';
import { generateSecret, hashSecret, lastFour, secretMatchesHash } from './tokens';
import { decrypt, encrypt } from './encryption';

describe('secrets', () => {
  it('stores only a hash: the hash matches the secret and nothing else', () => {
    const secret = generateSecret('scim_');
    const stored = hashSecret(secret);
    expect(stored).not.toContain(secret);
    expect(secretMatchesHash(secret, stored)).toBe(true);
    expect(secretMatchesHash(`${secret}x`, stored)).toBe(false);
    expect(secretMatchesHash(secret, null)).toBe(false);
    expect(lastFour(secret)).toBe(secret.slice(-4));
  });

  it('encrypts with AES-256-GCM and detects tampering', () => {
    const sealed = encrypt('client-secret-value');
    expect(sealed).not.toContain('client-secret-value');
    expect(decrypt(sealed)).toBe('client-secret-value');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => decrypt(parts.join('.'))).toThrow();
  });
});
