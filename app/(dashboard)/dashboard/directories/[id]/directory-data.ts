import { cache } from 'react';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/session';
import { getDirectory, getOrganization } from '@/lib/directory-sync';

/** The directory of a directory page (one query per request, shared by its layout and tab), or a 404. */
export const loadDirectoryPage = cache(async (id: string) => {
  const staff = await requirePageAccess('directorySync');
  const db = getDb();
  const directory = await getDirectory(db, staff.tenantId, id);
  if (!directory) notFound();
  const organization = await getOrganization(db, staff.tenantId, directory.organizationId);
  if (!organization) notFound();
  return { staff, db, directory, organization };
});
