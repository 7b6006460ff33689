import { and, asc, eq, ne } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { directories } from '@/db/schema';
import { resolveDeps, type SyncDeps } from './context';
import { storedDirectoryCounts, type DirectoryCounts } from './counts';
import {
  createDirectory,
  deleteDirectory,
  requireDirectory,
  updateDirectoryCredentials,
  type CredentialsResult,
  type Directory,
} from './directories';
import { assertDirectoryTypeEnabled } from './integrations';
import { requireOrganization } from './organizations';
import { completePortalLink, type PortalLink } from './portal';
import { CEZANNE_HR_TYPE } from './providers/cezanne-hr';

/**
 * What the Admin Portal does for one link: the organization comes from the link, never from the request, so a link
 * cannot reach another organization's directory. The portal manages the organization's (oldest) directory.
 */
export async function portalDirectory(db: Executor, link: PortalLink): Promise<Directory | null> {
  const [row] = await db
    .select({ id: directories.id })
    .from(directories)
    .where(
      and(
        eq(directories.tenantId, link.tenantId),
        eq(directories.organizationId, link.organizationId),
        ne(directories.state, 'deleting'),
      ),
    )
    .orderBy(asc(directories.createdAt), asc(directories.id))
    .limit(1);
  return row ? requireDirectory(db, link.tenantId, row.id) : null;
}

export type PortalStatus = { directory: Directory | null; counts: DirectoryCounts | null };

export async function portalStatus(db: Executor, link: PortalLink): Promise<PortalStatus> {
  const directory = await portalDirectory(db, link);
  return { directory, counts: directory ? await storedDirectoryCounts(db, link.tenantId, directory.id) : null };
}

async function createPortalDirectory(db: Executor, link: PortalLink): Promise<Directory> {
  await assertDirectoryTypeEnabled(db, link.tenantId, CEZANNE_HR_TYPE);
  const organization = await requireOrganization(db, link.tenantId, link.organizationId);
  return createDirectory(db, link.tenantId, {
    organizationId: link.organizationId,
    name: `${organization.name} Cezanne HR`.slice(0, 200),
    type: CEZANNE_HR_TYPE,
  });
}

export type PortalConnectResult = CredentialsResult & { directoryId: string; created: boolean; completed: boolean };

/**
 * Creates the Cezanne HR directory if the organization has none, then "Update Directory" with the credentials
 * (checked at once against the HR API). When the directory is Linked, setup is complete: the link is marked used.
 */
export async function connectPortalDirectory(
  deps: SyncDeps,
  link: PortalLink,
  credentials: { clientId: string; clientSecret: string },
): Promise<PortalConnectResult> {
  const { db, clock } = resolveDeps(deps);
  const existing = await portalDirectory(db, link);
  const directory = existing ?? (await createPortalDirectory(db, link));
  const result = await updateDirectoryCredentials(deps, link.tenantId, directory.id, credentials);
  const completed = result.state === 'linked' && (await completePortalLink(db, link.tenantId, link.id, clock()));
  return { ...result, directoryId: directory.id, created: !existing, completed };
}

/** "Reset the directory": deletes it (users, groups; `dsync.deleted`) and creates a fresh, unlinked one. */
export async function resetPortalDirectory(
  deps: SyncDeps,
  link: PortalLink,
): Promise<{ deletedId: string | null; directoryId: string }> {
  const { db } = resolveDeps(deps);
  const existing = await portalDirectory(db, link);
  if (existing) await deleteDirectory(deps, link.tenantId, existing.id);
  const fresh = await createPortalDirectory(db, link);
  return { deletedId: existing?.id ?? null, directoryId: fresh.id };
}
