/**
 * The endpoints of the WorkOS-compatible Directory Sync and Events API, each wrapped by `withApiKey`. The route files
 * under app/ only export these. Paths and shapes: shared/reference/workos-directory-sync.md.
 */
import { z } from 'zod';
import { createOrganization } from '../organizations';
import { deleteDirectory, getDirectory, listDirectories } from './directories';
import { ApiError, invalidParameters, notFound } from './errors';
import { listEvents, UnknownEventCursorError } from './events';
import { getGroup, listGroups } from './groups';
import { notAllowed, readJsonObject, withApiKey } from './handler';
import { listJson, toDirectory, toDirectoryGroup, toEvent, toList, toOrganization } from './mappers';
import { getOrganization, listOrganizations } from './organizations';
import {
  listDirectoriesQuery,
  listEventsQuery,
  listGroupsQuery,
  listOrganizationsQuery,
  listUsersQuery,
  parseQuery,
} from './query';
import { getUser, listUsers } from './users';

const ok = (body: unknown) => ({ status: 200, body });

// --- organizations -------------------------------------------------------------------------------------------------

export const listOrganizationsEndpoint = withApiKey('/organizations', async ({ url, ctx }) => {
  const { domains, ...page } = parseQuery(listOrganizationsQuery, url.searchParams);
  const result = await listOrganizations(ctx, { domains }, page);
  return ok(toList(result.data.map(toOrganization), result.listMetadata));
});

/** The Node SDK sends `domain_data: [{domain, state}]`; older SDKs and scripts send `domains: ["…"]`. */
const createOrganizationBody = z.object({
  name: z.unknown(),
  domains: z.array(z.unknown()).max(50).optional(),
  domain_data: z
    .array(z.object({ domain: z.unknown() }).loose())
    .max(50)
    .optional(),
});

export const createOrganizationEndpoint = withApiKey('/organizations', async ({ request, ctx }) => {
  const parsed = createOrganizationBody.safeParse(await readJsonObject(request));
  if (!parsed.success) {
    const field = String(parsed.error.issues[0].path[0] ?? 'body');
    throw invalidParameters([
      { field, code: `invalid_${field}`, message: `${field}: ${parsed.error.issues[0].message}` },
    ]);
  }
  const domains = [...(parsed.data.domains ?? []), ...(parsed.data.domain_data ?? []).map((entry) => entry.domain)];
  const organization = await createOrganization(ctx.db, ctx.tenantId, {
    name: parsed.data.name as string,
    domains: domains as string[],
  });
  const row = await getOrganization(ctx, organization.id);
  return { status: 201, body: toOrganization(row!) };
});

export const getOrganizationEndpoint = withApiKey('/organizations/:id', async ({ params, ctx }) => {
  const row = await getOrganization(ctx, params.id);
  if (!row) throw notFound('Organization', params.id);
  return ok(toOrganization(row));
});

// --- directories ---------------------------------------------------------------------------------------------------

export const listDirectoriesEndpoint = withApiKey('/directories', async ({ url, ctx }) => {
  const { organization_id, search, domain, ...page } = parseQuery(listDirectoriesQuery, url.searchParams);
  const result = await listDirectories(ctx, { organizationId: organization_id, search, domain }, page);
  return ok(
    toList(
      result.data.map((row) => toDirectory(row)),
      result.listMetadata,
    ),
  );
});

export const getDirectoryEndpoint = withApiKey('/directories/:id', async ({ params, ctx }) => {
  const found = await getDirectory(ctx, params.id);
  if (!found) throw notFound('Directory', params.id);
  return ok(toDirectory(found.row, found.metadata));
});

/** 202: `dsync.deleted` is emitted and the directory's users and groups are gone when this answers. */
export const deleteDirectoryEndpoint = withApiKey('/directories/:id', async ({ params, ctx }) => {
  if (!(await deleteDirectory(ctx, params.id))) throw notFound('Directory', params.id);
  return { status: 202, body: {} };
});

// --- directory users and groups ------------------------------------------------------------------------------------

export const listUsersEndpoint = withApiKey('/directory_users', async ({ url, ctx }) => {
  const { directory, group, idp_id, email, ...page } = parseQuery(listUsersQuery, url.searchParams);
  const result = await listUsers(ctx, { directory, group, idpId: idp_id, email }, page);
  return {
    status: 200,
    json: listJson(
      result.data.map((user) => user.json),
      result.listMetadata,
    ),
  };
});

export const getUserEndpoint = withApiKey('/directory_users/:id', async ({ params, ctx }) => {
  const user = await getUser(ctx, params.id);
  if (!user) throw notFound('Directory user', params.id);
  return { status: 200, json: user };
});

export const listGroupsEndpoint = withApiKey('/directory_groups', async ({ url, ctx }) => {
  const { directory, user, ...page } = parseQuery(listGroupsQuery, url.searchParams);
  const result = await listGroups(ctx, { directory, user }, page);
  return ok(toList(result.data.map(toDirectoryGroup), result.listMetadata));
});

export const getGroupEndpoint = withApiKey('/directory_groups/:id', async ({ params, ctx }) => {
  const group = await getGroup(ctx, params.id);
  if (!group) throw notFound('Directory group', params.id);
  return ok(toDirectoryGroup(group));
});

// --- events ----------------------------------------------------------------------------------------------------------

export const listEventsEndpoint = withApiKey('/events', async ({ url, ctx }) => {
  const query = parseQuery(listEventsQuery, url.searchParams);
  try {
    const result = await listEvents(
      ctx,
      {
        events: query.events,
        organizationId: query.organization_id,
        rangeStart: query.range_start,
        rangeEnd: query.range_end,
      },
      { limit: query.limit, after: query.after },
    );
    return ok(toList(result.data.map(toEvent), { after: result.after }));
  } catch (error) {
    if (error instanceof UnknownEventCursorError) {
      throw invalidParameters([
        {
          field: 'after',
          code: 'invalid_after',
          message: `after: there is no event ${error.after} (it may have expired).`,
        },
      ]);
    }
    throw error;
  }
});

// --- anything else on these paths ----------------------------------------------------------------------------------

/** Every path under the API roots that names no endpoint: a JSON 404 (an HTML page would break SDK error handling). */
export const unknownPathEndpoint = (root: string) =>
  withApiKey(`${root}/*`, async ({ url }) => {
    throw new ApiError(404, `There is no endpoint at ${url.pathname}.`, 'entity_not_found');
  });

export const notAllowedOn = notAllowed;
