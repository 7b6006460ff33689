// `npm run rotate-encryption-key` walks the registry of encrypted columns; here a real table stands in for the first
// entry (directories.client_secret_encrypted is registered when Directory Sync lands).
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, sql } from 'drizzle-orm';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import { ENCRYPTED_COLUMNS, encryptedColumn } from '@/lib/crypto/encrypted-columns';
import { ciphertextKeyId, decrypt, encrypt, loadKeyring } from '@/lib/crypto/encryption';
import { rotateEncryptedColumns } from '@/lib/crypto/rotate';

const tableName = `rotation_probe_${randomUUID().slice(0, 8)}`;
const probe = pgTable(tableName, { id: integer('id').primaryKey(), secretEncrypted: text('secret_encrypted') });

const oldKey = randomBytes(32).toString('base64');
const newKey = randomBytes(32).toString('base64');
const oldRing = loadKeyring({ ENCRYPTION_KEY: oldKey });
const rotationRing = loadKeyring({ ENCRYPTION_KEY: newKey, ENCRYPTION_KEY_PREVIOUS: oldKey });

beforeAll(async () => {
  await getDb().execute(sql.raw(`create table ${tableName} (id integer primary key, secret_encrypted text)`));
});
afterAll(async () => {
  await getDb().execute(sql.raw(`drop table if exists ${tableName}`));
});

describe('rotate-encryption-key', () => {
  it('covers every column that stores ciphertexts: directory client secrets and webhook signing secrets', () => {
    // Rotating them here would touch other test files' rows on the shared database; the probe table below does it.
    expect(ENCRYPTED_COLUMNS.map((c) => c.name).sort()).toEqual([
      'directories.client_secret_encrypted',
      'webhook_endpoints.secret_encrypted',
    ]);
  });

  it('re-encrypts every old ciphertext under the new key (in batches), leaves NULLs and current ones alone, and can run again', async () => {
    const db = getDb();
    const rows = Array.from({ length: 1203 }, (_, i) => ({
      id: i + 1,
      secretEncrypted: i % 100 === 7 ? null : encrypt(`secret-${i}`, oldRing),
    }));
    rows.push({ id: 5000, secretEncrypted: encrypt('already-new', rotationRing) });
    await db.insert(probe).values(rows);
    const column = encryptedColumn(probe, probe.id, probe.secretEncrypted);
    expect(column.name).toBe(`${tableName}.secret_encrypted`);

    const [report] = await rotateEncryptedColumns(db, [column], rotationRing);
    expect(report).toEqual({ column: column.name, reencrypted: 1203 - 12 });

    const after = await db.select().from(probe).orderBy(asc(probe.id));
    const newOnly = loadKeyring({ ENCRYPTION_KEY: newKey });
    for (const row of after) {
      if (row.id % 100 === 8 && row.id <= 1203) expect(row.secretEncrypted).toBeNull();
      else {
        expect(ciphertextKeyId(row.secretEncrypted!)).toBe(newOnly.current.id);
        expect(decrypt(row.secretEncrypted!, newOnly)).toBe(row.id === 5000 ? 'already-new' : `secret-${row.id - 1}`);
      }
    }
    expect(await rotateEncryptedColumns(db, [column], rotationRing)).toEqual([{ column: column.name, reencrypted: 0 }]);
  });
});
