import { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { emailAddress, isIsoDate, PERSON_MAX, personCode } from './schemas';

/** The person fields a CSV column can be mapped to, with the header names recognised automatically. */
export const IMPORT_FIELDS = [
  {
    key: 'personCode',
    label: 'Person code',
    required: true,
    aliases: ['person code', 'personid', 'person id', 'code', 'employee code', 'employee number', 'employee no'],
  },
  {
    key: 'givenName',
    label: 'Given name',
    required: true,
    aliases: ['given name', 'givenname', 'first name', 'firstname', 'forename'],
  },
  {
    key: 'familyName',
    label: 'Family name',
    required: true,
    aliases: ['family name', 'familyname', 'last name', 'lastname', 'surname'],
  },
  {
    key: 'preferredGivenName',
    label: 'Preferred given name',
    required: false,
    aliases: ['preferred given name', 'preferredgivenname', 'preferred name', 'known as'],
  },
  {
    key: 'internalEmail',
    label: 'Internal email',
    required: false,
    aliases: ['internal email', 'work email', 'email', 'business email', 'company email'],
  },
  {
    key: 'externalEmail',
    label: 'External email',
    required: false,
    aliases: ['external email', 'personal email', 'private email', 'home email'],
  },
  {
    key: 'department',
    label: 'Department',
    required: false,
    aliases: ['department', 'department name', 'department code', 'dept', 'org unit', 'orgunit'],
  },
  { key: 'jobTitle', label: 'Job title', required: false, aliases: ['job title', 'title', 'position', 'role title'] },
  {
    key: 'activeEmployee',
    label: 'Active employee',
    required: false,
    aliases: ['active employee', 'activeemployee', 'active', 'status'],
  },
  {
    key: 'employmentId',
    label: 'Employment ID',
    required: false,
    aliases: ['employment id', 'employmentid', 'employment', 'employment number'],
  },
  {
    key: 'startDate',
    label: 'Start date',
    required: false,
    aliases: ['start date', 'effective from', 'effectivefrom', 'hire date', 'start'],
  },
  {
    key: 'endDate',
    label: 'End date',
    required: false,
    aliases: ['end date', 'effective to', 'effectiveto', 'termination date', 'leaving date', 'end'],
  },
  {
    key: 'primaryEmployment',
    label: 'Primary employment',
    required: false,
    aliases: ['primary employment', 'primaryemployment', 'primary'],
  },
] as const;

export type ImportFieldKey = (typeof IMPORT_FIELDS)[number]['key'];
/** Field → CSV header name (null: not imported). */
export type ColumnMapping = Partial<Record<ImportFieldKey, string | null>>;

export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;
export const BATCH_SIZE = 1000;

const normalise = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Picks a column for each field whose header matches one of its names. */
export function suggestMapping(headers: string[]): ColumnMapping {
  const byNormal = new Map(headers.map((h) => [normalise(h), h]));
  const used = new Set<string>();
  const mapping: ColumnMapping = {};
  for (const field of IMPORT_FIELDS) {
    const match = [field.label, ...field.aliases]
      .map(normalise)
      .map((n) => byNormal.get(n))
      .find((h) => h && !used.has(h));
    mapping[field.key] = match ?? null;
    if (match) used.add(match);
  }
  return mapping;
}

/** Problems with a mapping before any row is read: required fields and columns that do not exist. */
export function mappingErrors(mapping: ColumnMapping, headers: string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (const field of IMPORT_FIELDS) {
    const column = mapping[field.key];
    if (!column) {
      if (field.required) errors[field.key] = `Choose the column that holds the ${field.label.toLowerCase()}.`;
      continue;
    }
    if (!headers.includes(column)) errors[field.key] = `The file has no column "${column}".`;
    else if (seen.has(column)) errors[field.key] = `"${column}" is already mapped to ${seen.get(column)}.`;
    else seen.set(column, field.label);
  }
  if (mapping.startDate && !mapping.employmentId)
    errors.employmentId = 'Map the employment ID too, or leave the dates unmapped.';
  if (mapping.employmentId && !mapping.startDate) errors.startDate = 'Choose the column that holds the start date.';
  return errors;
}

/** Comma, semicolon (spreadsheets in many European locales) or tab: whichever the header line uses most. */
export function detectDelimiter(content: string): string {
  const end = content.search(/\r?\n/);
  const firstLine = content.slice(0, end === -1 ? 2000 : Math.min(end, 2000));
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ',';
}

export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

function describeCsvError(error: unknown): string {
  const e = error as { code?: string; lines?: number; message?: string };
  const where = e.lines ? `Line ${e.lines}: ` : '';
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return `${where}a quoted value is never closed (a " is missing).`;
  if (e.code === 'CSV_INVALID_CLOSING_QUOTE')
    return `${where}a quote is followed by unexpected text; put quoted values in "double quotes" entirely.`;
  return `${where}the file is not valid CSV (${e.message ?? 'unreadable'}).`;
}

/** The header and the first rows, for the preview (reads only the start of the file). */
export function readHeaderAndSample(
  content: string,
  sampleRows = 5,
): { headers: string[]; sample: string[][]; delimiter: string } {
  const delimiter = detectDelimiter(content);
  const options = { bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true } as const;
  let records: string[][];
  try {
    records = parseSync(content.slice(0, 64 * 1024), { ...options, to: sampleRows + 1 });
  } catch {
    // A broken row in the sample is reported by the validation, with its line; here only the header must parse.
    const end = content.search(/\r?\n/);
    try {
      records = parseSync(end === -1 ? content : content.slice(0, end), options);
    } catch (error) {
      throw new CsvFormatError(describeCsvError(error));
    }
  }
  const headers = records[0] ?? [];
  if (headers.length === 0 || headers.every((h) => !h))
    throw new CsvFormatError('The file is empty: the first line must name the columns.');
  const blank = headers.findIndex((h) => !h);
  if (blank !== -1) throw new CsvFormatError(`Line 1: column ${blank + 1} has no name.`);
  const duplicate = headers.find((h, i) => headers.findIndex((o) => o.toLowerCase() === h.toLowerCase()) !== i);
  if (duplicate) throw new CsvFormatError(`Line 1: the column "${duplicate}" appears twice.`);
  return { headers, sample: records.slice(1, sampleRows + 1), delimiter };
}

export type RawRow = {
  line: number;
  values: Partial<Record<ImportFieldKey, string>>;
  /** Set when the line has more or fewer values than the header. */
  widthError?: string;
};

function* slices(content: string, size = 64 * 1024) {
  for (let i = 0; i < content.length; i += size) yield content.slice(i, i + size);
}

/**
 * Streams the data rows of a CSV in batches, already mapped to fields (an unmapped field is absent). Feeding the
 * parser in 64 KB slices keeps memory bounded, and each batch yields to the event loop so other requests run.
 */
export async function* readBatches(
  content: string,
  mapping: ColumnMapping,
  batchSize = BATCH_SIZE,
): AsyncGenerator<RawRow[]> {
  const delimiter = detectDelimiter(content);
  const parser = Readable.from(slices(content)).pipe(
    parse({ bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }),
  );
  let columns: Map<ImportFieldKey, number> | null = null;
  let width = 0;
  let batch: RawRow[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        width = record.length;
        columns = new Map();
        for (const field of IMPORT_FIELDS) {
          const column = mapping[field.key];
          if (column) columns.set(field.key, record.indexOf(column));
        }
        continue;
      }
      if (record.every((v) => v === '')) continue;
      const values: RawRow['values'] = {};
      for (const [key, index] of columns) values[key] = index >= 0 ? (record[index] ?? '') : '';
      const row: RawRow = { line: info.lines, values };
      if (record.length !== width) row.widthError = `expected ${width} values, found ${record.length}`;
      batch.push(row);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
        await yieldToEventLoop();
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('CSV_')) throw new CsvFormatError(describeCsvError(error));
    throw error;
  }
  if (batch.length) yield batch;
}

// ---------------------------------------------------------------------------------------------------------------
// One row → clean values, or the reasons it cannot be imported.

export type CleanRow = {
  line: number;
  personCode: string;
  givenName: string;
  familyName: string;
  /** `undefined` = column not mapped (an update keeps the stored value); `null` = empty cell. */
  preferredGivenName?: string | null;
  internalEmail?: string | null;
  externalEmail?: string | null;
  department?: string | null;
  jobTitle?: string | null;
  activeEmployee?: boolean;
  employment: { employmentId: string; startDate: string; endDate: string | null; isPrimary: boolean } | null;
};

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', 'active']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', 'inactive', 'leaver']);
/** The form's email rule; a problem reads `<label> "<value>" <message>`. */
const emailCheck = emailAddress({
  invalid: 'is not a valid email address',
  tooLong: `is longer than ${PERSON_MAX.email} characters`,
});
const personCodeCheck = personCode({
  required: 'person code is empty',
  tooLong: `person code is longer than ${PERSON_MAX.personCode} characters`,
  hasSpaces: 'person code contains a space',
});

function yesNo(value: string | undefined, label: string, problems: string[]): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  const word = value.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  problems.push(`${label} must be yes or no (found "${value}")`);
  return undefined;
}

function text(value: string | undefined, label: string, max: number, problems: string[]): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === '') return null;
  if (value.length > max) problems.push(`${label} is longer than ${max} characters`);
  return value;
}

function email(value: string | undefined, label: string, problems: string[]): string | null | undefined {
  if (value === undefined) return undefined;
  const checked = emailCheck.safeParse(value);
  if (checked.success) return checked.data;
  problems.push(`${label} "${value}" ${checked.error.issues[0].message}`);
  return null;
}

function date(value: string | undefined, label: string, problems: string[]): string | null {
  if (!value) return null;
  if (!isIsoDate(value)) problems.push(`${label} "${value}" is not a date as YYYY-MM-DD`);
  return value;
}

/** Checks one row on its own (no database); returns the clean row or the reasons. */
export function checkRow(raw: RawRow): { row: CleanRow | null; problems: string[] } {
  const v = raw.values;
  const problems: string[] = [];
  if (raw.widthError) problems.push(`the line has the wrong number of values (${raw.widthError})`);
  const code = v.personCode ?? '';
  const codeCheck = personCodeCheck.safeParse(code);
  if (!codeCheck.success) problems.push(codeCheck.error.issues[0].message);
  if (!v.givenName) problems.push('given name is empty');
  if (!v.familyName) problems.push('family name is empty');
  const row: CleanRow = {
    line: raw.line,
    personCode: code,
    givenName: text(v.givenName, 'Given name', PERSON_MAX.name, problems) ?? '',
    familyName: text(v.familyName, 'Family name', PERSON_MAX.name, problems) ?? '',
    preferredGivenName: text(v.preferredGivenName, 'Preferred given name', PERSON_MAX.name, problems),
    internalEmail: email(v.internalEmail, 'Internal email', problems),
    externalEmail: email(v.externalEmail, 'External email', problems),
    department: text(v.department, 'Department', 120, problems),
    jobTitle: text(v.jobTitle, 'Job title', PERSON_MAX.jobTitle, problems),
    activeEmployee: yesNo(v.activeEmployee, 'Active employee', problems),
    employment: null,
  };
  const employmentId = v.employmentId ?? '';
  const startDate = date(v.startDate, 'Start date', problems);
  const endDate = date(v.endDate, 'End date', problems);
  const isPrimary = yesNo(v.primaryEmployment, 'Primary employment', problems) ?? true;
  if (employmentId) {
    if (employmentId.length > PERSON_MAX.employmentId)
      problems.push(`employment ID is longer than ${PERSON_MAX.employmentId} characters`);
    if (!v.startDate) problems.push('start date is empty (an employment needs one)');
    if (startDate && endDate && endDate < startDate && isIsoDate(startDate) && isIsoDate(endDate)) {
      problems.push(`end date ${endDate} is before start date ${startDate}`);
    }
    row.employment = { employmentId, startDate: startDate ?? '', endDate, isPrimary };
  } else if (v.startDate || v.endDate) {
    problems.push('employment ID is empty but the row has employment dates');
  }
  return { row: problems.length ? null : row, problems };
}
