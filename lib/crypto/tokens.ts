import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A high-entropy secret (SCIM tokens, client secrets, API keys), URL-safe. */
export function generateSecret(prefix = '', bytes = 32): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/** Secrets are random and long, so a fast SHA-256 is the right hash: it is not a password. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function lastFour(secret: string): string {
  return secret.slice(-4);
}

/** Compares a presented secret with a stored hash in constant time (both sides are fixed-length digests). */
export function secretMatchesHash(presented: string, storedHash: string | null | undefined): boolean {
  const expected = Buffer.from(storedHash ?? '0'.repeat(64), 'hex');
  const actual = Buffer.from(hashSecret(presented), 'hex');
  const same = expected.length === actual.length && timingSafeEqual(expected, actual);
  return same && Boolean(storedHash);
}
