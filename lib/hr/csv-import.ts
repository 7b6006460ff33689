import { and, desc, eq, inArray, isNotNull, lt, notInArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import {
  departments,
  employments,
  people,
  peopleImports,
  staffUsers,
  type PeopleImportError,
  type PeopleImportStatus,
  type PeopleImportSummary,
} from '@/db/schema';
import type { Database, Executor } from '@/db/client';
import { SYSTEM_ACTOR, writeAudit, type AuditActor } from '@/lib/audit';
import { FormError, NotFoundError, uniqueViolation } from '@/lib/errors';
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
import { deactivateLeavers, effectiveActive, todayIso } from './people';
import { logError } from '@/lib/log';

/** At most this many bad rows are kept to show; the count covers them all. */
export const MAX_ERRORS_KEPT = 500;
/** An import that creates this many people refreshes the planner's statistics before its last statements. */
const ANALYZE_AFTER_CREATING = 5_000;

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
  jobId: peopleImports.jobId,
  processedRows: peopleImports.processedRows,
  heartbeatAt: peopleImports.heartbeatAt,
  createdAt: peopleImports.createdAt,
  updatedAt: peopleImports.updatedAt,
};

// ---------------------------------------------------------------------------------------------------------------
// Cross-row and database checks

/** `value = any($1::text[])`: one array parameter for a batch's values (cheaper than 1,000 parameters). */
function anyOf(value: SQLWrapper, values: string[]): SQL {
  return sql`${value} = any(${sql.param(values)}::text[])`;
}

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
    const rows = await this.db
      .select({ id: departments.id, name: departments.name, code: departments.code })
      .from(departments)
      .where(eq(departments.tenantId, this.tenantId));
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

  private claim(
    map: Map<string, { code: string; line: number }>,
    key: string | null | undefined,
    code: string,
    line: number,
    label: string,
    problems: string[],
  ) {
    if (!key) return;
    const earlier = map.get(key);
    if (earlier && earlier.code !== code) problems.push(`${label} ${key} is also on line ${earlier.line}`);
    else if (!earlier) map.set(key, { code, line });
  }

  /** Checks one batch; returns its valid rows and the stored people they update (by person code). */
  async checkBatch(batch: RawRow[]): Promise<{ clean: CleanRow[]; existing: Map<string, ExistingPerson> }> {
    this.rows += batch.length;
    const checked = batch.map((raw) => ({ raw, ...checkRow(raw) }));
    const codes = [...new Set(checked.map((c) => c.raw.values.personCode).filter((v): v is string => Boolean(v)))];
    const internal = checked
      .map((c) => c.raw.values.internalEmail?.toLowerCase())
      .filter((v): v is string => Boolean(v));
    const external = checked
      .map((c) => c.raw.values.externalEmail?.toLowerCase())
      .filter((v): v is string => Boolean(v));
    const employmentIds = checked
      .map((c) => c.raw.values.employmentId?.toLowerCase())
      .filter((v): v is string => Boolean(v));
    const t = this.tenantId;
    const ownersBy = (key: SQL<string>, values: string[]) => async () =>
      values.length
        ? this.db
            .select({ personCode: people.personCode, key })
            .from(people)
            .where(and(eq(people.tenantId, t), anyOf(key, values)))
        : [];
    const internalKey = sql<string>`lower(${people.internalEmail})`;
    const externalKey = sql<string>`lower(${people.externalEmail})`;
    const employmentKey = sql<string>`lower(${employments.employmentId})`;
    const [existingRows, internalOwners, externalOwners, employmentOwners] = await allQueries(this.db, [
      async () =>
        codes.length
          ? this.db
              .select({ id: people.id, personCode: people.personCode, activeEmployee: people.activeEmployee })
              .from(people)
              .where(and(eq(people.tenantId, t), anyOf(people.personCode, codes)))
          : [],
      ownersBy(internalKey, internal),
      ownersBy(externalKey, external),
      async () =>
        employmentIds.length
          ? this.db
              .select({ personCode: people.personCode, key: employmentKey })
              .from(employments)
              .innerJoin(people, eq(people.id, employments.personId))
              .where(and(eq(employments.tenantId, t), anyOf(employmentKey, employmentIds)))
          : [],
    ] as const);
    const existing = new Map<string, ExistingPerson>(
      existingRows.map((r) => [r.personCode, { id: r.id, activeEmployee: r.activeEmployee }]),
    );
    const ownerOf = (rows: { personCode: string; key: string }[]) => new Map(rows.map((r) => [r.key, r.personCode]));
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
      if (ie && internalOwner.has(ie) && internalOwner.get(ie) !== code)
        problems.push(`internal email ${ie} already belongs to person ${internalOwner.get(ie)}`);
      if (ee && externalOwner.has(ee) && externalOwner.get(ee) !== code)
        problems.push(`external email ${ee} already belongs to person ${externalOwner.get(ee)}`);
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
    return {
      rows: this.rows,
      creates: this.creates,
      updates: this.updates,
      newDepartments: [...this.newDepartments.values()],
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing a clean batch

/** Optional person columns: written only when mapped, so an update keeps the stored value of the others. */
const PERSON_COLUMNS: { field: ImportFieldKey; column: string }[] = [
  { field: 'preferredGivenName', column: people.preferredGivenName.name },
  { field: 'internalEmail', column: people.internalEmail.name },
  { field: 'externalEmail', column: people.externalEmail.name },
  { field: 'department', column: people.departmentId.name },
  { field: 'jobTitle', column: people.jobTitle.name },
];

async function createMissingDepartments(db: Executor, tenantId: string, checker: ImportChecker, rows: CleanRow[]) {
  for (const row of rows) {
    if (!row.department || checker.departmentId(row.department) !== undefined) continue;
    const code = await freeCode(db, tenantId, codeFromName(row.department));
    const [created] = await db
      .insert(departments)
      .values({ tenantId, name: row.department, code })
      .returning({ id: departments.id });
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
    { column: people.personCode.name, type: 'text', values: rows.map((r) => r.personCode) },
    { column: people.givenName.name, type: 'text', values: rows.map((r) => r.givenName) },
    { column: people.familyName.name, type: 'text', values: rows.map((r) => r.familyName) },
    {
      column: people.activeEmployee.name,
      type: 'boolean',
      values: rows.map((row) => {
        const requested = row.activeEmployee ?? existing.get(row.personCode)?.activeEmployee ?? true;
        return effectiveActive(requested, row.employment?.isPrimary ? row.employment.endDate : null, today);
      }),
    },
  ];
  for (const c of PERSON_COLUMNS) {
    if (!mapping[c.field]) continue;
    const values =
      c.field === 'department'
        ? rows.map((r) => checker.departmentId(r.department) ?? null)
        : rows.map((r) => r[c.field as keyof CleanRow] ?? null);
    columns.push({ column: c.column, type: c.field === 'department' ? 'uuid' : 'text', values });
  }
  const names = columns.map((c) => c.column);
  const updated = names.filter((n) => n !== people.personCode.name);
  // Raw SQL (unnest of arrays, only the mapped columns, xmax to tell inserts from updates); the column names come from
  // the schema, and csv-import.test.ts covers the row it returns.
  const written = (
    await db.execute<{ id: string; person_code: string; inserted: boolean }>(sql`
      insert into people (tenant_id, ${sql.raw(names.join(', '))})
      select ${tenantId}::uuid, x.* from unnest(${sql.join(
        columns.map((c) => sql`${sql.param(c.values)}::${sql.raw(c.type)}[]`),
        sql`, `,
      )}) as x(${sql.raw(names.join(', '))})
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
// The import record: upload → validate (preview) → queued → importing (a job on a worker) → imported

export async function getImport(db: Executor, tenantId: string, importId: string): Promise<PeopleImport> {
  const [row] = await db
    .select(importColumns)
    .from(peopleImports)
    .where(and(eq(peopleImports.id, importId), eq(peopleImports.tenantId, tenantId)));
  if (!row) throw new NotFoundError('This import does not exist.');
  return row;
}

/** Whether the uploaded file is still kept, and its first rows for the preview. */
export async function importSample(db: Executor, importId: string): Promise<{ fileKept: boolean; sample: string[][] }> {
  const [head] = await db
    .select({ head: sql<string | null>`substring(${peopleImports.content} from 1 for 20000)` })
    .from(peopleImports)
    .where(eq(peopleImports.id, importId));
  if (!head?.head) return { fileKept: false, sample: [] };
  return { fileKept: true, sample: readHeaderAndSample(head.head).sample };
}

export async function listRecentImports(db: Executor, tenantId: string, limit = 10) {
  return db
    .select(importColumns)
    .from(peopleImports)
    .where(eq(peopleImports.tenantId, tenantId))
    .orderBy(desc(peopleImports.createdAt))
    .limit(limit);
}

/** How long an uploaded file is kept when it is not imported (an imported file is dropped at once). */
export const IMPORT_FILE_KEPT_HOURS = 24;

/** Drops the uploaded files older than `IMPORT_FILE_KEPT_HOURS` (all companies); the import records stay. */
export async function purgeImportFiles(db: Executor, keptHours = IMPORT_FILE_KEPT_HOURS): Promise<number> {
  const purged = await db
    .update(peopleImports)
    .set({ content: null })
    .where(
      and(
        isNotNull(peopleImports.content),
        lt(peopleImports.createdAt, sql`now() - make_interval(hours => ${keptHours})`),
        notInArray(peopleImports.status, ['queued', 'importing']),
      ),
    )
    .returning({ id: peopleImports.id });
  return purged.length;
}

/** Stores an uploaded CSV with its header and a suggested column mapping. Nothing is imported yet. */
export async function createImport(
  db: Executor,
  tenantId: string,
  createdById: string | null,
  file: { name: string; content: string },
) {
  const sizeBytes = Buffer.byteLength(file.content);
  if (sizeBytes === 0) throw new FormError('Check the highlighted fields.', { file: 'The file is empty.' });
  if (sizeBytes > MAX_IMPORT_BYTES)
    throw new FormError('Check the highlighted fields.', {
      file: 'The file is larger than 25 MB. Split it into smaller files.',
    });
  if (file.content.includes('\u0000'))
    throw new FormError('Check the highlighted fields.', {
      file: 'This is not a text CSV file. Export the sheet as CSV (UTF-8) and try again.',
    });
  let headers: string[];
  try {
    ({ headers } = readHeaderAndSample(file.content));
  } catch (error) {
    if (error instanceof CsvFormatError) throw new FormError('Check the highlighted fields.', { file: error.message });
    throw error;
  }
  const [record] = await db
    .insert(peopleImports)
    .values({
      tenantId,
      createdById,
      fileName: file.name.slice(0, 200) || 'people.csv',
      sizeBytes,
      content: file.content,
      headers,
      mapping: suggestMapping(headers),
    })
    .returning(importColumns);
  return record;
}

/**
 * An uploaded file: stored and audited in one short transaction, then validated at once when its columns were all
 * recognised (otherwise the page asks for the mapping first).
 */
/** What the upload did: its columns were recognised and the file checked (with its counts), or columns are to choose. */
export type UploadOutcome =
  { id: string; checked: false } | { id: string; checked: true; rowCount: number; errorCount: number };

export async function receiveUpload(
  db: Database,
  tenantId: string,
  actor: AuditActor,
  file: { name: string; content: string },
): Promise<UploadOutcome> {
  const record = await db.transaction(async (tx) => {
    const created = await createImport(tx, tenantId, actor.id, file);
    await writeAudit(tx, tenantId, actor, {
      action: 'people_import.uploaded',
      target: created.fileName,
      details: { sizeBytes: created.sizeBytes },
    });
    return created;
  });
  if (Object.keys(mappingErrors(record.mapping as ColumnMapping, record.headers)).length > 0)
    return { id: record.id, checked: false };
  const checked = await validateImport(db, tenantId, record.id);
  return { id: record.id, checked: true, rowCount: checked.rowCount, errorCount: checked.errorCount };
}

export type ValidationResult = {
  errorCount: number;
  errors: PeopleImportError[];
  summary: PeopleImportSummary;
  formatError?: string;
};

/** Reads every row (streamed, in batches) and checks it; writes nothing to people. */
export async function validateRows(
  db: Executor,
  tenantId: string,
  content: string,
  mapping: ColumnMapping,
  onBatch?: (rows: number) => void,
): Promise<ValidationResult> {
  const checker = new ImportChecker(db, tenantId);
  await checker.loadDepartments();
  try {
    for await (const batch of readBatches(content, mapping)) {
      await checker.checkBatch(batch);
      onBatch?.(checker.rows);
      if (checker.rows > MAX_IMPORT_ROWS)
        return {
          errorCount: 1,
          errors: [
            {
              line: batch.at(-1)!.line,
              personCode: null,
              message: `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows. Split it into smaller files.`,
            },
          ],
          summary: checker.summary(),
        };
    }
  } catch (error) {
    if (error instanceof CsvFormatError)
      return {
        errorCount: 1,
        errors: [{ line: 0, personCode: null, message: error.message }],
        summary: checker.summary(),
        formatError: error.message,
      };
    throw error;
  }
  if (checker.rows === 0)
    return {
      errorCount: 1,
      errors: [{ line: 2, personCode: null, message: 'The file has a header but no rows.' }],
      summary: checker.summary(),
    };
  return { errorCount: checker.errorCount, errors: checker.errors, summary: checker.summary() };
}

const FILE_GONE = `The uploaded file is no longer kept (files are kept for ${IMPORT_FILE_KEPT_HOURS} hours, or until imported). Upload it again.`;

async function loadContent(db: Executor, tenantId: string, importId: string): Promise<string> {
  const [row] = await db
    .select({ content: peopleImports.content })
    .from(peopleImports)
    .where(and(eq(peopleImports.id, importId), eq(peopleImports.tenantId, tenantId)));
  if (!row) throw new NotFoundError('This import does not exist.');
  if (row.content === null) throw new FormError(FILE_GONE);
  return row.content;
}

const RUNNING: PeopleImportStatus[] = ['queued', 'importing'];

/** Saves the column mapping and validates every row: the preview. */
export async function validateImport(db: Executor, tenantId: string, importId: string, mapping?: ColumnMapping) {
  const record = await getImport(db, tenantId, importId);
  if (RUNNING.includes(record.status)) throw new FormError('This file is being imported.');
  if (record.status === 'imported')
    throw new FormError('This file has already been imported. Upload it again to import it once more.');
  const chosen = mapping ?? (record.mapping as ColumnMapping);
  const errors = mappingErrors(chosen, record.headers);
  if (Object.keys(errors).length) {
    await db
      .update(peopleImports)
      .set({ mapping: chosen, status: 'uploaded', updatedAt: sql`now()` })
      .where(eq(peopleImports.id, importId));
    throw new FormError(
      'Choose a column for each required field.',
      Object.fromEntries(Object.entries(errors).map(([k, v]) => [`map_${k}`, v])),
    );
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

export const ANOTHER_IMPORT_RUNS = 'Another import is running. Wait for it to finish.';

/**
 * Marks a validated import (or a failed one whose file is still kept) as queued for the job `jobId`. One import per
 * company is queued or running at a time: a unique index refuses a second one, whichever process starts it.
 */
export async function markImportQueued(
  db: Executor,
  tenantId: string,
  importId: string,
  jobId: string,
): Promise<PeopleImport> {
  const record = await getImport(db, tenantId, importId);
  if (record.status === 'failed') await loadContent(db, tenantId, importId);
  else if (record.status !== 'valid') {
    throw new FormError(
      record.status === 'invalid'
        ? 'Fix the rows with errors first: nothing is imported until every row is valid.'
        : RUNNING.includes(record.status) || record.status === 'imported'
          ? 'This import has already started.'
          : 'Validate the file before importing it.',
    );
  }
  const [running] = await db
    .select({ id: peopleImports.id })
    .from(peopleImports)
    .where(and(eq(peopleImports.tenantId, tenantId), inArray(peopleImports.status, RUNNING)))
    .limit(1);
  if (running) throw new FormError(ANOTHER_IMPORT_RUNS);
  try {
    const [updated] = await db
      .update(peopleImports)
      .set({
        status: 'queued',
        jobId,
        processedRows: 0,
        heartbeatAt: null,
        startedAt: null,
        finishedAt: null,
        failure: null,
        updatedAt: sql`now()`,
      })
      .where(and(eq(peopleImports.id, importId), inArray(peopleImports.status, ['valid', 'failed'])))
      .returning(importColumns);
    if (!updated) throw new FormError('This import has already started.');
    return updated;
  } catch (error) {
    if (uniqueViolation(error) === 'people_imports_one_running_uq') throw new FormError(ANOTHER_IMPORT_RUNS);
    throw error;
  }
}

/** How often a running import says it is alive, and after how long without a word it is taken for dead. */
export const HEARTBEAT_SECONDS = 4;
export const STALE_AFTER_SECONDS = 20;

/**
 * Progress and heartbeat of a running import, written on the pool (beside the import's transaction, so another
 * process sees them). Never awaited inside the transaction: at most one write is in flight and only the latest
 * figure is written. On the embedded database the writes wait until the transaction ends, and then do nothing.
 */
function startProgress(db: Database, importId: string, jobId: string) {
  let rows = 0;
  let writing: Promise<void> | null = null;
  let again = false;
  const write = async () => {
    await db
      .update(peopleImports)
      .set({ processedRows: rows, heartbeatAt: sql`now()` })
      .where(and(eq(peopleImports.id, importId), eq(peopleImports.jobId, jobId), eq(peopleImports.status, 'importing')))
      .catch((error) =>
        console.error('[roster] import progress not saved:', error instanceof Error ? error.message : error),
      );
  };
  const kick = () => {
    if (writing) {
      again = true;
      return;
    }
    writing = write().finally(() => {
      writing = null;
      if (again) {
        again = false;
        kick();
      }
    });
  };
  const timer = setInterval(kick, HEARTBEAT_SECONDS * 1000);
  return {
    report(done: number) {
      rows = done;
      kick();
    },
    async stop() {
      clearInterval(timer);
      again = false;
      await writing;
    },
  };
}

class RowsNoLongerValid extends Error {}
/** The worker is stopping: the import rolls back and its job is retried. */
export class ImportStopped extends Error {
  constructor() {
    super('The worker stopped during the import; it will be retried.');
  }
}
/** The import was declared dead (its worker stopped answering) while this run went on: this run must not commit. */
class ImportSuperseded extends Error {}

export type RunImportOptions = { jobId: string; signal?: AbortSignal; today?: string };
export type ImportOutcome = { created: number; updated: number; leavers: number } | null;

/** Claims the queued import for this job run: `importing`, from row 0. A retry of the same job may claim it again. */
async function claimImport(db: Executor, tenantId: string, importId: string, jobId: string) {
  const [claimed] = await db
    .update(peopleImports)
    .set({
      status: 'importing',
      processedRows: 0,
      heartbeatAt: sql`now()`,
      startedAt: sql`now()`,
      failure: null,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(peopleImports.id, importId),
        eq(peopleImports.tenantId, tenantId),
        eq(peopleImports.jobId, jobId),
        inArray(peopleImports.status, RUNNING),
      ),
    )
    .returning(importColumns);
  return claimed;
}

async function endImport(
  db: Executor,
  importId: string,
  jobId: string,
  changes: PgUpdateSetSource<typeof peopleImports>,
) {
  await db
    .update(peopleImports)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(peopleImports.id, importId), eq(peopleImports.jobId, jobId), eq(peopleImports.status, 'importing')));
}

/**
 * Runs a queued import (the `hr.import-people` job) in ONE transaction: every row is checked again (the data may
 * have changed since the preview) and written in batches; any bad row rolls the whole import back. Progress goes
 * beside the transaction (see `startProgress`); nothing inside the transaction waits for another connection.
 * Records the outcome on the import. Returns null when nothing was imported.
 */
export async function runImport(
  db: Database,
  tenantId: string,
  importId: string,
  actorId: string | null,
  { jobId, signal, today = todayIso() }: RunImportOptions,
): Promise<ImportOutcome> {
  const record = await claimImport(db, tenantId, importId, jobId);
  if (!record) return null; // settled meanwhile (failed, or started again by another job)
  const mapping = record.mapping as ColumnMapping;
  const progress = startProgress(db, importId, jobId);
  let checker: ImportChecker | null = null;
  try {
    const content = await loadContent(db, tenantId, importId);
    const actor = await auditActor(db, actorId);
    return await db.transaction(async (tx) => {
      checker = new ImportChecker(tx, tenantId);
      await checker.loadDepartments();
      let created = 0;
      let updated = 0;
      for await (const batch of readBatches(content, mapping)) {
        if (signal?.aborted) throw new ImportStopped();
        const { clean, existing } = await checker.checkBatch(batch);
        if (checker.errorCount === 0) {
          const written = await writeBatch(tx, tenantId, mapping, checker, clean, existing, today);
          created += written.created;
          updated += written.updated;
        }
        progress.report(checker.rows);
      }
      if (checker.errorCount > 0) throw new RowsNoLongerValid();
      // A large import into a young database leaves the planner's statistics describing near-empty tables (nothing
      // analyses rows this transaction has not committed yet), and the leaver update below then picked a nested loop
      // over every pair of people and employments: minutes for 50,000 rows. ANALYZE here sees this transaction's rows.
      if (created >= ANALYZE_AFTER_CREATING) await tx.execute(sql`analyze ${people}, ${employments}`);
      const leavers = (await deactivateLeavers(tx, { tenantId, today })).length;
      const [done] = await tx
        .update(peopleImports)
        .set({
          status: 'imported',
          content: null,
          processedRows: checker.rows,
          createdCount: created,
          updatedCount: updated,
          finishedAt: sql`now()`,
          summary: checker.summary(),
          updatedAt: sql`now()`,
        })
        .where(
          and(eq(peopleImports.id, importId), eq(peopleImports.jobId, jobId), eq(peopleImports.status, 'importing')),
        )
        .returning({ id: peopleImports.id });
      if (!done) throw new ImportSuperseded();
      await writeAudit(tx, tenantId, actor, {
        action: 'people.imported',
        target: record.fileName,
        details: {
          rows: checker.rows,
          created,
          updated,
          unchanged: checker.rows - created - updated,
          newDepartments: checker.summary().newDepartments.length,
          leavers,
        },
      });
      return { created, updated, leavers };
    });
  } catch (error) {
    await progress.stop();
    const c = checker as ImportChecker | null;
    if (error instanceof RowsNoLongerValid && c) {
      await endImport(db, importId, jobId, {
        status: 'invalid',
        errorCount: c.errorCount,
        errors: c.errors,
        summary: c.summary(),
        finishedAt: sql`now()`,
      });
    } else if (error instanceof ImportStopped) {
      await endImport(db, importId, jobId, { status: 'queued', processedRows: 0 });
      throw error; // pg-boss retries the job
    } else if (!(error instanceof ImportSuperseded)) {
      logError('people import failed', error);
      const message =
        error instanceof CsvFormatError || error instanceof FormError
          ? error.message
          : 'The import failed and nothing was imported. Try again; if it fails again, check the server log.';
      await endImport(db, importId, jobId, { status: 'failed', failure: message, finishedAt: sql`now()` });
    }
    return null;
  } finally {
    await progress.stop();
  }
}

/** The audit actor of an import: the staff member who started it (looked up: job data carries no email). */
async function auditActor(db: Executor, actorId: string | null): Promise<AuditActor> {
  if (!actorId) return SYSTEM_ACTOR;
  const [staff] = await db.select({ email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.id, actorId));
  return { id: actorId, email: staff?.email ?? null };
}

export { IMPORT_FIELDS, suggestMapping };
