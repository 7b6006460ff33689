import { afterAll, inject } from 'vitest';
import { closeDb } from '@/db/client';

process.env.DATABASE_URL = inject('databaseUrl');
// As scripts/with-db.mjs does: code that must know (one shared session, e.g. no named prepared statements) can tell.
if (inject('embeddedDatabase')) process.env.ROSTER_EMBEDDED_DB = '1';
process.env.ENCRYPTION_KEY ??= 'test-only-encryption-key';
process.env.NEXTAUTH_SECRET ??= 'test-only-nextauth-secret';

afterAll(async () => {
  await closeDb();
});
