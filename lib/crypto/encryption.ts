import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets that must be replayed (directory credentials). The key is ENCRYPTION_KEY: 32 random bytes
 * as base64 or hex. Older keys listed in ENCRYPTION_KEY_PREVIOUS (comma-separated) still decrypt, so a key can be
 * replaced and the stored ciphertexts re-encrypted afterwards (`npm run rotate-encryption-key`).
 *
 * A ciphertext is `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts); the key id is derived from the key, so no
 * id has to be configured, and the version and key id are authenticated with the data.
 */
const VERSION = 'v1';
export const KEY_HOW_TO = 'Make one with: openssl rand -base64 32';

export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptionKeyError';
  }
}

type Key = { id: string; bytes: Buffer };
export type Keyring = { current: Key; byId: Map<string, Key> };

/** 32 bytes from base64 (standard or URL-safe, 43–44 characters) or hex (64 characters); anything else is refused. */
export function parseEncryptionKey(text: string, name = 'ENCRYPTION_KEY'): Buffer {
  const value = text.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(value)) bytes = Buffer.from(value, 'hex');
  else if (/^[A-Za-z0-9+/]{43}=?$/.test(value) || /^[A-Za-z0-9_-]{43}$/.test(value))
    bytes = Buffer.from(value, 'base64');
  if (!bytes || bytes.length !== 32) {
    throw new EncryptionKeyError(
      `${name} must be 32 random bytes written as base64 (44 characters) or hex (64 characters); the value given is not. ${KEY_HOW_TO}`,
    );
  }
  // Random bytes almost never repeat this much; a key like 00…00 or a short word repeated is not a key.
  if (new Set(bytes).size < 12) throw new EncryptionKeyError(`${name} is not random: its bytes repeat. ${KEY_HOW_TO}`);
  return bytes;
}

export function keyId(bytes: Buffer): string {
  return createHash('sha256').update('roster encryption key id\0').update(bytes).digest('base64url').slice(0, 8);
}

/** The configured keys: ENCRYPTION_KEY encrypts; it and ENCRYPTION_KEY_PREVIOUS decrypt. */
export function loadKeyring(env: Record<string, string | undefined> = process.env): Keyring {
  const raw = env.ENCRYPTION_KEY;
  if (!raw) throw new EncryptionKeyError(`ENCRYPTION_KEY is not set. ${KEY_HOW_TO}`);
  const toKey = (bytes: Buffer): Key => ({ id: keyId(bytes), bytes });
  const current = toKey(parseEncryptionKey(raw));
  const previous = (env.ENCRYPTION_KEY_PREVIOUS ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, i) => toKey(parseEncryptionKey(part, `ENCRYPTION_KEY_PREVIOUS (entry ${i + 1})`)));
  const byId = new Map([...previous, current].map((key) => [key.id, key]));
  return { current, byId };
}

/** Parsed once per configuration (the environment does not change while a process runs, but tests change it). */
let cached: { source: string; keyring: Keyring } | null = null;
function keyring(): Keyring {
  const source = `${process.env.ENCRYPTION_KEY}\n${process.env.ENCRYPTION_KEY_PREVIOUS ?? ''}`;
  if (cached?.source !== source) cached = { source, keyring: loadKeyring() };
  return cached.keyring;
}

const b64 = (buffer: Buffer) => buffer.toString('base64url');

export function encrypt(plain: string, ring: Keyring = keyring()): string {
  const { id, bytes } = ring.current;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', bytes, iv);
  cipher.setAAD(Buffer.from(`${VERSION}.${id}`));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, id, b64(iv), b64(cipher.getAuthTag()), b64(body)].join('.');
}

function parseSealed(sealed: string) {
  const [version, id, iv, tag, body, extra] = sealed.split('.');
  if (version !== VERSION || !id || !iv || !tag || body === undefined || extra !== undefined) {
    throw new Error('Unknown ciphertext format');
  }
  return { id, iv, tag, body };
}

/** The id of the key a ciphertext was made with. */
export function ciphertextKeyId(sealed: string): string {
  return parseSealed(sealed).id;
}

export function decrypt(sealed: string, ring: Keyring = keyring()): string {
  const { id, iv, tag, body } = parseSealed(sealed);
  const key = ring.byId.get(id);
  if (!key) {
    throw new EncryptionKeyError(
      `This value was encrypted with key ${id}, which is neither ENCRYPTION_KEY nor in ENCRYPTION_KEY_PREVIOUS. Add the old key to ENCRYPTION_KEY_PREVIOUS.`,
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${VERSION}.${id}`));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** The same secret under the current key, or null when it already is. */
export function reencrypt(sealed: string, ring: Keyring = keyring()): string | null {
  if (ciphertextKeyId(sealed) === ring.current.id) return null;
  return encrypt(decrypt(sealed, ring), ring);
}

/** Checks the configured keys at start-up, so a bad key stops the server instead of failing the first use. */
export function checkEncryptionKeys(env: Record<string, string | undefined> = process.env): void {
  loadKeyring(env);
}
