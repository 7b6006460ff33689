import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, inject } from 'vitest';
import { closeDb } from '@/db/client';

process.env.DATABASE_URL = inject('databaseUrl');
// As scripts/with-db.mjs does: code that must know (one shared session, e.g. no named prepared statements) can tell.
if (inject('databaseEmbedded')) process.env.ROSTER_EMBEDDED_DB = '1';
// 32 random bytes (hex), as ENCRYPTION_KEY must be; for tests only.
process.env.ENCRYPTION_KEY ??= '3525ffdb1923617238d05d51cd31c48685242b8118afd963a2398c944f879706';
process.env.NEXTAUTH_SECRET ??= 'test-only-nextauth-secret';
// The first-run setup code and other data-directory files go to a directory of this test file's own.
process.env.ROSTER_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'roster-data-'));

afterAll(async () => {
  await closeDb();
  rmSync(process.env.ROSTER_DATA_DIR!, { recursive: true, force: true });
});
