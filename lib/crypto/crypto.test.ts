import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSecret, hashSecret, lastFour, secretMatchesHash } from './tokens';
import {
  checkEncryptionKeys,
  ciphertextKeyId,
  decrypt,
  encrypt,
  EncryptionKeyError,
  keyId,
  loadKeyring,
  parseEncryptionKey,
  reencrypt,
} from './encryption';

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
});

describe('ENCRYPTION_KEY', () => {
  it('accepts 32 random bytes as base64 (standard or URL-safe) or hex', () => {
    const bytes = randomBytes(32);
    for (const text of [
      bytes.toString('base64'),
      bytes.toString('base64url'),
      bytes.toString('hex'),
      ` ${bytes.toString('hex').toUpperCase()}\n`,
    ]) {
      expect(parseEncryptionKey(text).equals(bytes)).toBe(true);
    }
  });

  it('refuses anything else, saying how to make a key', () => {
    for (const bad of [
      'test-only-encryption-key',
      'a'.repeat(44),
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('hex'),
      '0'.repeat(64),
      'ab'.repeat(32),
    ]) {
      expect(() => parseEncryptionKey(bad), bad).toThrow(EncryptionKeyError);
      expect(() => parseEncryptionKey(bad)).toThrow(/openssl rand -base64 32/);
    }
    expect(() => checkEncryptionKeys({ ENCRYPTION_KEY: 'short' })).toThrow(/ENCRYPTION_KEY must be 32 random bytes/);
    expect(() => checkEncryptionKeys({})).toThrow(/ENCRYPTION_KEY is not set/);
    const good = randomBytes(32).toString('base64');
    expect(() => checkEncryptionKeys({ ENCRYPTION_KEY: good, ENCRYPTION_KEY_PREVIOUS: 'nope' })).toThrow(
      /ENCRYPTION_KEY_PREVIOUS \(entry 1\)/,
    );
    expect(() => checkEncryptionKeys({ ENCRYPTION_KEY: good })).not.toThrow();
  });
});

describe('encryption (AES-256-GCM with key ids)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env.ENCRYPTION_KEY = saved.ENCRYPTION_KEY;
    if (saved.ENCRYPTION_KEY_PREVIOUS === undefined) delete process.env.ENCRYPTION_KEY_PREVIOUS;
    else process.env.ENCRYPTION_KEY_PREVIOUS = saved.ENCRYPTION_KEY_PREVIOUS;
  });

  it('round-trips, names its key and detects tampering (data, key id or version)', () => {
    const sealed = encrypt('client-secret-value');
    expect(sealed).not.toContain('client-secret-value');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(ciphertextKeyId(sealed)).toBe(keyId(parseEncryptionKey(process.env.ENCRYPTION_KEY!)));
    expect(decrypt(sealed)).toBe('client-secret-value');
    const parts = sealed.split('.');
    const tampered = [...parts];
    tampered[4] = Buffer.from('tampered').toString('base64url');
    expect(() => decrypt(tampered.join('.'))).toThrow();
    expect(() => decrypt(['v2', ...parts.slice(1)].join('.'))).toThrow(/Unknown ciphertext format/);
  });

  it('rotation: a new key encrypts, the previous one still decrypts, re-encryption moves values to the new key', () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('hex');
    process.env.ENCRYPTION_KEY = oldKey;
    const sealedOld = encrypt('secret');
    process.env.ENCRYPTION_KEY = newKey;
    expect(() => decrypt(sealedOld)).toThrow(/ENCRYPTION_KEY_PREVIOUS/);
    process.env.ENCRYPTION_KEY_PREVIOUS = oldKey;
    expect(decrypt(sealedOld)).toBe('secret');
    const moved = reencrypt(sealedOld)!;
    expect(ciphertextKeyId(moved)).toBe(loadKeyring().current.id);
    expect(reencrypt(moved)).toBeNull();
    delete process.env.ENCRYPTION_KEY_PREVIOUS;
    expect(decrypt(moved)).toBe('secret');
  });
});
