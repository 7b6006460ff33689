/** The HR API's resources: what each route handler under app/cezanneondemand calls (one function per route and verb). */
import { writeAudit } from '@/lib/audit';
import { CONTROL_CHARACTERS } from '@/lib/hr/schemas';
import { optionsAllowing } from '@/lib/http/methods';
import { odataJson, odataMethodNotAllowed, withHrApi, type ApiContext } from './api';
import { ODataError } from './errors';
import { BodyTooLargeError, readBodyText } from '@/lib/http-body';
import { mediaType } from './http';
import { serviceMetadataXml } from './metadata';
import { DEPARTMENT_PROPERTIES, odataKey, PERSON_PROPERTIES, toODataDepartment, toODataPerson } from './mappers';
import { applySelect, nextLinkFor, parseEntityOptions, parseEntitySegment, parseQueryOptions } from './odata';
import { findDepartmentByCode, findPersonByCode, listDepartmentsPage, listPeoplePage, type Page } from './people';
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

function collection<T>(ctx: ApiContext, entitySet: string, page: Page<unknown>, value: T[]) {
  return {
    '@odata.context': `${ctx.serviceUrl}/$metadata#${entitySet}`,
    ...(page.count === null ? {} : { '@odata.count': page.count }),
    value,
    ...(page.next ? { '@odata.nextLink': nextLinkFor(ctx.url, ctx.baseUrl, page.next) } : {}),
  };
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

/** `GET /People`: a page of people, with `$top`, `$skip`, `$count`, `$filter` on LastModified and `$select`. */
export function getPeople(request: Request): Promise<Response> {
  return withHrApi(request, 'api_read', async (ctx) => {
    const query = parseQueryOptions(ctx.url.searchParams, PERSON_PROPERTIES);
    const page = await listPeoplePage(ctx.db, ctx.caller.tenantId, query);
    return odataJson(
      collection(
        ctx,
        'People',
        page,
        page.items.map((person) => applySelect(toODataPerson(person), query.select)),
      ),
    );
  });
}

/** `GET /Departments`: a page of departments, with the same query options as People. */
export function getDepartments(request: Request): Promise<Response> {
  return withHrApi(request, 'api_read', async (ctx) => {
    const query = parseQueryOptions(ctx.url.searchParams, DEPARTMENT_PROPERTIES);
    const page = await listDepartmentsPage(ctx.db, ctx.caller.tenantId, query);
    return odataJson(
      collection(
        ctx,
        'Departments',
        page,
        page.items.map((d) => applySelect(toODataDepartment(d), query.select)),
      ),
    );
  });
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
