import { and, asc, eq, getTableColumns, gt, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from './encrypted-columns';
import { reencrypt, type Keyring, loadKeyring } from './encryption';

const BATCH = 500;

export type RotationReport = { column: string; reencrypted: number };

/**
 * Re-encrypts every stored ciphertext that is not under the current key (ENCRYPTION_KEY), reading older ones with
 * ENCRYPTION_KEY_PREVIOUS. Batched by primary key; each row is updated only if it still holds the value read, so a
 * concurrent change is never overwritten. Safe to run again (it skips what is already current) and on empty tables.
 */
export async function rotateEncryptedColumns(
  db: Executor,
  columns: EncryptedColumn[] = ENCRYPTED_COLUMNS,
  ring: Keyring = loadKeyring(),
): Promise<RotationReport[]> {
  const reports: RotationReport[] = [];
  for (const entry of columns) {
    let reencrypted = 0;
    let after: unknown = null;
    const currentPrefix = `v1.${ring.current.id}.`;
    const property = Object.entries(getTableColumns(entry.table)).find(([, column]) => column === entry.column)?.[0];
    if (!property) throw new Error(`${entry.name} is not a column of its table`);
    for (;;) {
      const rows: { id: unknown; value: string }[] = (await db
        .select({ id: entry.id, value: entry.column })
        .from(entry.table)
        .where(
          and(
            isNotNull(entry.column),
            sql`left(${entry.column}, ${currentPrefix.length}) <> ${currentPrefix}`,
            after === null ? undefined : gt(entry.id, after),
          ),
        )
        .orderBy(asc(entry.id))
        .limit(BATCH)) as { id: unknown; value: string }[];
      for (const row of rows) {
        const fresh = reencrypt(row.value, ring);
        if (fresh === null) continue;
        await db
          .update(entry.table)
          .set({ [property]: fresh } as never)
          .where(and(eq(entry.id, row.id), eq(entry.column, row.value)));
        reencrypted++;
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
    reports.push({ column: entry.name, reencrypted });
  }
  return reports;
}
