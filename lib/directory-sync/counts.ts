import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { directoryCounts } from '@/db/schema';

export type DirectoryCounts = { users: { active: number; inactive: number }; groups: number };

/** Recounts a directory's live users and groups into `directory_counts` (called in the sync's apply transaction). */
export async function refreshDirectoryCounts(
  tx: Executor,
  tenantId: string,
  directoryId: string,
  now: Date,
): Promise<void> {
  await tx.execute(sql`
    insert into directory_counts (directory_id, tenant_id, users_active, users_inactive, groups, updated_at)
    select ${directoryId}, ${tenantId},
           (select count(*) from directory_users where tenant_id = ${tenantId} and directory_id = ${directoryId} and deleted_at is null and state = 'active'),
           (select count(*) from directory_users where tenant_id = ${tenantId} and directory_id = ${directoryId} and deleted_at is null and state <> 'active'),
           (select count(*) from directory_groups where tenant_id = ${tenantId} and directory_id = ${directoryId} and deleted_at is null),
           ${now.toISOString()}::timestamptz
    on conflict (directory_id) do update set users_active = excluded.users_active, users_inactive = excluded.users_inactive,
      groups = excluded.groups, updated_at = excluded.updated_at`);
}

/** The counts as of the last applied sync (zeros before the first). */
export async function storedDirectoryCounts(
  db: Executor,
  tenantId: string,
  directoryId: string,
): Promise<DirectoryCounts> {
  const [row] = await db
    .select()
    .from(directoryCounts)
    .where(and(eq(directoryCounts.tenantId, tenantId), eq(directoryCounts.directoryId, directoryId)));
  return { users: { active: row?.usersActive ?? 0, inactive: row?.usersInactive ?? 0 }, groups: row?.groups ?? 0 };
}
