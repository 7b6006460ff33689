import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { directories } from '@/db/schema';
import { FormError } from '@/lib/errors';
import { directoryInput, requireDirectory, type Directory } from './directories';

const renameInput = directoryInput.pick({ name: true });
const baseUrlInput = z.object({ baseUrl: directoryInput.shape.baseUrl.unwrap() });

function parseOrFail<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? '_form')] ??= issue.message;
  throw new FormError(parsed.error.issues[0].message, fieldErrors);
}

/** Renames a directory (Settings tab). The name is what the dashboard and the API show. */
export async function renameDirectory(
  db: Executor,
  tenantId: string,
  directoryId: string,
  name: string,
): Promise<Directory> {
  const input = parseOrFail(renameInput, { name });
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
  const input = parseOrFail(baseUrlInput, { baseUrl });
  const directory = await requireDirectory(db, tenantId, directoryId);
  if (directory.baseUrl === input.baseUrl) return;
  await db
    .update(directories)
    .set({ baseUrl: input.baseUrl, updatedAt: new Date() })
    .where(and(eq(directories.tenantId, tenantId), eq(directories.id, directoryId)));
}
