import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { departments, people, userAccounts } from '@/db/schema';
import { notFound, ScimError } from './errors';
import { groupFilterSql } from './filter';
import type { GroupMember, GroupView } from './mappers';
import type { ListQuery } from './query';
import { isUuid } from '@/lib/ids';
import { isoUtc, type ScimContext } from './users';

/** Departments as the group filter's SQL names them (`d`). */
const d = alias(departments, 'd');
const GROUP_COLUMNS = { id: d.id, name: d.name, createdAt: isoUtc(d.createdAt), updatedAt: isoUtc(d.updatedAt) };

/** Groups are the tenant's departments; their members are the user accounts of the department's people. */
export async function listGroups(ctx: ScimContext, query: ListQuery): Promise<{ groups: GroupView[]; total: number }> {
  const where: SQL = and(eq(d.tenantId, ctx.tenantId), query.filter ? groupFilterSql(query.filter) : undefined)!;
  const countTotal = async () => (await ctx.db.select({ total: count() }).from(d).where(where))[0].total;
  if (query.count === 0) return { groups: [], total: await countTotal() };
  const groups = await ctx.db
    .select(GROUP_COLUMNS)
    .from(d)
    .where(where)
    .orderBy(asc(d.createdAt), asc(d.id))
    .limit(query.count)
    .offset(query.startIndex - 1);
  const pageShowsTotal = groups.length < query.count && (groups.length > 0 || query.startIndex === 1);
  return { groups, total: pageShowsTotal ? query.startIndex - 1 + groups.length : await countTotal() };
}

export async function getGroup(ctx: ScimContext, id: string): Promise<GroupView> {
  const [group] = isUuid(id)
    ? await ctx.db
        .select(GROUP_COLUMNS)
        .from(d)
        .where(and(eq(d.tenantId, ctx.tenantId), eq(d.id, id)))
    : [];
  if (!group) throw notFound(`Group ${id} not found.`);
  return group;
}

/** Members of several departments in one query (no per-group round trips). */
export async function membersOf(ctx: ScimContext, groupIds: string[]): Promise<Map<string, GroupMember[]>> {
  const byGroup = new Map<string, GroupMember[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return byGroup;
  const members = await ctx.db
    .select({ groupId: people.departmentId, id: userAccounts.id, userName: userAccounts.userName })
    .from(people)
    .innerJoin(userAccounts, eq(userAccounts.personId, people.id))
    .where(and(eq(people.tenantId, ctx.tenantId), inArray(people.departmentId, groupIds)))
    .orderBy(asc(userAccounts.createdAt), asc(userAccounts.id));
  for (const m of members) if (m.groupId) byGroup.get(m.groupId)?.push({ id: m.id, userName: m.userName });
  return byGroup;
}

/**
 * Group writes: departments and their members are managed in HR, not by the identity provider. A 405 with
 * `Allow: GET` (what /Groups and /Groups/{id} offer), so a client learns from the status and the header alike.
 */
export function groupsAreReadOnly(): never {
  const error = new ScimError(
    405,
    'Group provisioning is not supported: groups are Roster departments, and departments and their members are managed in HR (Administration › Departments and People). In Okta, leave Push Groups off.',
  );
  error.allow = 'GET';
  throw error;
}
