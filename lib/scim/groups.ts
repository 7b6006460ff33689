import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { notFound, ScimError } from './errors';
import { groupFilterSql } from './filter';
import type { GroupMember, GroupView } from './mappers';
import type { ListQuery } from './query';
import { isUuid } from '@/lib/ids';
import type { ScimContext } from './users';

const GROUP_COLUMNS = sql.raw(`d.id, d.name, d.created_at as "createdAt", d.updated_at as "updatedAt"`);

async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}

/** Groups are the tenant's departments; their members are the user accounts of the department's people. */
export async function listGroups(ctx: ScimContext, query: ListQuery): Promise<{ groups: GroupView[]; total: number }> {
  const where = sql`d.tenant_id = ${ctx.tenantId}${query.filter ? sql` and ${groupFilterSql(query.filter)}` : sql``}`;
  const countTotal = async () =>
    (await rows<{ total: number }>(ctx.db, sql`select count(*)::int as total from departments d where ${where}`))[0].total;
  if (query.count === 0) return { groups: [], total: await countTotal() };
  const groups = await rows<GroupView>(
    ctx.db,
    sql`select ${GROUP_COLUMNS} from departments d where ${where} order by d.created_at, d.id limit ${query.count} offset ${query.startIndex - 1}`,
  );
  const pageShowsTotal = groups.length < query.count && (groups.length > 0 || query.startIndex === 1);
  return { groups, total: pageShowsTotal ? query.startIndex - 1 + groups.length : await countTotal() };
}

export async function getGroup(ctx: ScimContext, id: string): Promise<GroupView> {
  const [group] = isUuid(id)
    ? await rows<GroupView>(ctx.db, sql`select ${GROUP_COLUMNS} from departments d where d.tenant_id = ${ctx.tenantId} and d.id = ${id}::uuid`)
    : [];
  if (!group) throw notFound(`Group ${id} not found.`);
  return group;
}

/** Members of several departments in one query (no per-group round trips). */
export async function membersOf(ctx: ScimContext, groupIds: string[]): Promise<Map<string, GroupMember[]>> {
  const byGroup = new Map<string, GroupMember[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return byGroup;
  const members = await rows<{ groupId: string; id: string; userName: string }>(
    ctx.db,
    sql`select p.department_id as "groupId", ua.id, ua.user_name as "userName"
        from people p join user_accounts ua on ua.person_id = p.id
        where p.tenant_id = ${ctx.tenantId} and p.department_id in (${sql.join(groupIds.map((id) => sql`${id}::uuid`), sql`, `)})
        order by ua.created_at, ua.id`,
  );
  for (const m of members) byGroup.get(m.groupId)?.push({ id: m.id, userName: m.userName });
  return byGroup;
}

/** Group writes: departments and their members are managed in HR, not by the identity provider. */
export function groupsAreReadOnly(): never {
  throw new ScimError(
    403,
    'Group provisioning is not supported: groups are Roster departments, and departments and their members are managed in HR (Administration › Departments and People).',
  );
}
