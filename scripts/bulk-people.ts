// Fast bulk seeding of people for benchmarks: multi-row INSERT ... SELECT FROM unnest(arrays), 5,000 rows a statement.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';

const BATCH = 5000;

export async function seedDepartments(db: Database, tenantId: string, count: number) {
  const codes = Array.from({ length: count }, (_, i) => `D${String(i + 1).padStart(3, '0')}`);
  await db.execute(sql`
    insert into departments (tenant_id, code, name)
    select ${tenantId}::uuid, code, 'Department ' || code from unnest(${sql.param(codes)}::text[]) as code`);
}

/**
 * `count` people with a department, one primary employment each, and a user account (with a role) for every third
 * person. Codes are `${prefix}000001`... Reports progress through `onProgress`.
 */
export async function seedBenchPeople(
  db: Database,
  tenantId: string,
  count: number,
  options: { prefix?: string; onProgress?: (done: number) => void } = {},
) {
  const prefix = options.prefix ?? 'B';
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    const codes = Array.from({ length: size }, (_, i) => `${prefix}${String(start + i + 1).padStart(6, '0')}`);
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        with depts as (
          select id, row_number() over (order by code) - 1 as n, count(*) over () as total
          from departments where tenant_id = ${tenantId}::uuid
        ),
        source as (
          select code, ordinality as n from unnest(${sql.param(codes)}::text[]) with ordinality as code
        ),
        inserted as (
          insert into people (tenant_id, person_code, given_name, family_name, preferred_given_name, internal_email,
                              external_email, job_title, department_id, active_employee)
          select ${tenantId}::uuid, s.code, 'Given' || s.code, 'Family' || s.code,
                 case when s.n % 5 = 0 then 'Pref' || s.code end,
                 lower(s.code) || '@corp.bench', lower(s.code) || '@home.bench', 'Job title ' || (s.n % 50),
                 (select d.id from depts d where d.n = s.n % greatest((select max(total) from depts), 1)),
                 s.n % 20 <> 0
          from source s
          returning id, person_code
        ),
        employed as (
          insert into employments (tenant_id, person_id, employment_id, start_date, end_date, is_primary)
          select ${tenantId}::uuid, i.id, 'E' || i.person_code, date '2015-01-01' + (abs(hashtext(i.person_code)) % 3000),
                 null, true
          from inserted i
          returning person_id
        )
        insert into user_accounts (tenant_id, person_id, user_name, role_id, active)
        select ${tenantId}::uuid, i.id, lower(i.person_code) || '@corp.bench',
               (select id from roles where tenant_id = ${tenantId}::uuid and original_name = 'Employee'), true
        from inserted i
        where abs(hashtext(i.person_code)) % 3 = 0`);
    });
    options.onProgress?.(start + size);
  }
}
