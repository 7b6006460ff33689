// Directory Sync data for API tests, written straight into the tables (the sync engine is tested on its own).
import { randomBytes } from 'node:crypto';
import { getDb } from '@/db/client';
import {
  directories,
  directoryEvents,
  directoryGroupMemberships,
  directoryGroups,
  directoryUsers,
  organizationDomains,
  organizations,
} from '@/db/schema';
import { createApiKey } from '@/lib/api-keys/keys';
import { decodeTime } from 'ulid';
import { newId } from '@/lib/directory-sync/ids';

/** A new id and the time its ULID carries, so that id order and created_at order agree as they do in the sync. */
function idAndTime(kind: Parameters<typeof newId>[0]) {
  const id = newId(kind);
  return { id, createdAt: new Date(decodeTime(id.slice(id.length - 26))) };
}

type DirectoryState = (typeof directories.$inferInsert)['state'];

export async function insertOrganization(tenantId: string, options: { name?: string; domains?: string[] } = {}) {
  const { id, createdAt } = idAndTime('organization');
  const [organization] = await getDb()
    .insert(organizations)
    .values({ id, tenantId, name: options.name ?? `Org ${id.slice(-6)}`, createdAt, updatedAt: createdAt })
    .returning();
  const domains = options.domains?.length
    ? await getDb()
        .insert(organizationDomains)
        .values(
          options.domains.map((domain) => ({
            id: newId('organizationDomain'),
            tenantId,
            organizationId: id,
            domain,
            createdAt,
          })),
        )
        .returning()
    : [];
  return { ...organization, domains };
}

export async function insertDirectory(
  tenantId: string,
  organizationId: string,
  options: { name?: string; state?: DirectoryState } = {},
) {
  const { id, createdAt } = idAndTime('directory');
  const [directory] = await getDb()
    .insert(directories)
    .values({
      id,
      tenantId,
      organizationId,
      name: options.name ?? `Directory ${id.slice(-6)}`,
      type: 'cezanne hr',
      state: options.state ?? 'linked',
      externalKey: randomBytes(9).toString('base64url'),
      baseUrl: 'http://127.0.0.1:1',
      createdAt,
      updatedAt: createdAt,
    })
    .returning();
  return directory;
}

export type UserSeed = Partial<
  Pick<typeof directoryUsers.$inferInsert, 'email' | 'firstName' | 'lastName' | 'state' | 'deletedAt' | 'jobTitle'>
>;

/** `count` users, ids in insertion order (`asc` order is insertion order). `user(i)` overrides fields of the i-th user. */
export async function insertUsers(
  tenantId: string,
  directoryId: string,
  count: number,
  user: (index: number) => UserSeed = () => ({}),
) {
  const rows = Array.from({ length: count }, (_, index) => {
    const { id, createdAt } = idAndTime('directoryUser');
    const seed = user(index);
    const email =
      seed.email === undefined ? `person${index}.${directoryId.slice(-6).toLowerCase()}@example.test` : seed.email;
    return {
      id,
      tenantId,
      directoryId,
      idpId: `P${String(index).padStart(6, '0')}`,
      email,
      firstName: seed.firstName ?? `First${index}`,
      lastName: seed.lastName ?? `Last${index}`,
      name: `${seed.firstName ?? `First${index}`} ${seed.lastName ?? `Last${index}`}`,
      username: email,
      jobTitle: seed.jobTitle ?? 'Engineer',
      state: seed.state ?? 'active',
      emails: email ? [{ primary: true, type: 'work', value: email }] : [],
      customAttributes: { department_name: 'Engineering', employee_number: `E-${index}` },
      rawAttributes: {},
      contentHash: `h${index}`,
      deletedAt: seed.deletedAt ?? null,
      createdAt,
      updatedAt: createdAt,
    };
  });
  const db = getDb();
  for (let offset = 0; offset < rows.length; offset += 1000)
    await db.insert(directoryUsers).values(rows.slice(offset, offset + 1000));
  return rows;
}

export async function insertGroup(
  tenantId: string,
  directoryId: string,
  options: { name?: string; deletedAt?: Date | null } = {},
) {
  const { id, createdAt } = idAndTime('directoryGroup');
  const [group] = await getDb()
    .insert(directoryGroups)
    .values({
      id,
      tenantId,
      directoryId,
      idpId: `dept-${id.slice(-6)}`,
      name: options.name ?? `Group ${id.slice(-6)}`,
      rawAttributes: {},
      contentHash: 'g',
      deletedAt: options.deletedAt ?? null,
      createdAt,
      updatedAt: createdAt,
    })
    .returning();
  return group;
}

export async function addMembers(tenantId: string, directoryId: string, groupId: string, userIds: string[]) {
  if (!userIds.length) return;
  await getDb()
    .insert(directoryGroupMemberships)
    .values(userIds.map((userId) => ({ tenantId, directoryId, groupId, userId })));
}

/** Outbox rows in the order given (seq is the insertion order). */
export async function insertEvents(
  tenantId: string,
  target: { organizationId: string; directoryId: string },
  events: { event: string; data?: Record<string, unknown>; createdAt?: Date }[],
) {
  const rows = events.map((entry) => {
    const made = idAndTime('event');
    const createdAt = entry.createdAt ?? made.createdAt;
    return {
      id: made.id,
      tenantId,
      organizationId: target.organizationId,
      directoryId: target.directoryId,
      event: entry.event,
      data: entry.data ?? { object: 'directory_user', id: newId('directoryUser'), directory_id: target.directoryId },
      createdAt,
    };
  });
  await getDb().insert(directoryEvents).values(rows);
  return rows;
}

/** An API key of the tenant; returns the secret (`sk_…`). */
export async function apiKeyFor(tenantId: string, name = `key ${randomBytes(3).toString('hex')}`) {
  const { apiKey, secret } = await createApiKey(getDb(), tenantId, { id: null, name: 'Test' }, { name });
  return { ...apiKey, secret };
}
