import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { directorySyncSettings } from '@/db/schema';
import { FormError } from '@/lib/errors';
import { CEZANNE_HR_TYPE } from './providers/cezanne-hr';

/** The directory types Roster can sync, with the name the WorkOS guide uses. */
export const DIRECTORY_TYPE_LABELS: Record<string, string> = { [CEZANNE_HR_TYPE]: 'Cezanne HR' };

export const directoryTypeLabel = (type: string) => DIRECTORY_TYPE_LABELS[type] ?? type;

/** Whether the tenant's owner has enabled the Cezanne HR integration (off by default, as in WorkOS). */
export async function cezanneHrEnabled(db: Executor, tenantId: string): Promise<boolean> {
  const [row] = await db
    .select({ enabled: directorySyncSettings.cezanneHrEnabled })
    .from(directorySyncSettings)
    .where(eq(directorySyncSettings.tenantId, tenantId));
  return row?.enabled ?? false;
}

/** Turns the Cezanne HR integration on or off. Returns whether anything changed (for the audit log). */
export async function setCezanneHrEnabled(
  db: Executor,
  tenantId: string,
  enabled: boolean,
  updatedBy: string,
): Promise<boolean> {
  const before = await cezanneHrEnabled(db, tenantId);
  if (before === enabled) return false;
  await db
    .insert(directorySyncSettings)
    .values({ tenantId, cezanneHrEnabled: enabled, updatedBy, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: directorySyncSettings.tenantId,
      set: { cezanneHrEnabled: enabled, updatedBy, updatedAt: new Date() },
    });
  return true;
}

/** Refuses a new directory of a type the tenant has not enabled (the form shows the type disabled, too). */
export async function assertDirectoryTypeEnabled(
  db: Executor,
  tenantId: string,
  type: string | undefined,
): Promise<void> {
  if ((type ?? CEZANNE_HR_TYPE) === CEZANNE_HR_TYPE && !(await cezanneHrEnabled(db, tenantId))) {
    throw new FormError(
      'The Cezanne HR integration is not enabled. An owner can enable it in Directory Sync › Settings.',
      {
        type: 'The Cezanne HR integration is not enabled yet.',
      },
    );
  }
}
