import { afterAll, inject } from 'vitest';
import { closeDb } from '@/db/client';

process.env.DATABASE_URL = inject('databaseUrl');
process.env.ENCRYPTION_KEY ??= 'test-only-encryption-key';
process.env.NEXTAUTH_SECRET ??= 'test-only-nextauth-secret';

afterAll(async () => {
  await closeDb();
});
