/** The SCIM endpoints, one per route and verb; `app/scim/v2/[tenantId]/**` only re-exports them. */
import { ScimError } from './errors';
import { getGroup, groupsAreReadOnly, listGroups, membersOf } from './groups';
import { optionsAllowing } from '@/lib/http/methods';
import { scimMethodNotAllowed, withScim } from './handler';
import { toListResponse, toScimGroup, toScimUser, type UserView } from './mappers';
import { isExcluded, parseAttributeParams, parseListQuery, projectResource } from './query';
import { resourceTypeDocuments, schemaDocuments, serviceProviderConfig } from './schemas';
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser, type ScimContext } from './users';

type Projection = ReturnType<typeof parseAttributeParams>;

function userResult(ctx: ScimContext, user: UserView, projection: Projection, status = 200) {
  const resource = projectResource(toScimUser(user, ctx.baseUrl), projection);
  return {
    status,
    body: resource,
    userName: user.userName,
    ...(status === 201 ? { location: `${ctx.baseUrl}/Users/${user.id}` } : {}),
  };
}

export const usersGet = withScim({}, async ({ ctx, url }) => {
  const query = parseListQuery(url.searchParams);
  const { users, total } = await listUsers(ctx, query);
  const resources = users.map((u) => projectResource(toScimUser(u, ctx.baseUrl), query));
  return { status: 200, body: toListResponse(resources, total, query.startIndex) };
});

// Query parameters are read before any write: a bad one must not leave a change behind a 400.
export const usersPost = withScim({ body: true }, async ({ ctx, url, body }) => {
  const projection = parseAttributeParams(url.searchParams);
  return userResult(ctx, await createUser(ctx, body), projection, 201);
});

export const userGet = withScim({}, async ({ ctx, url, params }) => {
  const projection = parseAttributeParams(url.searchParams);
  return userResult(ctx, await getUser(ctx, params.id), projection);
});

export const userPut = withScim({ body: true }, async ({ ctx, url, params, body }) => {
  const projection = parseAttributeParams(url.searchParams);
  return userResult(ctx, await replaceUser(ctx, params.id, body), projection);
});

export const userPatch = withScim({ body: true }, async ({ ctx, url, params, body }) => {
  const projection = parseAttributeParams(url.searchParams);
  return userResult(ctx, await patchUser(ctx, params.id, body), projection);
});

export const userDelete = withScim({}, async ({ ctx, params }) => {
  await deleteUser(ctx, params.id);
  return { status: 204 };
});

export const groupsGet = withScim({}, async ({ ctx, url }) => {
  const query = parseListQuery(url.searchParams);
  const { groups, total } = await listGroups(ctx, query);
  const members = isExcluded(query, 'members')
    ? null
    : await membersOf(
        ctx,
        groups.map((g) => g.id),
      );
  const resources = groups.map((g) => projectResource(toScimGroup(g, members?.get(g.id) ?? null, ctx.baseUrl), query));
  return { status: 200, body: toListResponse(resources, total, query.startIndex) };
});

export const groupGet = withScim({}, async ({ ctx, url, params }) => {
  const query = parseAttributeParams(url.searchParams);
  const group = await getGroup(ctx, params.id);
  const members = isExcluded(query, 'members') ? null : (await membersOf(ctx, [group.id])).get(group.id)!;
  return { status: 200, body: projectResource(toScimGroup(group, members, ctx.baseUrl), query) };
});

/** Any write to /Groups or /Groups/{id}: a SCIM 405 with `Allow: GET` that says why (groups are departments). */
export const groupWrite = withScim({}, async () => groupsAreReadOnly());

/** RFC 7644 §4: discovery endpoints ignore paging, and a filter SHOULD get a 403. */
function refuseFilter(url: URL) {
  if (url.searchParams.has('filter')) throw new ScimError(403, 'Filtering is not supported on discovery endpoints.');
}

export const serviceProviderConfigGet = withScim({}, async ({ ctx, url }) => {
  refuseFilter(url);
  return { status: 200, body: serviceProviderConfig(ctx.baseUrl) };
});

function listOrOne(docs: { id: string }[], id: string | undefined, what: string) {
  if (!id) return { status: 200, body: toListResponse(docs, docs.length, 1) };
  const doc = docs.find((d) => d.id.toLowerCase() === id.toLowerCase());
  if (!doc) throw new ScimError(404, `${what} ${id} not found.`);
  return { status: 200, body: doc };
}

export const resourceTypesGet = withScim({}, async ({ ctx, url, params }) => {
  refuseFilter(url);
  return listOrOne(resourceTypeDocuments(ctx.baseUrl), params.id, 'Resource type');
});

export const schemasGet = withScim({}, async ({ ctx, url, params }) => {
  refuseFilter(url);
  return listOrOne(schemaDocuments(ctx.baseUrl), params.id, 'Schema');
});

export const unknownEndpoint = withScim({}, async ({ url }) => {
  throw new ScimError(
    404,
    `There is no SCIM endpoint at ${url.pathname}. Endpoints: /Users, /Groups, /ServiceProviderConfig, /ResourceTypes, /Schemas.`,
  );
});

/** The 405 answers, one per endpoint shape, each naming what the endpoint allows. */
export const usersNotAllowed = scimMethodNotAllowed(['GET', 'POST']);
export const userNotAllowed = scimMethodNotAllowed(['GET', 'PUT', 'PATCH', 'DELETE']);
export const readOnlyNotAllowed = scimMethodNotAllowed(['GET']);
export const usersOptions = optionsAllowing(['GET', 'POST']);
export const userOptions = optionsAllowing(['GET', 'PUT', 'PATCH', 'DELETE']);
export const readOnlyOptions = optionsAllowing(['GET']);
