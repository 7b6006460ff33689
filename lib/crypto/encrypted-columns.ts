import { getTableName } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { directories, webhookEndpoints } from '@/db/schema';

/** A text column holding `encrypt()` ciphertexts, with its table's primary key (for batched re-encryption). */
export type EncryptedColumn = { name: string; table: PgTable; id: PgColumn; column: PgColumn };

export function encryptedColumn(table: PgTable, id: PgColumn, column: PgColumn): EncryptedColumn {
  return { name: `${getTableName(table)}.${column.name}`, table, id, column };
}

/**
 * Every column that stores ciphertexts. `npm run rotate-encryption-key` re-encrypts each with the current key; a new
 * encrypted column is one line here, e.g.
 *   encryptedColumn(directories, directories.id, directories.clientSecretEncrypted),
 */
export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  encryptedColumn(directories, directories.id, directories.clientSecretEncrypted),
  encryptedColumn(webhookEndpoints, webhookEndpoints.id, webhookEndpoints.secretEncrypted),
];
