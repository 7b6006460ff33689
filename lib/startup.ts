import { checkEncryptionKeys, EncryptionKeyError } from '@/lib/crypto/encryption';

/**
 * Configuration that must be right before the server takes a request; a mistake stops the server with a message
 * saying how to fix it. Called from instrumentation.ts.
 */
export function checkStartupConfiguration(): void {
  try {
    checkEncryptionKeys();
  } catch (error) {
    if (!(error instanceof EncryptionKeyError)) throw error;
    console.error(`[roster] ${error.message}`);
    process.exit(1);
  }
}
