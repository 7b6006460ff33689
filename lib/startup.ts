import { checkEncryptionKeys, EncryptionKeyError } from '@/lib/crypto/encryption';
import { logError } from '@/lib/log';

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

/** On a fresh instance: prints the first-run setup code (and writes it under the data directory). */
export async function announceSetupCode(): Promise<void> {
  const { getDb } = await import('@/db/client');
  const { isFirstRun } = await import('@/lib/auth/accounts');
  const { ensureSetupCode, setupCodeBanner } = await import('@/lib/auth/setup-code');
  try {
    if (await isFirstRun(getDb())) console.log(setupCodeBanner(ensureSetupCode()));
  } catch (error) {
    logError('could not check for a first run', error);
  }
}
