// Calls the real SCIM route handlers (the functions exported by app/scim/v2/[tenantId]/**/route.ts) with real
// Request objects, as Next would.
import * as users from '@/app/scim/v2/[tenantId]/Users/route';
import * as user from '@/app/scim/v2/[tenantId]/Users/[id]/route';
import * as groups from '@/app/scim/v2/[tenantId]/Groups/route';
import * as group from '@/app/scim/v2/[tenantId]/Groups/[id]/route';
import * as spc from '@/app/scim/v2/[tenantId]/ServiceProviderConfig/route';
import * as resourceTypes from '@/app/scim/v2/[tenantId]/ResourceTypes/route';
import * as resourceType from '@/app/scim/v2/[tenantId]/ResourceTypes/[id]/route';
import * as schemas from '@/app/scim/v2/[tenantId]/Schemas/route';
import * as schema from '@/app/scim/v2/[tenantId]/Schemas/[id]/route';
import * as unknown from '@/app/scim/v2/[tenantId]/[...path]/route';
import { afterAll } from 'vitest';
import { flushScimRequestLog } from '@/lib/scim/request-log';

// Write the batched request log before the setup file closes the database pool.
afterAll(() => flushScimRequestLog());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Handler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type RouteModule = Partial<Record<Method, Handler>>;

export const BASE = 'http://roster.test';

function route(path: string): { module: RouteModule; params: Record<string, string | string[]> } {
  const parts = path.split('?')[0].split('/').filter(Boolean);
  const [resource, id, ...rest] = parts;
  const one = (m: RouteModule, many: RouteModule) => ({
    module: id ? m : many,
    params: (id ? { id: decodeURIComponent(id) } : {}) as Record<string, string>,
  });
  if (rest.length === 0) {
    if (resource === 'Users') return one(user as RouteModule, users as RouteModule);
    if (resource === 'Groups') return one(group as RouteModule, groups as RouteModule);
    if (resource === 'ServiceProviderConfig' && !id) return { module: spc as RouteModule, params: {} };
    if (resource === 'ResourceTypes') return one(resourceType as RouteModule, resourceTypes as RouteModule);
    if (resource === 'Schemas') return one(schema as RouteModule, schemas as RouteModule);
  }
  return { module: unknown as RouteModule, params: { path: parts } };
}

// Tests read SCIM JSON bodies field by field, as a client would; typing every resource shape here adds nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ScimResponse = { status: number; body: any; headers: Headers; text: string };

export type CallOptions = { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> };

/** One SCIM request against tenant `tenantId` (path relative to /scim/v2/{tenantId}, e.g. `/Users?count=2`). */
export async function scimCall(
  tenantId: string,
  method: Method,
  path: string,
  options: CallOptions = {},
): Promise<ScimResponse> {
  const { module, params } = route(path);
  const handler = module[method];
  if (!handler) throw new Error(`no ${method} export for ${path}`);
  const headers = new Headers(options.headers);
  if (options.token !== null && options.token !== undefined && !headers.has('authorization'))
    headers.set('authorization', `Bearer ${options.token}`);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers.has('content-type'))
    headers.set('content-type', 'application/scim+json; charset=utf-8');
  const request = new Request(`${BASE}/scim/v2/${tenantId}${path}`, { method, headers, body });
  const response = await handler(request, { params: Promise.resolve({ tenantId, ...params }) });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed, headers: response.headers, text };
}

/** A client bound to one tenant and token. */
export function scimClient(
  tenantId: string,
  token: string | null,
  defaults: { headers?: Record<string, string> } = {},
) {
  const call = (method: Method, path: string, body?: unknown, headers?: Record<string, string>) =>
    scimCall(tenantId, method, path, { token, body, headers: { ...defaults.headers, ...headers } });
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    put: (path: string, body: unknown, headers?: Record<string, string>) => call('PUT', path, body, headers),
    patch: (path: string, body: unknown, headers?: Record<string, string>) => call('PATCH', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => call('DELETE', path, undefined, headers),
  };
}

export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const ROSTER_EXT = 'urn:ietf:params:scim:schemas:extension:cezanne:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
