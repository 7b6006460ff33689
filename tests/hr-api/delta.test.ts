import { beforeAll, describe, expect, inject, it } from 'vitest';
import { Client } from 'pg';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { departments, people } from '@/db/schema';
import { GET as listPeople } from '@/app/cezanneondemand/v7/dataservice.svc/People/route';
import { GET as listDepartments } from '@/app/cezanneondemand/v7/dataservice.svc/Departments/route';
import { DELETE as deleteEntity } from '@/app/cezanneondemand/v7/dataservice.svc/[entity]/route';
import { GET as peopleSegment } from '@/app/cezanneondemand/v7/dataservice.svc/People/[...rest]/route';
import { GET as departmentsSegment } from '@/app/cezanneondemand/v7/dataservice.svc/Departments/[...rest]/route';
import { GET as getEntity } from '@/app/cezanneondemand/v7/dataservice.svc/[entity]/route';
import { decodeDeltaToken, deleteOldChanges, encodeDeltaToken, DELTA_TOKEN_DAYS } from '@/lib/hr-api/delta';
import { cleanUpSecurityRecords } from '@/lib/security/cleanup';
import { hrChanges } from '@/db/schema';
import { and, sql } from 'drizzle-orm';
import { ODataError } from '@/lib/hr-api/errors';
import { createTenant } from '@/tests/support/factories';
import { apiRequest, createApp, createDepartment, seedPeople, tokenFor } from '@/tests/support/hr-api';
import { waitFor } from '@/tests/support/wait-for';

type Entry = Record<string, unknown> & { '@removed'?: { reason: string }; PersonCode?: string };
type Feed = {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  value: Entry[];
};

const TRACK = { prefer: 'odata.track-changes' };

async function read(url: string, token: string, headers: Record<string, string> = {}, route = listPeople) {
  const response = await route(apiRequest(url, token, { headers }));
  expect(response.status, await response.clone().text()).toBe(200);
  return { response, body: (await response.json()) as Feed };
}

/** Follows nextLinks from `url` to the end; returns every entry and the final deltaLink. */
async function readAll(url: string, token: string, headers: Record<string, string> = {}, route = listPeople) {
  const entries: Entry[] = [];
  let next: string | undefined = url;
  let deltaLink: string | undefined;
  let pages = 0;
  while (next) {
    const { body } = await read(next, token, pages === 0 ? headers : {}, route);
    entries.push(...body.value);
    next = body['@odata.nextLink'];
    deltaLink = body['@odata.deltaLink'];
    pages++;
  }
  return { entries, deltaLink: deltaLink!, pages };
}

const codes = (entries: Entry[]) => entries.filter((e) => !e['@removed']).map((e) => e.PersonCode);
const removed = (entries: Entry[]) =>
  entries.filter((e) => e['@removed']).map((e) => [e.PersonCode ?? e.DepartmentCode, e['@removed']!.reason]);

describe('the change feed: Prefer: odata.track-changes, then $deltatoken', () => {
  let token: string;
  let writeToken: string;
  let tenantId: string;

  beforeAll(async () => {
    const tenant = await createTenant();
    tenantId = tenant.id;
    const app = await createApp(tenant.id, ['api_read', 'api_write']);
    token = await tokenFor(app);
    writeToken = token;
    await seedPeople(tenantId, 25, 'D');
  });

  it('a full read in pages ends with @odata.deltaLink (the header is needed on the first page only)', async () => {
    const first = await read('/People?$top=10', token, TRACK);
    expect(first.response.headers.get('preference-applied')).toBe('odata.track-changes');
    expect(first.body['@odata.deltaLink']).toBeUndefined();
    const all = await readAll('/People?$top=10', token, TRACK);
    expect(all.pages).toBe(3);
    expect(codes(all.entries)).toHaveLength(25);
    expect(all.deltaLink).toMatch(/\/People\?\$deltatoken=[A-Za-z0-9_-]+$/);
    // An untracked read has no delta link
    const plain = await readAll('/People?$top=10', token);
    expect(plain.deltaLink).toBeUndefined();
  });

  it('creates, updates, deletions (by the API) and key changes arrive; an unchanged feed is empty', async () => {
    const { deltaLink } = await readAll('/People', token, TRACK);
    const db = getDb();
    await seedPeople(tenantId, 1, 'NEW');
    await db.update(people).set({ jobTitle: 'Chief' }).where(eq(people.personCode, 'D00002'));
    await db.update(people).set({ personCode: 'D00003-RENAMED' }).where(eq(people.personCode, 'D00003'));
    const deleted = await deleteEntity(apiRequest("/People('D00004')", writeToken, { method: 'DELETE' }));
    expect(deleted.status).toBe(204);
    // A no-op update is not a change
    await db.update(people).set({ jobTitle: null }).where(eq(people.personCode, 'D00005'));

    const delta = await waitFor(async () => {
      const result = await readAll(deltaLink, token);
      return result.entries.length >= 4 ? result : null;
    });
    expect(new Set(codes(delta.entries))).toEqual(new Set(['NEW00001', 'D00002', 'D00003-RENAMED']));
    expect(delta.entries.find((e) => e.PersonCode === 'D00002')).toMatchObject({ JobTitle: 'Chief' });
    expect(removed(delta.entries)).toEqual(
      expect.arrayContaining([
        ['D00003', 'changed'],
        ['D00004', 'deleted'],
      ]),
    );
    expect(delta.entries.find((e) => e.PersonCode === 'D00004')).toEqual({
      '@removed': { reason: 'deleted' },
      '@id': "People('D00004')",
      PersonCode: 'D00004',
    });
    // The delta link of that read starts after it: nothing new → an empty page with a delta link again
    const again = await readAll(delta.deltaLink, token);
    expect(again.entries).toEqual([]);
    expect(again.deltaLink).toBeTruthy();
  });

  it('a person deleted and created again with the same code ends as the entity; $select applies', async () => {
    const { deltaLink } = await readAll('/People?$select=PersonCode,GivenName', token, TRACK);
    expect(deltaLink).toContain('$select=PersonCode%2CGivenName');
    const db = getDb();
    await db.delete(people).where(eq(people.personCode, 'D00006'));
    await db.insert(people).values({ tenantId, personCode: 'D00006', givenName: 'Again', familyName: 'X' });
    const delta = await waitFor(async () => {
      const result = await readAll(deltaLink, token);
      return result.entries.length ? result : null;
    });
    expect(delta.entries).toEqual([{ PersonCode: 'D00006', GivenName: 'Again' }]);
  });

  // Needs two concurrent sessions: the embedded PGlite runs one transaction at a time.
  it.runIf(!inject('databaseEmbedded'))(
    'a transaction still open when the client polls is not skipped: the next poll serves it, once',
    async () => {
      const { deltaLink } = await readAll('/People', token, TRACK);
      const long = new Client({ connectionString: inject('databaseUrl') });
      await long.connect();
      try {
        // A long import: it starts, writes a person (stamped now), and stays open
        await long.query('begin');
        await long.query(
          `insert into people (tenant_id, person_code, given_name, family_name) values ($1, 'SLOW1', 'Slow', 'Import')`,
          [tenantId],
        );
        // Meanwhile a quick change commits (a later LastModified)
        await getDb().insert(people).values({ tenantId, personCode: 'QUICK1', givenName: 'Quick', familyName: 'Edit' });
        const quick = await readAll('/People', token);
        const quickStamp = quick.entries.find((e) => e.PersonCode === 'QUICK1')!.LastModified as string;

        // The client polls now: the open transaction holds the horizon back, so neither change is served yet…
        const during = await readAll(deltaLink, token);
        expect(codes(during.entries)).not.toContain('SLOW1');
        await long.query('commit');

        // …and the next poll, from the delta link it got while the import was open, sees both.
        const after = await waitFor(async () => {
          const result = await readAll(during.deltaLink, token);
          const seen = [...codes(during.entries), ...codes(result.entries)];
          return seen.includes('SLOW1') && seen.includes('QUICK1') ? result : null;
        });
        expect(after).toBeTruthy();

        // The timestamp filter, by contrast, misses the slow person: it was stamped before the quick one.
        const byTimestamp = await readAll(`/People?$filter=LastModified gt ${quickStamp}`, token);
        expect(codes(byTimestamp.entries)).not.toContain('SLOW1');
      } finally {
        await long.query('rollback').catch(() => {});
        await long.end();
      }
    },
  );

  it('departments: created, renamed and deleted departments arrive in their own feed', async () => {
    const { deltaLink } = await readAll('/Departments', token, TRACK, listDepartments);
    const ops = await createDepartment(tenantId, 'OPS', 'Operations');
    await createDepartment(tenantId, 'GONE', 'Gone soon');
    const db = getDb();
    await db.update(departments).set({ name: 'Operations & IT' }).where(eq(departments.id, ops.id));
    await db.delete(departments).where(eq(departments.code, 'GONE'));
    const delta = await waitFor(async () => {
      const result = await readAll(deltaLink, token, {}, listDepartments);
      return result.entries.length >= 2 ? result : null;
    });
    expect(delta.entries).toEqual([
      expect.objectContaining({ DepartmentCode: 'OPS', DepartmentName: 'Operations & IT' }),
      { '@removed': { reason: 'deleted' }, '@id': "Departments('GONE')", DepartmentCode: 'GONE' },
    ]);
  });

  it('a token that is not ours is a 400; one older than the retention a 410; other options with it a 400', async () => {
    const bad = await listPeople(apiRequest('/People?$deltatoken=nonsense', token));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'InvalidQueryOption', target: '$deltatoken' } });
    const old = encodeDeltaToken({ from: '1:1:', upper: null, after: null, issuedAt: 1 });
    const expired = await listPeople(apiRequest(`/People?$deltatoken=${old}`, token));
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ error: { code: 'DeltaTokenExpired' } });
    const fresh = encodeDeltaToken({ from: '1:1:', upper: null, after: null, issuedAt: Math.floor(Date.now() / 1000) });
    const withTop = await listPeople(
      apiRequest(`/People?$deltatoken=${fresh}&$filter=LastModified gt 2020-01-01`, token),
    );
    expect(withTop.status).toBe(400);
    expect(() => decodeDeltaToken(fresh, Date.now() + (DELTA_TOKEN_DAYS + 1) * 86_400_000)).toThrow(ODataError);
  });
});

describe('HR API conformance: /$count, @odata.count on every page, $orderby, Accept', () => {
  let token: string;

  beforeAll(async () => {
    const tenant = await createTenant();
    token = await tokenFor(await createApp(tenant.id, ['api_read']));
    await seedPeople(tenant.id, 12, 'C');
    await createDepartment(tenant.id, 'b-dept', 'B');
    await createDepartment(tenant.id, 'A-dept', 'A');
  });

  it('People/$count and Departments/$count answer the plain number; $filter applies', async () => {
    const count = await peopleSegment(apiRequest('/People/$count', token));
    expect(count.status).toBe(200);
    expect(count.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await count.text()).toBe('12');
    const none = await peopleSegment(apiRequest('/People/$count?$filter=LastModified gt 9999-01-01T00:00:00Z', token));
    expect(await none.text()).toBe('0');
    expect(await (await departmentsSegment(apiRequest('/Departments/$count', token))).text()).toBe('2');
    const bad = await peopleSegment(apiRequest('/People/$count?$top=1', token));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'InvalidQueryOption' } });
    const other = await peopleSegment(apiRequest('/People/other', token));
    expect(other.status).toBe(404);
  });

  it('a counted read carries @odata.count on every page (and $count=true in @odata.nextLink)', async () => {
    let next: string | undefined = '/People?$top=5&$count=true';
    let pages = 0;
    while (next) {
      const { body } = await read(next, token);
      expect(body['@odata.count']).toBe(12);
      next = body['@odata.nextLink'];
      if (next) expect(next).toContain('$count=true');
      pages++;
    }
    expect(pages).toBe(3);
  });

  it('$orderby PersonCode desc pages by key, in order, each person once; DepartmentCode ignores case', async () => {
    const all = await readAll('/People?$orderby=PersonCode desc&$top=5&$select=PersonCode', token);
    const seen = codes(all.entries);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `C${String(12 - i).padStart(5, '0')}`));
    const lastModifiedDesc = await readAll('/People?$orderby=LastModified desc&$top=4', token);
    const stamps = lastModifiedDesc.entries.map((e) => e.LastModified as string);
    expect(stamps).toEqual([...stamps].sort().reverse());
    expect(stamps).toHaveLength(12);
    const departmentsByCode = await readAll('/Departments?$orderby=DepartmentCode', token, {}, listDepartments);
    expect(departmentsByCode.entries.map((d) => d.DepartmentCode)).toEqual(['A-dept', 'b-dept']);
    const refused = await listPeople(apiRequest('/People?$orderby=GivenName', token));
    expect(refused.status).toBe(400);
  });

  it('Accept: application/xml (or anything but JSON) is a 406 in OData shape; JSON, */* and none are fine', async () => {
    for (const accept of ['application/xml', 'text/html', 'application/atom+xml', 'application/json;q=0']) {
      const response = await listPeople(apiRequest('/People', token, { headers: { accept } }));
      expect(response.status, accept).toBe(406);
      expect(await response.json()).toMatchObject({ error: { code: 'NotAcceptable' } });
    }
    for (const accept of [
      'application/json',
      'application/json;odata.metadata=minimal',
      '*/*',
      'application/*',
      'text/html, */*;q=0.1',
    ]) {
      expect((await listPeople(apiRequest('/People?$top=1', token, { headers: { accept } }))).status, accept).toBe(200);
    }
    const entity = await getEntity(apiRequest("/People('C00001')", token, { headers: { accept: 'application/xml' } }));
    expect(entity.status).toBe(406);
    const metadata = await getEntity(apiRequest('/$metadata', token, { headers: { accept: 'application/xml' } }));
    expect(metadata.status).toBe(200);
  });
});

describe('change-log retention', () => {
  it('the hourly cleanup drops change rows older than 30 days and keeps newer ones', async () => {
    const tenant = await createTenant();
    const db = getDb();
    await createDepartment(tenant.id, 'KEEP');
    await createDepartment(tenant.id, 'OLD');
    await db
      .update(hrChanges)
      .set({ createdAt: sql`now() - interval '31 days'` })
      .where(and(eq(hrChanges.tenantId, tenant.id), eq(hrChanges.code, 'OLD')));
    const result = await cleanUpSecurityRecords(db);
    expect(result.hrChanges).toBeGreaterThanOrEqual(1);
    const left = await db.select().from(hrChanges).where(eq(hrChanges.tenantId, tenant.id));
    expect(left.map((row) => row.code)).toEqual(['KEEP']);
    expect(await deleteOldChanges(db)).toBe(0);
  });
});
