import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, departments, employments, people, peopleImports } from '@/db/schema';
import { FormError } from '@/lib/errors';
import { createStaff, createTenant } from '@/tests/support/factories';
import { insertPerson } from '@/tests/support/hr-factories';
import { checkRow, detectDelimiter, mappingErrors, readBatches, suggestMapping } from './csv-format';
import { jobHandler } from '@/lib/jobs/worker';
import { cancelJob, getJobState } from '@/lib/jobs/queue';
import {
  createImport,
  getImport,
  ImportStopped,
  purgeImportFiles,
  validateImport,
  validateRows,
  type PeopleImport,
} from './csv-import';
import { getImportView, startImport } from './import-queue';
import { importPeopleJob } from './jobs/import-people';
import { personSchema } from './schemas';

const HEADER =
  'Person code,Given name,Family name,Internal email,Department,Job title,Employment ID,Start date,End date';

function csv(...rows: string[]) {
  return [HEADER, ...rows].join('\n') + '\n';
}

async function peopleOf(tenantId: string) {
  return getDb().select().from(people).where(eq(people.tenantId, tenantId)).orderBy(people.personCode);
}

/** What a worker does with the queued job of an import (no worker runs this queue on the test database). */
function runQueuedImport(record: PeopleImport, signal?: AbortSignal) {
  const data = { tenantId: record.tenantId, importId: record.id, actorId: record.createdById };
  return jobHandler(importPeopleJob, signal)([{ id: record.jobId!, name: importPeopleJob.name, data, retryCount: 0 }]);
}

/** Upload → validate → queue → run the job, as the pages and a worker do; returns the import record. */
async function importFile(tenantId: string, content: string, actorId: string | null = null) {
  const uploaded = await createImport(getDb(), tenantId, actorId, { name: 'people.csv', content });
  const validated = await validateImport(getDb(), tenantId, uploaded.id);
  if (validated.status !== 'valid') return validated;
  await runQueuedImport(await startImport(getDb(), tenantId, uploaded.id, actorId));
  return getImport(getDb(), tenantId, uploaded.id);
}

describe('CSV format: columns and rows', () => {
  it('recognises common header names (Cezanne, spreadsheet and HR-system exports)', () => {
    expect(
      suggestMapping([
        'PERSONID',
        'GIVENNAME',
        'FAMILYNAME',
        'Work Email',
        'Personal email',
        'EFFECTIVEFROM',
        'EFFECTIVETO',
        'Employment ID',
      ]),
    ).toMatchObject({
      personCode: 'PERSONID',
      givenName: 'GIVENNAME',
      familyName: 'FAMILYNAME',
      internalEmail: 'Work Email',
      externalEmail: 'Personal email',
      startDate: 'EFFECTIVEFROM',
      endDate: 'EFFECTIVETO',
      employmentId: 'Employment ID',
      department: null,
    });
  });

  it('requires person code, given name and family name columns, and a start date column with the employment ID', () => {
    expect(mappingErrors({ personCode: 'Code', employmentId: 'Emp' }, ['Code', 'Emp'])).toEqual({
      givenName: 'Choose the column that holds the given name.',
      familyName: 'Choose the column that holds the family name.',
      startDate: 'Choose the column that holds the start date.',
    });
    expect(mappingErrors({ personCode: 'Code', givenName: 'Code', familyName: 'Nope' }, ['Code'])).toEqual({
      givenName: '"Code" is already mapped to Person code.',
      familyName: 'The file has no column "Nope".',
    });
  });

  it('detects comma, semicolon and tab delimiters', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
  });

  it('checks a row on its own: required values, emails, dates, yes/no words', () => {
    const { problems } = checkRow({
      line: 7,
      values: {
        personCode: 'P 1',
        givenName: '',
        familyName: 'X',
        internalEmail: 'not-an-email',
        activeEmployee: 'maybe',
        employmentId: 'E1',
        startDate: '31/01/2024',
        endDate: '',
      },
    });
    expect(problems).toEqual([
      'person code contains a space',
      'given name is empty',
      'Internal email "not-an-email" is not a valid email address',
      'Active employee must be yes or no (found "maybe")',
      'Start date "31/01/2024" is not a date as YYYY-MM-DD',
    ]);
    const ok = checkRow({
      line: 2,
      values: {
        personCode: 'P1',
        givenName: 'A',
        familyName: 'B',
        internalEmail: 'A@B.test',
        employmentId: 'E1',
        startDate: '2024-01-31',
      },
    });
    expect(ok.problems).toEqual([]);
    expect(ok.row).toMatchObject({
      internalEmail: 'a@b.test',
      employment: { employmentId: 'E1', startDate: '2024-01-31', endDate: null, isPrimary: true },
    });
  });

  it("emails follow the person form's rule: an address the form refuses is refused by the import too, each with its reason", () => {
    const refusedByForm = ['ada..lovelace@corp.test', 'ada@corp.t', 'ada<x>@corp.test', `${'a'.repeat(250)}@corp.test`];
    for (const address of refusedByForm) {
      expect(
        personSchema.safeParse({ personCode: 'P1', givenName: 'A', familyName: 'B', internalEmail: address }).success,
        address,
      ).toBe(false);
    }
    const problems = (address: string) =>
      checkRow({ line: 2, values: { personCode: 'P1', givenName: 'A', familyName: 'B', externalEmail: address } })
        .problems;
    expect(problems('ada..lovelace@corp.test')).toEqual([
      'External email "ada..lovelace@corp.test" is not a valid email address',
    ]);
    expect(problems('ada@corp.t')).toEqual(['External email "ada@corp.t" is not a valid email address']);
    expect(problems('ada<x>@corp.test')).toEqual(['External email "ada<x>@corp.test" is not a valid email address']);
    expect(problems(refusedByForm[3])).toEqual([`External email "${refusedByForm[3]}" is longer than 254 characters`]);
    expect(
      checkRow({ line: 2, values: { personCode: 'P1', givenName: 'A', familyName: 'B', externalEmail: '' } }).row,
    ).toMatchObject({ externalEmail: null });
  });

  it('streams rows in batches with their file line numbers', async () => {
    const content = csv(...Array.from({ length: 25 }, (_, i) => `P${i},A,B,,,,,,`));
    const sizes: number[] = [];
    let lastLine = 0;
    for await (const batch of readBatches(
      content,
      { personCode: 'Person code', givenName: 'Given name', familyName: 'Family name' },
      10,
    )) {
      sizes.push(batch.length);
      lastLine = batch.at(-1)!.line;
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(lastLine).toBe(26);
  });
});

describe('CSV import: validate every row first, import nothing until the file is clean', () => {
  it('a file with one bad row: the error names its line and reason, and nothing is imported', async () => {
    const tenant = await createTenant();
    const upload = await createImport(getDb(), tenant.id, null, {
      name: 'people.csv',
      content: csv(
        'P1,Ada,Lovelace,ada@corp.test,Engineering,Analyst,E1,2020-01-01,',
        'P2,,Hopper,grace@corp.test,Engineering,,E2,2020-01-01,',
        'P3,Alan,Turing,alan@corp.test,,,E3,2020-01-01,',
      ),
    });
    const validated = await validateImport(getDb(), tenant.id, upload.id);
    expect(validated.status).toBe('invalid');
    expect(validated.errorCount).toBe(1);
    expect(validated.errors).toEqual([{ line: 3, personCode: 'P2', message: 'Given name is empty.' }]);
    expect(validated.summary).toMatchObject({ rows: 3, creates: 2 });
    await expect(startImport(getDb(), tenant.id, upload.id, null)).rejects.toThrow(
      'Fix the rows with errors first: nothing is imported until every row is valid.',
    );
    expect(await peopleOf(tenant.id)).toHaveLength(0);
    expect(await getDb().select().from(departments).where(eq(departments.tenantId, tenant.id))).toHaveLength(0);
  });

  it('the fixed file imports: people, employments and the new department appear; the import is audited', async () => {
    const tenant = await createTenant();
    const hr = await createStaff(tenant.id, 'hr_professional');
    const record = await importFile(
      tenant.id,
      csv(
        'P1,Ada,Lovelace,ADA@corp.test,Engineering,Analyst,E1,2020-01-01,',
        'P2,Grace,Hopper,grace@corp.test,engineering,,E2,2020-01-01,2020-12-31',
      ),
      hr.id,
    );
    expect(record).toMatchObject({ status: 'imported', createdCount: 2, updatedCount: 0 });
    const rows = await peopleOf(tenant.id);
    expect(rows.map((p) => [p.personCode, p.internalEmail, p.activeEmployee])).toEqual([
      ['P1', 'ada@corp.test', true],
      ['P2', 'grace@corp.test', false],
    ]);
    const depts = await getDb().select().from(departments).where(eq(departments.tenantId, tenant.id));
    expect(depts.map((d) => [d.name, d.code])).toEqual([['Engineering', 'ENGINEERING']]);
    expect(rows.every((p) => p.departmentId === depts[0].id)).toBe(true);
    const emps = await getDb().select().from(employments).where(eq(employments.tenantId, tenant.id));
    expect(emps.map((e) => [e.employmentId, e.isPrimary]).sort()).toEqual([
      ['E1', true],
      ['E2', true],
    ]);
    const [entry] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, 'people.imported')));
    expect(entry).toMatchObject({ actorId: hr.id, actorEmail: hr.email });
    expect(entry.details).toMatchObject({ rows: 2, created: 2, updated: 0, newDepartments: 1 });
    const [stored] = await getDb()
      .select({ content: peopleImports.content })
      .from(peopleImports)
      .where(eq(peopleImports.id, record.id));
    expect(stored.content).toBeNull();
  });

  it('leaver rule on import: a row whose primary employment has ended is stored inactive, whatever its active column says', async () => {
    const tenant = await createTenant();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const content = [
      'Person code,Given name,Family name,Active employee,Employment ID,Start date,End date,Primary employment',
      'L1,Ended,Primary,yes,EL1,2020-01-01,2020-12-31,yes',
      'L2,Ended,Secondary,yes,EL2,2020-01-01,2020-12-31,no',
      'L3,Set,Inactive,no,EL3,2020-01-01,,yes',
      `L4,Ends,Tomorrow,yes,EL4,2020-01-01,${tomorrow},yes`,
    ].join('\n');
    expect(await importFile(tenant.id, content)).toMatchObject({ status: 'imported', createdCount: 4 });
    expect((await peopleOf(tenant.id)).map((p) => [p.personCode, p.activeEmployee])).toEqual([
      ['L1', false],
      ['L2', true],
      ['L3', false],
      ['L4', true],
    ]);
  });

  it('re-importing the same file updates by person code and creates no duplicates; a changed row is updated', async () => {
    const tenant = await createTenant();
    const file = csv(
      'P1,Ada,Lovelace,ada@corp.test,Engineering,Analyst,E1,2020-01-01,',
      'P2,Grace,Hopper,grace@corp.test,Navy,,E2,2020-01-01,',
    );
    await importFile(tenant.id, file);
    const before = await peopleOf(tenant.id);
    const again = await importFile(tenant.id, file);
    expect(again).toMatchObject({ status: 'imported', createdCount: 0, updatedCount: 0 });
    const after = await peopleOf(tenant.id);
    expect(after.map((p) => p.id)).toEqual(before.map((p) => p.id));
    expect(after.map((p) => p.updatedAt.getTime())).toEqual(before.map((p) => p.updatedAt.getTime()));

    const changed = await importFile(
      tenant.id,
      file.replace('Analyst', 'Lead Analyst').replace('E2,2020-01-01,', 'E2,2019-06-01,'),
    );
    expect(changed).toMatchObject({ createdCount: 0, updatedCount: 1 });
    expect((await peopleOf(tenant.id)).map((p) => p.jobTitle)).toEqual(['Lead Analyst', null]);
    const emps = await getDb().select().from(employments).where(eq(employments.tenantId, tenant.id));
    expect(emps).toHaveLength(2);
    expect(emps.find((e) => e.employmentId === 'E2')?.startDate).toBe('2019-06-01');
    expect(await getDb().select().from(departments).where(eq(departments.tenantId, tenant.id))).toHaveLength(2);
  });

  it('an update keeps the values of columns that are not in the file', async () => {
    const tenant = await createTenant();
    await insertPerson(tenant.id, {
      personCode: 'K1',
      givenName: 'Old',
      familyName: 'Name',
      jobTitle: 'Keeps this',
      externalEmail: 'keep@home.test',
    });
    const record = await importFile(tenant.id, 'Person code,Given name,Family name\nK1,New,Name\n');
    expect(record.updatedCount).toBe(1);
    const [person] = await peopleOf(tenant.id);
    expect(person).toMatchObject({ givenName: 'New', jobTitle: 'Keeps this', externalEmail: 'keep@home.test' });
  });

  it('finds duplicates inside the file (code, emails, employment ID) and clashes with other people, by line', async () => {
    const tenant = await createTenant();
    await insertPerson(tenant.id, { personCode: 'EXIST', internalEmail: 'taken@corp.test' });
    const upload = await createImport(getDb(), tenant.id, null, {
      name: 'dups.csv',
      content: csv(
        'D1,A,A,a@corp.test,,,E1,2020-01-01,',
        'D1,B,B,b@corp.test,,,E2,2020-01-01,',
        'D3,C,C,A@corp.test,,,E1,2020-01-01,',
        'D4,D,D,taken@corp.test,,,E4,2020-01-01,',
        'EXIST,E,E,taken@corp.test,,,E5,2020-01-01,',
      ),
    });
    const result = await validateImport(getDb(), tenant.id, upload.id);
    expect(result.errors).toEqual([
      { line: 3, personCode: 'D1', message: 'Person code D1 is also on line 2.' },
      {
        line: 4,
        personCode: 'D3',
        message: 'Internal email a@corp.test is also on line 2; employment ID e1 is also on line 2.',
      },
      { line: 5, personCode: 'D4', message: 'Internal email taken@corp.test already belongs to person EXIST.' },
      { line: 6, personCode: 'EXIST', message: 'Internal email taken@corp.test is also on line 5.' },
    ]);
    expect(result.summary).toMatchObject({ creates: 1, updates: 0 });
  });

  it('refuses an employment ID that belongs to another person', async () => {
    const tenant = await createTenant();
    await importFile(tenant.id, csv('O1,Owner,One,,,,EMP-9,2020-01-01,'));
    const upload = await createImport(getDb(), tenant.id, null, {
      name: 'x.csv',
      content: csv('O2,Other,Two,,,,emp-9,2021-01-01,'),
    });
    const result = await validateImport(getDb(), tenant.id, upload.id);
    expect(result.errors).toEqual([
      { line: 2, personCode: 'O2', message: 'Employment ID emp-9 already belongs to person O1.' },
    ]);
  });

  it('a new primary employment from the file replaces the old primary', async () => {
    const tenant = await createTenant();
    await importFile(tenant.id, csv('M1,Max,Move,,,,OLD-1,2015-01-01,2019-12-31'));
    await importFile(tenant.id, csv('M1,Max,Move,,,,NEW-1,2020-01-01,'));
    const emps = await getDb()
      .select()
      .from(employments)
      .where(eq(employments.tenantId, tenant.id))
      .orderBy(employments.startDate);
    expect(emps.map((e) => [e.employmentId, e.isPrimary])).toEqual([
      ['OLD-1', false],
      ['NEW-1', true],
    ]);
  });

  it('reads semicolon-separated files with a byte-order mark and quoted values', async () => {
    const tenant = await createTenant();
    const record = await importFile(
      tenant.id,
      '\uFEFFPerson code;Given name;Family name;Job title\nS1;"Zoë";"O\'Brien";"Head; Research"\n',
    );
    expect(record.status).toBe('imported');
    const [person] = await peopleOf(tenant.id);
    expect(person).toMatchObject({ givenName: 'Zoë', familyName: "O'Brien", jobTitle: 'Head; Research' });
  });

  it('an unclosed quote is reported with its line; an empty file or a header alone is refused', async () => {
    const tenant = await createTenant();
    const upload = await createImport(getDb(), tenant.id, null, {
      name: 'q.csv',
      content: 'Person code,Given name,Family name\nQ1,"Open,Quote\nQ2,B,C\n',
    });
    const result = await validateImport(getDb(), tenant.id, upload.id);
    expect(result.status).toBe('invalid');
    expect(result.errors[0].message).toMatch(/^Line \d+: a quoted value is never closed/);
    await expect(createImport(getDb(), tenant.id, null, { name: 'e.csv', content: '' })).rejects.toBeInstanceOf(
      FormError,
    );
    const headerOnly = await createImport(getDb(), tenant.id, null, {
      name: 'h.csv',
      content: 'Person code,Given name,Family name\n',
    });
    expect((await validateImport(getDb(), tenant.id, headerOnly.id)).errors[0].message).toBe(
      'The file has a header but no rows.',
    );
  });

  it('rolls the whole import back when the data changed after the preview (nothing half-imported)', async () => {
    const tenant = await createTenant();
    const rows = Array.from({ length: 1500 }, (_, i) => `R${i},Row,N${i},r${i}@corp.test,,,,,`);
    const upload = await createImport(getDb(), tenant.id, null, { name: 'big.csv', content: csv(...rows) });
    expect((await validateImport(getDb(), tenant.id, upload.id)).status).toBe('valid');
    const queued = await startImport(getDb(), tenant.id, upload.id, null);
    // Someone takes an email used in the second batch between the preview and the import.
    await insertPerson(tenant.id, { personCode: 'LATE', internalEmail: 'r1400@corp.test' });
    await runQueuedImport(queued);
    const record = await getImport(getDb(), tenant.id, upload.id);
    expect(record.status).toBe('invalid');
    expect(record.errors).toEqual([
      { line: 1402, personCode: 'R1400', message: 'Internal email r1400@corp.test already belongs to person LATE.' },
    ]);
    expect((await peopleOf(tenant.id)).map((p) => p.personCode)).toEqual(['LATE']);
  });

  it('only one import is queued or runs at a time per company, and only a validated one', async () => {
    const tenant = await createTenant();
    const a = await createImport(getDb(), tenant.id, null, { name: 'a.csv', content: csv('A1,A,A,,,,,,') });
    await expect(startImport(getDb(), tenant.id, a.id, null)).rejects.toThrow('Validate the file before importing it.');
    const b = await createImport(getDb(), tenant.id, null, { name: 'b.csv', content: csv('B1,B,B,,,,,,') });
    await validateImport(getDb(), tenant.id, a.id);
    await validateImport(getDb(), tenant.id, b.id);
    const queued = await startImport(getDb(), tenant.id, a.id, null);
    expect(queued).toMatchObject({ status: 'queued', processedRows: 0 });
    expect(await getJobState(importPeopleJob, queued.jobId!)).toBe('created');
    await expect(startImport(getDb(), tenant.id, b.id, null)).rejects.toThrow(
      'Another import is running. Wait for it to finish.',
    );
    await expect(startImport(getDb(), tenant.id, a.id, null)).rejects.toThrow('This import has already started.');
    // The database refuses it too, whichever process tries (a unique index on the company's running import).
    await expect(
      getDb().update(peopleImports).set({ status: 'importing' }).where(eq(peopleImports.id, b.id)),
    ).rejects.toThrow();
    await runQueuedImport(queued);
    expect((await startImport(getDb(), tenant.id, b.id, null)).status).toBe('queued');
  });

  it('queueing happens in the caller’s transaction: rolled back, there is neither a queued import nor a job', async () => {
    const tenant = await createTenant();
    const upload = await createImport(getDb(), tenant.id, null, { name: 'tx.csv', content: csv('T1,T,T,,,,,,') });
    await validateImport(getDb(), tenant.id, upload.id);
    let jobId: string | null = null;
    await expect(
      getDb().transaction(async (tx) => {
        jobId = (await startImport(tx, tenant.id, upload.id, null)).jobId;
        throw new Error('the action failed after queueing');
      }),
    ).rejects.toThrow('the action failed');
    expect((await getImport(getDb(), tenant.id, upload.id)).status).toBe('valid');
    expect(await getJobState(importPeopleJob, jobId!)).toBeNull();
  });

  it('a running import whose worker stops answering (no heartbeat) is reported failed by any reader, and may be imported again', async () => {
    const tenant = await createTenant();
    const upload = await createImport(getDb(), tenant.id, null, { name: 'dead.csv', content: csv('D1,D,D,,,,,,') });
    await validateImport(getDb(), tenant.id, upload.id);
    const queued = await startImport(getDb(), tenant.id, upload.id, null);
    // A worker claimed it, then died: its last heartbeat is a minute old.
    await getDb()
      .update(peopleImports)
      .set({ status: 'importing', heartbeatAt: new Date(Date.now() - 60_000) })
      .where(eq(peopleImports.id, upload.id));
    const { record } = await getImportView(getDb(), tenant.id, upload.id);
    expect(record.status).toBe('failed');
    expect(record.failure).toMatch(
      /^The import stopped: the worker running it ended without finishing\. Nothing was imported/,
    );
    expect(await getJobState(importPeopleJob, queued.jobId!)).toBe('cancelled');
    // The cancelled job would not claim it any more; a new start queues a new job, which imports it.
    expect(await runQueuedImport(queued)).toBeNull();
    const again = await startImport(getDb(), tenant.id, upload.id, null);
    expect(again.jobId).not.toBe(queued.jobId);
    await runQueuedImport(again);
    expect(await getImport(getDb(), tenant.id, upload.id)).toMatchObject({
      status: 'imported',
      createdCount: 1,
      processedRows: 1,
    });
  });

  it('a running import with a fresh heartbeat stays running; a queued one whose job has ended is reported failed', async () => {
    const tenant = await createTenant();
    const upload = await createImport(getDb(), tenant.id, null, { name: 'alive.csv', content: csv('F1,F,F,,,,,,') });
    await validateImport(getDb(), tenant.id, upload.id);
    const queued = await startImport(getDb(), tenant.id, upload.id, null);
    expect((await getImportView(getDb(), tenant.id, upload.id)).record.status).toBe('queued');
    await getDb()
      .update(peopleImports)
      .set({ status: 'importing', heartbeatAt: new Date() })
      .where(eq(peopleImports.id, upload.id));
    expect((await getImportView(getDb(), tenant.id, upload.id)).record.status).toBe('importing');
    await getDb().update(peopleImports).set({ status: 'queued' }).where(eq(peopleImports.id, upload.id));
    await cancelJob(importPeopleJob, queued.jobId!);
    const { record } = await getImportView(getDb(), tenant.id, upload.id);
    expect(record).toMatchObject({
      status: 'failed',
      failure: 'The import job ended before the import ran. Nothing was imported. Import again.',
    });
  });

  it('a worker that stops during the import rolls it back and puts it back in the queue (its job is retried)', async () => {
    const tenant = await createTenant();
    const rows = Array.from({ length: 2500 }, (_, i) => `S${i},Stop,N${i},s${i}@corp.test,,,,,`);
    const upload = await createImport(getDb(), tenant.id, null, { name: 'stop.csv', content: csv(...rows) });
    await validateImport(getDb(), tenant.id, upload.id);
    const queued = await startImport(getDb(), tenant.id, upload.id, null);
    const stopping = new AbortController();
    stopping.abort();
    await expect(runQueuedImport(queued, stopping.signal)).rejects.toBeInstanceOf(ImportStopped);
    expect(await getImport(getDb(), tenant.id, upload.id)).toMatchObject({ status: 'queued', jobId: queued.jobId });
    expect(await peopleOf(tenant.id)).toEqual([]);
    await runQueuedImport(queued); // the retry of the same job
    expect(await getImport(getDb(), tenant.id, upload.id)).toMatchObject({
      status: 'imported',
      createdCount: 2500,
      processedRows: 2500,
    });
  });

  it('uploaded files are dropped after 24 hours unless importing; the import then asks for a new upload', async () => {
    const tenant = await createTenant();
    const old = await createImport(getDb(), tenant.id, null, { name: 'old.csv', content: csv('O1,O,O,,,,,,') });
    const recent = await createImport(getDb(), tenant.id, null, { name: 'new.csv', content: csv('N1,N,N,,,,,,') });
    await getDb()
      .update(peopleImports)
      .set({ createdAt: new Date(Date.now() - 25 * 3_600_000) })
      .where(eq(peopleImports.id, old.id));
    expect(await purgeImportFiles(getDb())).toBeGreaterThanOrEqual(1);
    const kept = async (id: string) =>
      (await getDb().select({ content: peopleImports.content }).from(peopleImports).where(eq(peopleImports.id, id)))[0]
        .content !== null;
    expect(await kept(old.id)).toBe(false);
    expect(await kept(recent.id)).toBe(true);
    await expect(validateImport(getDb(), tenant.id, old.id)).rejects.toThrow(
      'The uploaded file is no longer kept (files are kept for 24 hours, or until imported).',
    );
  });

  it('tenant isolation: an import of another company cannot be read or started', async () => {
    const [mine, theirs] = [await createTenant(), await createTenant()];
    const upload = await createImport(getDb(), theirs.id, null, { name: 'x.csv', content: csv('X1,X,X,,,,,,') });
    await expect(getImport(getDb(), mine.id, upload.id)).rejects.toThrow('This import does not exist.');
    await expect(validateImport(getDb(), mine.id, upload.id)).rejects.toThrow('This import does not exist.');
  });

  it('validating 20,000 rows streams in batches and keeps the event loop responsive for other requests', async () => {
    const tenant = await createTenant();
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `L${i},Given${i},Family${i},l${i}@corp.test,Dept ${i % 8},Title,EL${i},2020-01-01,`,
    );
    const content = csv(...rows);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const result = await validateRows(getDb(), tenant.id, content, suggestMapping(HEADER.split(',')));
    const totalMs = performance.now() - started;
    delay.disable();
    expect(result.errorCount).toBe(0);
    expect(result.summary).toMatchObject({ rows: 20_000, creates: 20_000 });
    expect(result.summary.newDepartments).toHaveLength(8);
    // One batch of 1,000 rows is the longest stretch without yielding: a small part of the whole run (a validation
    // that never yielded would stall for all of it). Judged relative to the run, so a busy machine cannot fail it;
    // absolute speed is bench:import's job.
    const longestStallMs = delay.max / 1e6;
    expect(longestStallMs).toBeLessThan(totalMs / 3);
  });
});
