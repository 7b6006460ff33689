import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { directories } from '@/db/schema';
import { parseOrFormError } from '@/lib/form-fields';
import { directoryInput, requireDirectory, type Directory } from './directories';

const renameInput = directoryInput.pick({ name: true });
const baseUrlInput = z.object({ baseUrl: directoryInput.shape.baseUrl.unwrap() });

/** Renames a directory (Settings tab). The name is what the dashboard and the API show. */
export async function renameDirectory(
  db: Executor,
  tenantId: string,
  directoryId: string,
  name: string,
): Promise<Directory> {
  const input = parseOrFormError(renameInput, { name });
  await requireDirectory(db, tenantId, directoryId);
  await db
    .update(directories)
    .set({ name: input.name, updatedAt: new Date() })
    .where(and(eq(directories.tenantId, tenantId), eq(directories.id, directoryId)));
  return requireDirectory(db, tenantId, directoryId);
}

/**
 * Points a directory at another HR API (the "Advanced" field of Update Directory). Only before the credentials are
 * checked: the caller then updates the credentials, which checks both against the new URL.
 */
export async function setDirectoryBaseUrl(
  db: Executor,
  tenantId: string,
  directoryId: string,
  baseUrl: string,
): Promise<void> {
  const input = parseOrFormError(baseUrlInput, { baseUrl });
  const directory = await requireDirectory(db, tenantId, directoryId);
  if (directory.baseUrl === input.baseUrl) return;
  await db
    .update(directories)
    .set({ baseUrl: input.baseUrl, updatedAt: new Date() })
    .where(and(eq(directories.tenantId, tenantId), eq(directories.id, directoryId)));
}
