// `npm run rotate-encryption-key`: re-encrypts every stored ciphertext (lib/crypto/encrypted-columns.ts) with the
// current ENCRYPTION_KEY, reading older ones with ENCRYPTION_KEY_PREVIOUS. Run after setting the new key.
//   --new-key  (embedded database only) makes a new .data/encryption-key first; the old key is kept in
//              .data/encryption-key.previous until every ciphertext is re-encrypted, then removed.
// Runs under scripts/with-db.mjs, which provides DATABASE_URL and the embedded key.
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { closeDb, getBatchDb } from '@/db/client';
import { EncryptionKeyError, keyId, loadKeyring, parseEncryptionKey } from '@/lib/crypto/encryption';
import { logError } from '@/lib/log';
import { rotateEncryptedColumns } from '@/lib/crypto/rotate';

async function main() {
  const embedded = process.env.ROSTER_EMBEDDED_DB === '1';
  const dataDir = path.resolve(process.env.ROSTER_DATA_DIR ?? '.data');
  const keyFile = path.join(dataDir, 'encryption-key');
  const previousFile = `${keyFile}.previous`;
  if (process.argv.includes('--new-key')) {
    if (!embedded) {
      console.error(
        '--new-key is for the embedded database. With DATABASE_URL: set ENCRYPTION_KEY to a new key (openssl rand -base64 32) and ENCRYPTION_KEY_PREVIOUS to the old one, restart, then run this again.',
      );
      process.exit(2);
    }
    if (existsSync(previousFile)) {
      console.error(`${previousFile} exists: a rotation is unfinished. Run without --new-key to finish it.`);
      process.exit(2);
    }
    const fresh = randomBytes(32).toString('base64');
    renameSync(keyFile, previousFile);
    writeFileSync(keyFile, fresh, { mode: 0o600 });
    process.env.ENCRYPTION_KEY_PREVIOUS = [process.env.ENCRYPTION_KEY, process.env.ENCRYPTION_KEY_PREVIOUS]
      .filter(Boolean)
      .join(',');
    process.env.ENCRYPTION_KEY = fresh;
  }
  const ring = loadKeyring();
  console.log(
    `[rotate] current key ${ring.current.id}; also reading ${[...ring.byId.keys()].filter((id) => id !== ring.current.id).join(', ') || 'no older key'}`,
  );
  const reports = await rotateEncryptedColumns(getBatchDb(), undefined, ring);
  for (const report of reports) console.log(`[rotate] ${report.column}: ${report.reencrypted} re-encrypted`);
  if (reports.length === 0) console.log('[rotate] no encrypted columns yet: nothing to re-encrypt.');
  if (embedded && existsSync(previousFile)) {
    rmSync(previousFile);
    console.log(`[rotate] every ciphertext is under key ${ring.current.id}; removed ${previousFile}.`);
  } else if (!embedded && process.env.ENCRYPTION_KEY_PREVIOUS) {
    const old = process.env.ENCRYPTION_KEY_PREVIOUS.split(',').map((k) => keyId(parseEncryptionKey(k)));
    console.log(`[rotate] done: remove ENCRYPTION_KEY_PREVIOUS (keys ${old.join(', ')}) and restart.`);
  }
}

main()
  .then(() => closeDb())
  .catch(async (error) => {
    if (error instanceof EncryptionKeyError) console.error(`[rotate] ${error.message}`);
    else logError('rotate-encryption-key failed', error);
    await closeDb().catch(() => {});
    process.exit(1);
  });
