import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { startsWithPattern } from '@/lib/like';
import { departments, people } from '@/db/schema';
import type { Executor } from '@/db/client';
import { FormError, NotFoundError, uniqueViolation } from '@/lib/errors';
import type { DepartmentInput } from './schemas';

export type Department = typeof departments.$inferSelect;

const NAME_TAKEN = 'Another department already has this name.';
const CODE_TAKEN = 'Another department already has this code.';

/** A code derived from the name ("Human Resources" → "HUMAN-RESOURCES") when HR leaves the code empty. */
export function codeFromName(name: string): string {
  const code = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return code || 'DEPT';
}

/** `base`, or `base-2`, `base-3`... : the first department code not yet used in the tenant (case-insensitive). */
export async function freeCode(db: Executor, tenantId: string, base: string): Promise<string> {
  const taken = await db
    .select({ code: departments.code })
    .from(departments)
    .where(
      and(
        eq(departments.tenantId, tenantId),
        sql`lower(${departments.code}) like ${startsWithPattern(base.toLowerCase())}`,
      ),
    );
  const used = new Set(taken.map((t) => t.code.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`.toLowerCase())) return `${base}-${n}`;
}

/** Every department with its number of people, by name. */
export async function listDepartments(db: Executor, tenantId: string) {
  return db
    .select({
      id: departments.id,
      code: departments.code,
      name: departments.name,
      updatedAt: departments.updatedAt,
      peopleCount: sql<number>`(select count(*)::int from people p where p.department_id = "departments"."id")`,
    })
    .from(departments)
    .where(eq(departments.tenantId, tenantId))
    .orderBy(asc(sql`lower(${departments.name})`));
}

/** Options for the person form's Department select. */
export async function departmentOptions(db: Executor, tenantId: string) {
  return db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.tenantId, tenantId))
    .orderBy(asc(sql`lower(${departments.name})`));
}

async function conflicts(db: Executor, tenantId: string, name: string, code: string, exceptId: string | null) {
  const rows = await db
    .select({ name: departments.name, code: departments.code })
    .from(departments)
    .where(
      and(
        eq(departments.tenantId, tenantId),
        sql`(lower(${departments.name}) = ${name.toLowerCase()} or lower(${departments.code}) = ${code.toLowerCase()})`,
        exceptId ? ne(departments.id, exceptId) : undefined,
      ),
    );
  const errors: Record<string, string> = {};
  for (const row of rows) {
    if (row.name.toLowerCase() === name.toLowerCase()) errors.name = NAME_TAKEN;
    if (row.code.toLowerCase() === code.toLowerCase()) errors.code = CODE_TAKEN;
  }
  return errors;
}

function rethrowDepartmentViolation(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (constraint === 'departments_tenant_name_uq')
    throw new FormError('Check the highlighted fields.', { name: NAME_TAKEN });
  if (constraint === 'departments_tenant_code_uq')
    throw new FormError('Check the highlighted fields.', { code: CODE_TAKEN });
  throw error;
}

/** Creates a department, or renames one when `departmentId` is given. */
export async function saveDepartment(db: Executor, tenantId: string, input: DepartmentInput) {
  const existing = input.departmentId ? await getDepartment(db, tenantId, input.departmentId) : null;
  const code = input.code ?? existing?.code ?? (await freeCode(db, tenantId, codeFromName(input.name)));
  const errors = await conflicts(db, tenantId, input.name, code, existing?.id ?? null);
  if (Object.keys(errors).length) throw new FormError('Check the highlighted fields.', errors);
  try {
    if (existing) {
      const [department] = await db
        .update(departments)
        .set({ name: input.name, code, updatedAt: sql`now()` })
        .where(and(eq(departments.id, existing.id), eq(departments.tenantId, tenantId)))
        .returning();
      return { department, previous: existing };
    }
    const [department] = await db.insert(departments).values({ tenantId, name: input.name, code }).returning();
    return { department, previous: null };
  } catch (error) {
    rethrowDepartmentViolation(error);
  }
}

/** A department as a person write names it: by id (the person form's select) or by code (the HR API). */
export type DepartmentRef = { id: string } | { code: string } | null;

/** The id of the department a person write names, looked up in the tenant; a field message when there is none. */
export async function resolveDepartmentId(db: Executor, tenantId: string, ref: DepartmentRef): Promise<string | null> {
  if (!ref) return null;
  const [row] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(
      and(
        eq(departments.tenantId, tenantId),
        'id' in ref ? eq(departments.id, ref.id) : sql`lower(${departments.code}) = lower(${ref.code})`,
      ),
    )
    .limit(1);
  if (row) return row.id;
  throw new FormError(
    'Check the highlighted fields.',
    'id' in ref
      ? { departmentId: 'Choose a department.' }
      : { departmentCode: `No department has the code "${ref.code}".` },
  );
}

export async function getDepartment(db: Executor, tenantId: string, id: string): Promise<Department> {
  const [row] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.id, id), eq(departments.tenantId, tenantId)));
  if (!row) throw new NotFoundError('This department does not exist.');
  return row;
}

/** Deletes a department; its people keep their records and have no department afterwards. */
export async function deleteDepartment(db: Executor, tenantId: string, id: string) {
  const department = await getDepartment(db, tenantId, id);
  const moved = await db
    .update(people)
    .set({ departmentId: null, updatedAt: sql`now()` })
    .where(and(eq(people.departmentId, department.id), eq(people.tenantId, tenantId)))
    .returning({ id: people.id });
  await db.delete(departments).where(eq(departments.id, department.id));
  return { department, peopleMoved: moved.length };
}
