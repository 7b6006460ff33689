/** The HR API's resources: what each route handler under app/cezanneondemand calls (one function per route and verb). */
import { writeAudit } from '@/lib/audit';
import { CONTROL_CHARACTERS } from '@/lib/hr/schemas';
import { optionsAllowing } from '@/lib/http/methods';
import { odataJson, odataMethodNotAllowed, withHrApi, type ApiContext } from './api';
import { badQueryOption, ODataError } from './errors';
import { BodyTooLargeError, readBodyText } from '@/lib/http-body';
import { mediaType } from './http';
import { serviceMetadataXml } from './metadata';
import { DEPARTMENT_PROPERTIES, odataKey, PERSON_PROPERTIES, toODataDepartment, toODataPerson } from './mappers';
import {
  applySelect,
  nextLinkFor,
  parseEntityOptions,
  parseEntitySegment,
  parseLastModifiedFilter,
  parseQueryOptions,
  queryString,
  type ODataQuery,
} from './odata';
import {
  countEntities,
  findDepartmentByCode,
  findPersonByCode,
  listDepartmentsPage,
  listPeoplePage,
  type Page,
} from './people';
import {
  currentSnapshot,
  decodeDeltaToken,
  encodeDeltaToken,
  readDeltaPage,
  startToken,
  type DeltaEntitySet,
  type DeltaPage,
  type DeltaToken,
} from './delta';
import { NotFoundError } from '@/lib/errors';
import { deletePerson } from '@/lib/hr/people';
import {
  createPersonFromApi,
  personCreateSchema,
  personPatchSchema,
  updatePersonFromApi,
  validatePersonBody,
} from './person-writes';

const MAX_WRITE_BODY_BYTES = 64 * 1024;
const CONTROL_CHARACTERS_G = new RegExp(CONTROL_CHARACTERS.source, 'g');
const ENTITY_SETS = ['People', 'Departments'] as const;

function collection<T>(ctx: ApiContext, entitySet: string, page: Page<unknown>, value: T[], deltaLink?: string) {
  return {
    '@odata.context': `${ctx.serviceUrl}/$metadata#${entitySet}`,
    ...(page.count === null ? {} : { '@odata.count': page.count }),
    value,
    ...(page.next ? { '@odata.nextLink': nextLinkFor(ctx.url, ctx.baseUrl, page.next) } : {}),
    ...(deltaLink ? { '@odata.deltaLink': deltaLink } : {}),
  };
}

/**
 * `Prefer: odata.track-changes` (OData 4.01 §8.2.8.7), honoured on a full read (no $filter, $skip or $orderby); the
 * pages after the first carry it in `$skiptoken`, so a client need not repeat the header on `@odata.nextLink`.
 */
function tracksChanges(ctx: ApiContext, query: ODataQuery): boolean {
  if (query.cursor?.horizon !== undefined) return true;
  const prefer = ctx.request.headers.get('prefer') ?? '';
  const asked = prefer.split(',').some((p) => p.trim().toLowerCase() === 'odata.track-changes');
  return asked && query.filter.length === 0 && query.skip === 0 && ctx.url.searchParams.get('$orderby') === null;
}

/** A link to the change feed of an entity set from `token`, keeping `$select`. */
function deltaLinkFor(ctx: ApiContext, entitySet: string, token: DeltaToken, select: string[] | null): string {
  const pairs: [string, string][] = [['$deltatoken', encodeDeltaToken(token)]];
  if (select) pairs.unshift(['$select', select.join(',')]);
  return `${ctx.serviceUrl}/${entitySet}?${queryString(pairs)}`;
}

/**
 * A collection read: a page of the set (with, on a change-tracking read, the change-feed horizon carried in
 * `$skiptoken` from its first page to its last page's `@odata.deltaLink`), or a page of the change feed.
 */
async function readCollection<T extends Record<string, unknown>>(
  ctx: ApiContext,
  entitySet: DeltaEntitySet,
  query: ODataQuery,
  page: (query: ODataQuery) => Promise<Page<T>>,
  readDelta: (token: DeltaToken) => Promise<DeltaPage<T>>,
): Promise<Response> {
  if (query.deltaToken !== null) {
    const delta = await readDelta(decodeDeltaToken(query.deltaToken));
    const link = deltaLinkFor(ctx, entitySet, delta.next, query.select);
    return odataJson({
      '@odata.context': `${ctx.serviceUrl}/$metadata#${entitySet}/$delta`,
      value: delta.entries.map((entry) => ('@removed' in entry ? entry : applySelect(entry, query.select))),
      ...(delta.more ? { '@odata.nextLink': link } : { '@odata.deltaLink': link }),
    });
  }
  const tracking = tracksChanges(ctx, query);
  const horizon = tracking ? (query.cursor?.horizon ?? (await currentSnapshot(ctx.db))) : undefined;
  const result = await page(query);
  if (result.next && horizon !== undefined) result.next = { ...result.next, horizon };
  const deltaLink =
    horizon !== undefined && !result.next ? deltaLinkFor(ctx, entitySet, startToken(horizon), query.select) : undefined;
  return odataJson(
    collection(
      ctx,
      entitySet,
      result,
      result.items.map((item) => applySelect(item, query.select)),
      deltaLink,
    ),
    tracking ? { headers: { 'Preference-Applied': 'odata.track-changes' } } : {},
  );
}

function entityUrl(ctx: ApiContext, entitySet: string, key: string): string {
  return `${ctx.serviceUrl}/${entitySet}(${encodeURIComponent(odataKey(key))})`;
}

/** The entity a request path ends with, from the raw URL (so a key is decoded exactly once). */
function entityAddress(ctx: ApiContext) {
  const last = ctx.url.pathname.split('/').pop() ?? '';
  let segment: string;
  try {
    segment = decodeURIComponent(last);
  } catch {
    segment = last;
  }
  const address = parseEntitySegment(segment);
  if (!address || !(ENTITY_SETS as readonly string[]).includes(address.entitySet)) {
    throw new ODataError(404, `Resource not found for the segment '${segment.replace(CONTROL_CHARACTERS_G, '')}'.`);
  }
  // No person or department code holds a control character (the validators refuse them), so nothing can match.
  if (CONTROL_CHARACTERS.test(address.key)) {
    throw new ODataError(
      404,
      `No ${address.entitySet === 'People' ? 'person has the PersonCode' : 'department has the code'} given: it contains control characters.`,
    );
  }
  return address as { entitySet: (typeof ENTITY_SETS)[number]; key: string };
}

async function readJson(request: Request): Promise<unknown> {
  if (mediaType(request) !== 'application/json') {
    throw new ODataError(415, 'Send the body as application/json.');
  }
  const text = await readBodyText(request, MAX_WRITE_BODY_BYTES).catch((error) => {
    if (error instanceof BodyTooLargeError) throw new ODataError(413, error.message);
    throw error;
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new ODataError(400, 'The request body is not valid JSON.', { code: 'InvalidJson' });
  }
}

function auditActor(ctx: ApiContext) {
  return { id: null, email: `HR API: ${ctx.caller.applicationName}` };
}

/**
 * `GET /People`: a page of people, with `$top`, `$skip`, `$count`, `$filter` on LastModified, `$orderby`, `$select`;
 * `Prefer: odata.track-changes` and `$deltatoken` for the change feed.
 */
export function getPeople(request: Request): Promise<Response> {
  return withHrApi(request, 'api_read', async (ctx) => {
    const tenantId = ctx.caller.tenantId;
    const query = parseQueryOptions(ctx.url.searchParams, PERSON_PROPERTIES, 'PersonCode');
    return readCollection(
      ctx,
      'People',
      query,
      async (q) => {
        const page = await listPeoplePage(ctx.db, tenantId, q);
        return { ...page, items: page.items.map(toODataPerson) };
      },
      (token) => readDeltaPage(ctx.db, tenantId, 'People', token, query.top),
    );
  });
}

/** `GET /Departments`: a page of departments, with the same query options as People. */
export function getDepartments(request: Request): Promise<Response> {
  return withHrApi(request, 'api_read', async (ctx) => {
    const tenantId = ctx.caller.tenantId;
    const query = parseQueryOptions(ctx.url.searchParams, DEPARTMENT_PROPERTIES, 'DepartmentCode');
    return readCollection(
      ctx,
      'Departments',
      query,
      async (q) => {
        const page = await listDepartmentsPage(ctx.db, tenantId, q);
        return { ...page, items: page.items.map(toODataDepartment) };
      },
      (token) => readDeltaPage(ctx.db, tenantId, 'Departments', token, query.top),
    );
  });
}

/** `GET /People/$count`, `GET /Departments/$count`: the number of entities as plain text; `$filter` applies. */
function getCount(request: Request, entitySet: DeltaEntitySet): Promise<Response> {
  return withHrApi(
    request,
    'api_read',
    async (ctx) => {
      for (const key of ctx.url.searchParams.keys()) {
        if (key.startsWith('$') && key !== '$filter')
          throw badQueryOption(`${key} does not apply to /$count; only $filter does.`, key);
      }
      const filter = ctx.url.searchParams.get('$filter');
      const count = await countEntities(
        ctx.db,
        ctx.caller.tenantId,
        entitySet,
        filter === null ? [] : parseLastModifiedFilter(filter.slice(0, 500)),
      );
      return new Response(String(count), {
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'OData-Version': '4.0', 'Cache-Control': 'no-store' },
      });
    },
    undefined,
    'text/plain',
  );
}

/** A path below `People` or `Departments`: `/$count`, or no resource at all (an OData 404). */
export function getCollectionSegment(request: Request, entitySet: DeltaEntitySet): Promise<Response> {
  const last = new URL(request.url).pathname.split('/').pop();
  if (last === '$count' || last === '%24count') return getCount(request, entitySet);
  return unknownResource(request);
}

/** `GET /$metadata` (CSDL XML, any valid token) or `GET /People('<person code>')` / `GET /Departments('<code>')`. */
export function getEntity(request: Request): Promise<Response> {
  if (new URL(request.url).pathname.endsWith('/$metadata')) return getMetadata(request);
  return withHrApi(request, 'api_read', async (ctx) => {
    const { entitySet, key } = entityAddress(ctx);
    const context = `${ctx.serviceUrl}/$metadata#${entitySet}/$entity`;
    if (entitySet === 'People') {
      const { select } = parseEntityOptions(ctx.url.searchParams, PERSON_PROPERTIES);
      const person = await findPersonByCode(ctx.db, ctx.caller.tenantId, key);
      if (!person) throw new ODataError(404, `No person has the PersonCode "${key}".`);
      return odataJson({ '@odata.context': context, ...applySelect(toODataPerson(person), select) });
    }
    const { select } = parseEntityOptions(ctx.url.searchParams, DEPARTMENT_PROPERTIES);
    const department = await findDepartmentByCode(ctx.db, ctx.caller.tenantId, key);
    if (!department) throw new ODataError(404, `No department has the code "${key}".`);
    return odataJson({ '@odata.context': context, ...applySelect(toODataDepartment(department), select) });
  });
}

async function personResponse(ctx: ApiContext, personCode: string, status: 200 | 201): Promise<Response> {
  const person = await findPersonByCode(ctx.db, ctx.caller.tenantId, personCode);
  if (!person) throw new ODataError(404, `No person has the PersonCode "${personCode}".`);
  const location = entityUrl(ctx, 'People', person.personCode);
  return odataJson(
    { '@odata.context': `${ctx.serviceUrl}/$metadata#People/$entity`, ...toODataPerson(person) },
    { status, headers: status === 201 ? { Location: location } : { 'Content-Location': location } },
  );
}

/** `POST /People` (API write access): creates a person, validated like the person form; 201 with the entity. */
export function postPeople(request: Request): Promise<Response> {
  return withHrApi(request, 'api_write', async (ctx) => {
    const input = validatePersonBody(personCreateSchema, await readJson(request));
    const personCode = await ctx.db.transaction(async (tx) => {
      const { person, leaver } = await createPersonFromApi(tx, ctx.caller.tenantId, input);
      await writeAudit(tx, ctx.caller.tenantId, auditActor(ctx), {
        action: 'person.created',
        target: person.personCode,
        details: { via: 'HR API', clientId: ctx.caller.clientId, leaver },
      });
      return person.personCode;
    });
    return personResponse(ctx, personCode, 201);
  });
}

/** `PATCH /People('<person code>')` (API write access): updates the given properties; 200 with the entity. */
export function patchEntity(request: Request): Promise<Response> {
  return withHrApi(request, 'api_write', async (ctx) => {
    const { entitySet, key } = entityAddress(ctx);
    if (entitySet !== 'People')
      throw new ODataError(405, `${entitySet} cannot be changed through the API.`, { headers: { Allow: 'GET' } });
    const input = validatePersonBody(personPatchSchema, await readJson(request));
    const personCode = await ctx.db.transaction(async (tx) => {
      const { person, leaver, changed } = await updatePersonFromApi(tx, ctx.caller.tenantId, key, input);
      await writeAudit(tx, ctx.caller.tenantId, auditActor(ctx), {
        action: 'person.updated',
        target: person.personCode,
        details: { via: 'HR API', clientId: ctx.caller.clientId, properties: Object.keys(input), changed, leaver },
      });
      return person.personCode;
    });
    return personResponse(ctx, personCode, 200);
  });
}

/**
 * `DELETE /People('<person code>')` (API write access): deletes the person with their employments and user account;
 * 204, and an audit entry naming the application.
 */
export function deleteEntity(request: Request): Promise<Response> {
  return withHrApi(request, 'api_write', async (ctx) => {
    const { entitySet, key } = entityAddress(ctx);
    if (entitySet !== 'People')
      throw new ODataError(405, `${entitySet} cannot be deleted through the API.`, { headers: { Allow: 'GET' } });
    await ctx.db.transaction(async (tx) => {
      const deleted = await deletePerson(tx, ctx.caller.tenantId, key).catch((error) => {
        if (error instanceof NotFoundError) throw new ODataError(404, error.message);
        throw error;
      });
      await writeAudit(tx, ctx.caller.tenantId, auditActor(ctx), {
        action: 'person.deleted',
        target: deleted.personCode,
        details: {
          via: 'HR API',
          clientId: ctx.caller.clientId,
          employments: deleted.employments,
          userAccountDeleted: deleted.userName !== null,
        },
      });
    });
    return new Response(null, { status: 204, headers: { 'OData-Version': '4.0', 'Cache-Control': 'no-store' } });
  });
}

function getMetadata(request: Request): Promise<Response> {
  return withHrApi(
    request,
    null,
    async () =>
      new Response(serviceMetadataXml(), {
        headers: {
          'Content-Type': 'application/xml; charset=utf-8',
          'OData-Version': '4.0',
          'Cache-Control': 'no-store',
        },
      }),
    undefined,
    'application/xml',
  );
}

/** The service document: the entity sets this service offers. Any valid token may read it. */
export function getServiceDocument(request: Request): Promise<Response> {
  return withHrApi(request, null, async (ctx) =>
    odataJson({
      '@odata.context': `${ctx.serviceUrl}/$metadata`,
      value: ENTITY_SETS.map((name) => ({ name, kind: 'EntitySet', url: name })),
    }),
  );
}

/** 405s, each naming what the resource allows. A single entity's verbs depend on its entity set. */
export const peopleNotAllowed = odataMethodNotAllowed(['GET', 'POST']);
export const readOnlyNotAllowed = odataMethodNotAllowed(['GET']);
const entityMethods = (request: Request) =>
  (new URL(request.url).pathname.split('/').pop() ?? '').startsWith('People(') ? ['GET', 'PATCH', 'DELETE'] : ['GET'];
export const entityNotAllowed = odataMethodNotAllowed(entityMethods);
export const peopleOptions = optionsAllowing(['GET', 'POST']);
export const readOnlyOptions = optionsAllowing(['GET']);
export const entityOptions = optionsAllowing(entityMethods);

/** Any path under the service that names no resource (`People/x`, `People('P1')/Employments`): an OData 404, not HTML. */
export function unknownResource(request: Request): Promise<Response> {
  return withHrApi(request, null, async (ctx) => {
    throw new ODataError(
      404,
      `No resource at ${ctx.url.pathname}. Resources: People, People('<PersonCode>'), Departments, Departments('<Code>'), $metadata.`,
    );
  });
}
