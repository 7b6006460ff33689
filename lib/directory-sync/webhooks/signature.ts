/**
 * The WorkOS webhook signature: `WorkOS-Signature: t=<ms>, v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, `t` first
 * and in milliseconds, over exactly the bytes sent. `@workos-inc/node`'s `webhooks.constructEvent` verifies it.
 */
import { createHmac } from 'node:crypto';
import { generateSecret } from '@/lib/crypto/tokens';

export const SIGNATURE_HEADER = 'WorkOS-Signature';

export function signatureHeader(secret: string, body: string, timestampMs: number): string {
  const digest = createHmac('sha256', secret).update(`${timestampMs}.${body}`, 'utf8').digest('hex');
  return `t=${timestampMs}, v1=${digest}`;
}

/** A new endpoint signing secret (shown once, stored encrypted). */
export function generateWebhookSecret(): string {
  return generateSecret('whsec_', 32);
}
