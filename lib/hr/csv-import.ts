import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { departments, people, peopleImports, type PeopleImportError, type PeopleImportSummary } from '@/db/schema';
import type { Database, Executor } from '@/db/client';
import { writeAudit, type AuditActor } from '@/lib/audit';
import { FormError, NotFoundError } from '@/lib/errors';
import {
  checkRow,
  type CleanRow,
  type ColumnMapping,
  CsvFormatError,
  IMPORT_FIELDS,
  type ImportFieldKey,
  mappingErrors,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  type RawRow,
  readBatches,
  readHeaderAndSample,
  suggestMapping,
} from './csv-format';
import { allQueries } from './concurrency';
import { codeFromName, freeCode } from './departments';
import { clearImportProgress, getImportProgress, setImportProgress } from './import-progress';
import { deactivateLeavers, effectiveActive, todayIso } from './people';
import { logError } from '@/lib/log';

/** At most this many bad rows are kept to show; the count covers them all. */
export const MAX_ERRORS_KEPT = 500;
/** An import marked as running but unknown to this process for this long was interrupted (a restart). */
const INTERRUPTED_AFTER_MS = 60_000;

export type PeopleImport = Omit<typeof peopleImports.$inferSelect, 'content'>;

const importColumns = {
  id: peopleImports.id,
  tenantId: peopleImports.tenantId,
  createdById: peopleImports.createdById,
  fileName: peopleImports.fileName,
  sizeBytes: peopleImports.sizeBytes,
  headers: peopleImports.headers,
  mapping: peopleImports.mapping,
  status: peopleImports.status,
  rowCount: peopleImports.rowCount,
  errorCount: peopleImports.errorCount,
  errors: peopleImports.errors,
  summary: peopleImports.summary,
  createdCount: peopleImports.createdCount,
  updatedCount: peopleImports.updatedCount,
  failure: peopleImports.failure,
  startedAt: peopleImports.startedAt,
  finishedAt: peopleImports.finishedAt,
  createdAt: peopleImports.createdAt,
  updatedAt: peopleImports.updatedAt,
};

// ---------------------------------------------------------------------------------------------------------------
// Cross-row and database checks

type ExistingPerson = { id: string; activeEmployee: boolean };

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Checks rows batch by batch, remembering what earlier batches used (codes, emails, employment IDs) so duplicates
 * inside the file are found as well as conflicts with people already stored.
 */
export class ImportChecker {
  private codes = new Map<string, number>();
  private internal = new Map<string, { code: string; line: number }>();
  private external = new Map<string, { code: string; line: number }>();
  private employmentIds = new Map<string, { code: string; line: number }>();
  private departmentsByKey = new Map<string, string>();
  readonly newDepartments = new Map<string, string>();
  rows = 0;
  creates = 0;
  updates = 0;
  errorCount = 0;
  readonly errors: PeopleImportError[] = [];

  constructor(
    private readonly db: Executor,
    private readonly tenantId: string,
  ) {}

  async loadDepartments() {
    const rows = await this.db.select({ id: departments.id, name: departments.name, code: departments.code }).from(departments).where(eq(departments.tenantId, this.tenantId));
    for (const row of rows) {
      this.departmentsByKey.set(row.code.toLowerCase(), row.id);
      this.departmentsByKey.set(row.name.toLowerCase(), row.id);
    }
  }

  departmentId(name: string | null | undefined): string | null | undefined {
    if (name === undefined || name === null) return name;
    return this.departmentsByKey.get(name.toLowerCase());
  }

  rememberDepartment(name: string, id: string) {
    this.departmentsByKey.set(name.toLowerCase(), id);
  }

  private fail(line: number, personCode: string | undefined, problems: string[]) {
    this.errorCount++;
    if (this.errors.length < MAX_ERRORS_KEPT) {
      this.errors.push({ line, personCode: personCode || null, message: capitalise(problems.join('; ')) + '.' });
    }
  }

  private claim(map: Map<string, { code: string; line: number }>, key: string | null | undefined, code: string, line: number, label: string, problems: string[]) {
    if (!key) return;
    const earlier = map.get(key);
    if (earlier && earlier.code !== code) problems.push(`${label} ${key} is also on line ${earlier.line}`);
    else if (!earlier) map.set(key, { code, line });
  }

  /** Looks up the stored rows for a batch's values (none when the batch has none). */
  private async lookup<R>(values: string[], query: (values: SQL) => SQL): Promise<R[]> {
    if (values.length === 0) return [];
    const result = await this.db.execute(query(sql`${sql.param(values)}`));
    return result.rows as R[];
  }

  /** Checks one batch; returns its valid rows and the stored people they update (by person code). */
  async checkBatch(batch: RawRow[]): Promise<{ clean: CleanRow[]; existing: Map<string, ExistingPerson> }> {
    this.rows += batch.length;
    const checked = batch.map((raw) => ({ raw, ...checkRow(raw) }));
    const codes = [...new Set(checked.map((c) => c.raw.values.personCode).filter((v): v is string => Boolean(v)))];
    const internal = checked.map((c) => c.raw.values.internalEmail?.toLowerCase()).filter((v): v is string => Boolean(v));
    const external = checked.map((c) => c.raw.values.externalEmail?.toLowerCase()).filter((v): v is string => Boolean(v));
    const employmentIds = checked.map((c) => c.raw.values.employmentId?.toLowerCase()).filter((v): v is string => Boolean(v));
    const t = this.tenantId;
    const [existingRows, internalOwners, externalOwners, employmentOwners] = await allQueries(this.db, [
      () => this.lookup<{ id: string; person_code: string; active_employee: boolean }>(codes, (v) => sql`
        select id, person_code, active_employee from people where tenant_id = ${t} and person_code = any(${v}::text[])`),
      () => this.lookup<{ person_code: string; key: string }>(internal, (v) => sql`
        select person_code, lower(internal_email) as key from people where tenant_id = ${t} and lower(internal_email) = any(${v}::text[])`),
      () => this.lookup<{ person_code: string; key: string }>(external, (v) => sql`
        select person_code, lower(external_email) as key from people where tenant_id = ${t} and lower(external_email) = any(${v}::text[])`),
      () => this.lookup<{ person_code: string; key: string }>(employmentIds, (v) => sql`
        select p.person_code, lower(e.employment_id) as key from employments e join people p on p.id = e.person_id
        where e.tenant_id = ${t} and lower(e.employment_id) = any(${v}::text[])`),
    ] as const);
    const existing = new Map<string, ExistingPerson>(existingRows.map((r) => [r.person_code, { id: r.id, activeEmployee: r.active_employee }]));
    const ownerOf = (rows: { person_code: string; key: string }[]) => new Map(rows.map((r) => [r.key, r.person_code]));
    const internalOwner = ownerOf(internalOwners);
    const externalOwner = ownerOf(externalOwners);
    const employmentOwner = ownerOf(employmentOwners);

    const clean: CleanRow[] = [];
    for (const { raw, row, problems } of checked) {
      const code = raw.values.personCode ?? '';
      const line = raw.line;
      if (code) {
        const earlier = this.codes.get(code);
        if (earlier !== undefined) problems.push(`person code ${code} is also on line ${earlier}`);
        else this.codes.set(code, line);
      }
      const ie = raw.values.internalEmail?.toLowerCase();
      const ee = raw.values.externalEmail?.toLowerCase();
      const eid = raw.values.employmentId?.toLowerCase();
      this.claim(this.internal, ie, code, line, 'internal email', problems);
      this.claim(this.external, ee, code, line, 'external email', problems);
      this.claim(this.employmentIds, eid, code, line, 'employment ID', problems);
      if (ie && internalOwner.has(ie) && internalOwner.get(ie) !== code) problems.push(`internal email ${ie} already belongs to person ${internalOwner.get(ie)}`);
      if (ee && externalOwner.has(ee) && externalOwner.get(ee) !== code) problems.push(`external email ${ee} already belongs to person ${externalOwner.get(ee)}`);
      if (eid && employmentOwner.has(eid) && employmentOwner.get(eid) !== code) {
        problems.push(`employment ID ${raw.values.employmentId} already belongs to person ${employmentOwner.get(eid)}`);
      }
      if (problems.length || !row) {
        this.fail(line, code, problems);
        continue;
      }
      if (row.department && this.departmentId(row.department) === undefined) {
        const key = row.department.toLowerCase();
        if (!this.newDepartments.has(key)) this.newDepartments.set(key, row.department);
      }
      if (existing.has(code)) this.updates++;
      else this.creates++;
      clean.push(row);
    }
    return { clean, existing };
  }

  summary(): PeopleImportSummary {
    return { rows: this.rows, creates: this.creates, updates: this.updates, newDepartments: [...this.newDepartments.values()] };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing a clean batch

/** Optional person columns: written only when mapped, so an update keeps the stored value of the others. */
const PERSON_COLUMNS: { field: ImportFieldKey; column: string }[] = [
  { field: 'preferredGivenName', column: 'preferred_given_name' },
  { field: 'internalEmail', column: 'internal_email' },
  { field: 'externalEmail', column: 'external_email' },
  { field: 'department', column: 'department_id' },
  { field: 'jobTitle', column: 'job_title' },
];

async function createMissingDepartments(db: Executor, tenantId: string, checker: ImportChecker, rows: CleanRow[]) {
  for (const row of rows) {
    if (!row.department || checker.departmentId(row.department) !== undefined) continue;
    const code = await freeCode(db, tenantId, codeFromName(row.department));
    const [created] = await db.insert(departments).values({ tenantId, name: row.department, code }).returning({ id: departments.id });
    checker.rememberDepartment(row.department, created.id);
  }
}

/** Upserts people by person code (only mapped columns change), then their employments by employment ID. */
async function writeBatch(
  db: Executor,
  tenantId: string,
  mapping: ColumnMapping,
  checker: ImportChecker,
  rows: CleanRow[],
  existing: Map<string, ExistingPerson>,
  today: string,
): Promise<{ created: number; updated: number }> {
  if (rows.length === 0) return { created: 0, updated: 0 };
  await createMissingDepartments(db, tenantId, checker, rows);
  // One array parameter per column (unnest), not one parameter per value: cheap to build for 1,000 rows.
  const columns: { column: string; type: string; values: unknown[] }[] = [
    { column: 'person_code', type: 'text', values: rows.map((r) => r.personCode) },
    { column: 'given_name', type: 'text', values: rows.map((r) => r.givenName) },
    { column: 'family_name', type: 'text', values: rows.map((r) => r.familyName) },
    {
      column: 'active_employee',
      type: 'boolean',
      values: rows.map((row) => {
        const requested = row.activeEmployee ?? existing.get(row.personCode)?.activeEmployee ?? true;
        return effectiveActive(requested, row.employment?.isPrimary ? row.employment.endDate : null, today);
      }),
    },
  ];
  for (const c of PERSON_COLUMNS) {
    if (!mapping[c.field]) continue;
    const values = c.field === 'department' ? rows.map((r) => checker.departmentId(r.department) ?? null) : rows.map((r) => r[c.field as keyof CleanRow] ?? null);
    columns.push({ column: c.column, type: c.field === 'department' ? 'uuid' : 'text', values });
  }
  const names = columns.map((c) => c.column);
  const updated = names.filter((n) => n !== 'person_code');
  const written = (
    await db.execute<{ id: string; person_code: string; inserted: boolean }>(sql`
      insert into people (tenant_id, ${sql.raw(names.join(', '))})
      select ${tenantId}::uuid, x.* from unnest(${sql.join(columns.map((c) => sql`${sql.param(c.values)}::${sql.raw(c.type)}[]`), sql`, `)}) as x(${sql.raw(names.join(', '))})
      on conflict (tenant_id, person_code) do update
        set ${sql.raw(updated.map((n) => `${n} = excluded.${n}`).join(', '))}, updated_at = now()
        where (${sql.raw(updated.map((n) => `people.${n}`).join(', '))}) is distinct from (${sql.raw(updated.map((n) => `excluded.${n}`).join(', '))})
      returning id, person_code, (xmax = 0) as inserted`)
  ).rows.map((r) => ({ id: r.id, personCode: r.person_code, inserted: r.inserted }));
  const ids = new Map([...existing].map(([code, p]) => [code, p.id]));
  for (const w of written) ids.set(w.personCode, w.id);

  const withEmployment = rows.filter((r) => r.employment);
  if (withEmployment.length) {
    const personIds = withEmployment.map((r) => ids.get(r.personCode) as string);
    const employmentIds = withEmployment.map((r) => r.employment!.employmentId);
    const primaries = withEmployment.map((r) => r.employment!.isPrimary);
    await db.execute(sql`
      update employments e set is_primary = false, updated_at = now()
      from unnest(${sql.param(personIds)}::uuid[], ${sql.param(employmentIds)}::text[], ${sql.param(primaries)}::boolean[]) as x(person_id, employment_id, is_primary)
      where e.person_id = x.person_id and x.is_primary and e.is_primary and lower(e.employment_id) <> lower(x.employment_id)`);
    await db.execute(sql`
      insert into employments (tenant_id, person_id, employment_id, start_date, end_date, is_primary)
      select ${tenantId}::uuid, x.person_id, x.employment_id, x.start_date, x.end_date, x.is_primary
      from unnest(${sql.param(personIds)}::uuid[], ${sql.param(employmentIds)}::text[],
                  ${sql.param(withEmployment.map((r) => r.employment!.startDate))}::date[],
                  ${sql.param(withEmployment.map((r) => r.employment!.endDate))}::date[],
                  ${sql.param(primaries)}::boolean[]) as x(person_id, employment_id, start_date, end_date, is_primary)
      on conflict (tenant_id, lower(employment_id)) do update
        set employment_id = excluded.employment_id, start_date = excluded.start_date, end_date = excluded.end_date,
            is_primary = excluded.is_primary, updated_at = now()
        where (employments.employment_id, employments.start_date, employments.end_date, employments.is_primary)
              is distinct from (excluded.employment_id, excluded.start_date, excluded.end_date, excluded.is_primary)`);
  }
  const created = written.filter((w) => w.inserted).length;
  return { created, updated: written.length - created };
}

// ---------------------------------------------------------------------------------------------------------------
// The import record: upload → validate (preview) → import

export async function getImport(db: Executor, tenantId: string, importId: string): Promise<PeopleImport> {
  const [row] = await db
    .select(importColumns)
    .from(peopleImports)
    .where(and(eq(peopleImports.id, importId), eq(peopleImports.tenantId, tenantId)));
  if (!row) throw new NotFoundError('This import does not exist.');
  return row;
}

/** The import as the page shows it; an import this process is not running and has not heard of for a while was interrupted. */
export async function getImportView(db: Executor, tenantId: string, importId: string) {
  let record = await getImport(db, tenantId, importId);
  const progress = getImportProgress(importId);
  if (record.status === 'importing' && !progress && record.startedAt && Date.now() - record.startedAt.getTime() > INTERRUPTED_AFTER_MS) {
    await db
      .update(peopleImports)
      .set({ status: 'valid', failure: 'The import was interrupted (the server stopped). Nothing was imported; start it again.', updatedAt: sql`now()` })
      .where(and(eq(peopleImports.id, importId), eq(peopleImports.status, 'importing')));
    record = await getImport(db, tenantId, importId);
  }
  const [head] = await db
    .select({ head: sql<string | null>`substring(${peopleImports.content} from 1 for 20000)` })
    .from(peopleImports)
    .where(eq(peopleImports.id, importId));
  const sample = head?.head ? readHeaderAndSample(head.head).sample : [];
  return { record, sample, progress: progress ?? null };
}

export async function listRecentImports(db: Executor, tenantId: string, limit = 10) {
  return db.select(importColumns).from(peopleImports).where(eq(peopleImports.tenantId, tenantId)).orderBy(desc(peopleImports.createdAt)).limit(limit);
}

/** Uploaded files that were never imported are dropped after a week (the import records stay, without the file). */
async function forgetOldFiles(db: Executor, tenantId: string) {
  await db
    .update(peopleImports)
    .set({ content: null })
    .where(and(eq(peopleImports.tenantId, tenantId), sql`${peopleImports.content} is not null`, sql`${peopleImports.createdAt} < now() - interval '7 days'`, sql`${peopleImports.status} <> 'importing'`));
}

/** Stores an uploaded CSV with its header and a suggested column mapping. Nothing is imported yet. */
export async function createImport(db: Executor, tenantId: string, createdById: string | null, file: { name: string; content: string }) {
  const sizeBytes = Buffer.byteLength(file.content);
  if (sizeBytes === 0) throw new FormError('Check the highlighted fields.', { file: 'The file is empty.' });
  if (sizeBytes > MAX_IMPORT_BYTES) throw new FormError('Check the highlighted fields.', { file: 'The file is larger than 25 MB. Split it into smaller files.' });
  if (file.content.includes('\u0000')) throw new FormError('Check the highlighted fields.', { file: 'This is not a text CSV file. Export the sheet as CSV (UTF-8) and try again.' });
  let headers: string[];
  try {
    ({ headers } = readHeaderAndSample(file.content));
  } catch (error) {
    if (error instanceof CsvFormatError) throw new FormError('Check the highlighted fields.', { file: error.message });
    throw error;
  }
  await forgetOldFiles(db, tenantId);
  const [record] = await db
    .insert(peopleImports)
    .values({ tenantId, createdById, fileName: file.name.slice(0, 200) || 'people.csv', sizeBytes, content: file.content, headers, mapping: suggestMapping(headers) })
    .returning(importColumns);
  return record;
}

export type ValidationResult = { errorCount: number; errors: PeopleImportError[]; summary: PeopleImportSummary; formatError?: string };

/** Reads every row (streamed, in batches) and checks it; writes nothing to people. */
export async function validateRows(db: Executor, tenantId: string, content: string, mapping: ColumnMapping, onBatch?: (rows: number) => void): Promise<ValidationResult> {
  const checker = new ImportChecker(db, tenantId);
  await checker.loadDepartments();
  try {
    for await (const batch of readBatches(content, mapping)) {
      await checker.checkBatch(batch);
      onBatch?.(checker.rows);
      if (checker.rows > MAX_IMPORT_ROWS) return { errorCount: 1, errors: [{ line: batch.at(-1)!.line, personCode: null, message: `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows. Split it into smaller files.` }], summary: checker.summary() };
    }
  } catch (error) {
    if (error instanceof CsvFormatError) return { errorCount: 1, errors: [{ line: 0, personCode: null, message: error.message }], summary: checker.summary(), formatError: error.message };
    throw error;
  }
  if (checker.rows === 0) return { errorCount: 1, errors: [{ line: 2, personCode: null, message: 'The file has a header but no rows.' }], summary: checker.summary() };
  return { errorCount: checker.errorCount, errors: checker.errors, summary: checker.summary() };
}

async function loadContent(db: Executor, tenantId: string, importId: string): Promise<string> {
  const [row] = await db
    .select({ content: peopleImports.content })
    .from(peopleImports)
    .where(and(eq(peopleImports.id, importId), eq(peopleImports.tenantId, tenantId)));
  if (!row) throw new NotFoundError('This import does not exist.');
  if (row.content === null) throw new FormError('The uploaded file is no longer kept (files are kept for 7 days, or until imported). Upload it again.');
  return row.content;
}

/** Saves the column mapping and validates every row: the preview. */
export async function validateImport(db: Executor, tenantId: string, importId: string, mapping?: ColumnMapping) {
  const record = await getImport(db, tenantId, importId);
  if (record.status === 'importing') throw new FormError('This file is being imported.');
  if (record.status === 'imported') throw new FormError('This file has already been imported. Upload it again to import it once more.');
  const chosen = mapping ?? (record.mapping as ColumnMapping);
  const errors = mappingErrors(chosen, record.headers);
  if (Object.keys(errors).length) {
    await db.update(peopleImports).set({ mapping: chosen, status: 'uploaded', updatedAt: sql`now()` }).where(eq(peopleImports.id, importId));
    throw new FormError('Choose a column for each required field.', Object.fromEntries(Object.entries(errors).map(([k, v]) => [`map_${k}`, v])));
  }
  const content = await loadContent(db, tenantId, importId);
  const result = await validateRows(db, tenantId, content, chosen);
  const [updated] = await db
    .update(peopleImports)
    .set({
      mapping: chosen,
      status: result.errorCount ? 'invalid' : 'valid',
      rowCount: result.summary.rows,
      errorCount: result.errorCount,
      errors: result.errors,
      summary: result.summary,
      failure: null,
      updatedAt: sql`now()`,
    })
    .where(eq(peopleImports.id, importId))
    .returning(importColumns);
  return updated;
}

/** Marks a valid import as running (one at a time per company); the caller then runs `runImport` after responding. */
export async function startImport(db: Executor, tenantId: string, importId: string) {
  const record = await getImport(db, tenantId, importId);
  if (record.status !== 'valid') {
    throw new FormError(record.status === 'invalid' ? 'Fix the rows with errors first: nothing is imported until every row is valid.' : 'Validate the file before importing it.');
  }
  const [running] = await db
    .select({ id: peopleImports.id })
    .from(peopleImports)
    .where(and(eq(peopleImports.tenantId, tenantId), eq(peopleImports.status, 'importing')))
    .limit(1);
  if (running) throw new FormError('Another import is running. Wait for it to finish.');
  const [updated] = await db
    .update(peopleImports)
    .set({ status: 'importing', startedAt: sql`now()`, failure: null, updatedAt: sql`now()` })
    .where(and(eq(peopleImports.id, importId), eq(peopleImports.status, 'valid')))
    .returning(importColumns);
  if (!updated) throw new FormError('This import has already started.');
  setImportProgress(importId, 0, record.rowCount);
  return updated;
}

class RowsNoLongerValid extends Error {}

/**
 * Imports a validated file in ONE transaction: every row is checked again (the data may have changed since the
 * preview) and written in batches; any bad row rolls the whole import back. Records the outcome on the import.
 */
export async function runImport(db: Database, tenantId: string, importId: string, actor: AuditActor, today = todayIso()) {
  const record = await getImport(db, tenantId, importId);
  const mapping = record.mapping as ColumnMapping;
  let outcome: { created: number; updated: number; leavers: number } | null = null;
  let checker: ImportChecker | null = null;
  try {
    const content = await loadContent(db, tenantId, importId);
    outcome = await db.transaction(async (tx) => {
      checker = new ImportChecker(tx, tenantId);
      await checker.loadDepartments();
      let created = 0;
      let updated = 0;
      for await (const batch of readBatches(content, mapping)) {
        const { clean, existing } = await checker.checkBatch(batch);
        if (checker.errorCount === 0) {
          const written = await writeBatch(tx, tenantId, mapping, checker, clean, existing, today);
          created += written.created;
          updated += written.updated;
        }
        setImportProgress(importId, checker.rows, record.rowCount);
      }
      if (checker.errorCount > 0) throw new RowsNoLongerValid();
      const leavers = (await deactivateLeavers(tx, { tenantId, today })).length;
      await tx
        .update(peopleImports)
        .set({ status: 'imported', content: null, createdCount: created, updatedCount: updated, finishedAt: sql`now()`, summary: checker.summary(), updatedAt: sql`now()` })
        .where(eq(peopleImports.id, importId));
      await writeAudit(tx, tenantId, actor, {
        action: 'people.imported',
        target: record.fileName,
        details: { rows: checker.rows, created, updated, unchanged: checker.rows - created - updated, newDepartments: checker.summary().newDepartments.length, leavers },
      });
      return { created, updated, leavers };
    });
  } catch (error) {
    const c = checker as ImportChecker | null;
    if (error instanceof RowsNoLongerValid && c) {
      await db
        .update(peopleImports)
        .set({ status: 'invalid', errorCount: c.errorCount, errors: c.errors, summary: c.summary(), finishedAt: sql`now()`, updatedAt: sql`now()` })
        .where(eq(peopleImports.id, importId));
    } else {
      logError('people import failed', error);
      const message = error instanceof CsvFormatError ? error.message : 'The import failed and nothing was imported. Try again; if it fails again, check the server log.';
      await db
        .update(peopleImports)
        .set({ status: 'failed', failure: message, finishedAt: sql`now()`, updatedAt: sql`now()` })
        .where(eq(peopleImports.id, importId));
    }
  } finally {
    clearImportProgress(importId);
  }
  return outcome;
}

export { IMPORT_FIELDS, suggestMapping };
