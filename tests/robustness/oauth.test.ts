// Robustness of POST /oauth/token: bad input gets an RFC 6749 error ({error, error_description}), never a 500,
// and no access token is stored. Calls the real route handler on the test database.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { oauthAccessTokens } from '@/db/schema';
import * as tokenRoute from '@/app/oauth/token/route';
import { createTenant } from '@/tests/support/factories';
import { basic, BASE, createApp } from '@/tests/support/hr-api';

let app: { id: string; clientId: string; clientSecret: string };

beforeAll(async () => {
  const tenant = await createTenant();
  app = await createApp(tenant.id, ['api_read']);
});

const tokenCount = async () =>
  (await getDb().select().from(oauthAccessTokens).where(eq(oauthAccessTokens.applicationId, app.id))).length;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const FORM = 'application/x-www-form-urlencoded';
const creds = () =>
  `client_id=${encodeURIComponent(app.clientId)}&client_secret=${encodeURIComponent(app.clientSecret)}`;

type Case = {
  name: string;
  method?: string;
  body?: () => string | ReadableStream<Uint8Array>;
  headers?: () => Record<string, string>;
  status: number;
  error: string;
  allow?: string;
};

function stream(parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      const next = parts.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(encoder.encode(next));
    },
  });
}

const CASES: Case[] = [
  {
    name: 'a JSON body → 400 invalid_request',
    body: () => JSON.stringify({ grant_type: 'client_credentials' }),
    headers: () => ({ 'content-type': 'application/json' }),
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'no content-type → 400 invalid_request',
    body: () => `grant_type=client_credentials&${creds()}`,
    headers: () => ({ 'content-type': '' }),
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'content-type text/plain → 400 invalid_request',
    body: () => `grant_type=client_credentials&${creds()}`,
    headers: () => ({ 'content-type': 'text/plain' }),
    status: 400,
    error: 'invalid_request',
  },
  { name: 'an empty body → 400 invalid_request', body: () => '', status: 400, error: 'invalid_request' },
  {
    name: 'a body of garbage bytes → 400 invalid_request (no grant_type)',
    body: () => '%%%&&&===\u0000\uFFFF',
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'grant_type given twice → 400 invalid_request',
    body: () => `grant_type=client_credentials&grant_type=password&${creds()}`,
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'client_id given twice → 400 invalid_request',
    body: () => `grant_type=client_credentials&${creds()}&client_id=other`,
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'client_secret given twice → 400 invalid_request',
    body: () => `grant_type=client_credentials&${creds()}&client_secret=x`,
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'scope given twice → 400 invalid_request',
    body: () => `grant_type=client_credentials&${creds()}&scope=api_read&scope=api_read`,
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'grant_type password → 400 unsupported_grant_type',
    body: () => `grant_type=password&${creds()}`,
    status: 400,
    error: 'unsupported_grant_type',
  },
  {
    name: 'an unknown scope full of punctuation → 400 invalid_scope',
    body: () => `grant_type=client_credentials&${creds()}&scope=${encodeURIComponent("' or 1=1 --")}`,
    status: 400,
    error: 'invalid_scope',
  },
  {
    name: 'a scope with a NUL → 400 invalid_scope',
    body: () => `grant_type=client_credentials&${creds()}&scope=api_read%00`,
    status: 400,
    error: 'invalid_scope',
  },
  {
    name: 'a client_id with a NUL → 401 invalid_client',
    body: () =>
      `grant_type=client_credentials&client_id=${encodeURIComponent(app.clientId)}%00&client_secret=${encodeURIComponent(app.clientSecret)}`,
    status: 401,
    error: 'invalid_client',
  },
  {
    name: 'a client_secret with a NUL → 401 invalid_client',
    body: () => `grant_type=client_credentials&client_id=${encodeURIComponent(app.clientId)}&client_secret=%00`,
    status: 401,
    error: 'invalid_client',
  },
  {
    name: 'a client_id of 7,000 characters → 401 invalid_client',
    body: () => `grant_type=client_credentials&client_id=${'c'.repeat(7000)}&client_secret=x`,
    status: 401,
    error: 'invalid_client',
  },
  {
    name: 'a client_id of unicode and quotes → 401 invalid_client',
    body: () => `grant_type=client_credentials&client_id=${encodeURIComponent('ü\'.."')}&client_secret=x`,
    status: 401,
    error: 'invalid_client',
  },
  {
    name: 'a body over 8 KB → 400 invalid_request',
    body: () => `grant_type=client_credentials&${creds()}&pad=${'x'.repeat(9000)}`,
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'a chunked body (no content-length) over 8 KB → 400 invalid_request',
    body: () => stream([`grant_type=client_credentials&${creds()}&pad=`, 'x'.repeat(5000), 'x'.repeat(5000)]),
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'Basic auth that is not base64 → 401 invalid_client',
    body: () => 'grant_type=client_credentials',
    headers: () => ({ authorization: 'Basic !!!not*base64!!!' }),
    status: 401,
    error: 'invalid_client',
  },
  {
    name: 'Basic auth without a colon → 401 invalid_client',
    body: () => 'grant_type=client_credentials',
    headers: () => ({ authorization: `Basic ${b64(app.clientId)}` }),
    status: 401,
    error: 'invalid_client',
  },
  {
    name: 'Basic auth that is empty → 401 invalid_client',
    body: () => 'grant_type=client_credentials',
    headers: () => ({ authorization: 'Basic ' }),
    status: 401,
    error: 'invalid_client',
  },
  {
    name: 'the word Basic alone → 401 invalid_client',
    body: () => 'grant_type=client_credentials',
    headers: () => ({ authorization: 'Basic' }),
    status: 401,
    error: 'invalid_client',
  },
  {
    name: 'Basic auth with a bad percent-escape → 401 invalid_client',
    body: () => 'grant_type=client_credentials',
    headers: () => ({ authorization: `Basic ${b64('%ZZ:secret')}` }),
    status: 401,
    error: 'invalid_client',
  },
  {
    name: 'Basic auth with a NUL in the client id → 401 invalid_client',
    body: () => 'grant_type=client_credentials',
    headers: () => ({ authorization: `Basic ${b64(`${app.clientId}%00:${app.clientSecret}`)}` }),
    status: 401,
    error: 'invalid_client',
  },
  {
    name: 'Basic auth with an empty id and secret (":") → 401 invalid_client',
    body: () => 'grant_type=client_credentials',
    headers: () => ({ authorization: `Basic ${b64(':')}` }),
    status: 401,
    error: 'invalid_client',
  },
  {
    name: 'Basic auth with invalid UTF-8 → 401 invalid_client',
    body: () => 'grant_type=client_credentials',
    headers: () => ({ authorization: `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0xff]).toString('base64')}` }),
    status: 401,
    error: 'invalid_client',
  },
  {
    name: 'Basic auth plus a form secret → 400 invalid_request',
    body: () => `grant_type=client_credentials&client_secret=${encodeURIComponent(app.clientSecret)}`,
    headers: () => ({ authorization: basic(app.clientId, app.clientSecret) }),
    status: 400,
    error: 'invalid_request',
  },
  {
    name: 'GET /oauth/token → 405 with Allow: POST',
    method: 'GET',
    status: 405,
    error: 'invalid_request',
    allow: 'POST',
  },
  {
    name: 'PUT /oauth/token → 405 with Allow: POST',
    method: 'PUT',
    body: () => `grant_type=client_credentials&${creds()}`,
    status: 405,
    error: 'invalid_request',
    allow: 'POST',
  },
  {
    name: 'DELETE /oauth/token → 405 with Allow: POST',
    method: 'DELETE',
    status: 405,
    error: 'invalid_request',
    allow: 'POST',
  },
];

describe('OAuth token endpoint robustness: bad input → RFC 6749 error, no token stored', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const before = await tokenCount();
      const method = c.method ?? 'POST';
      const headers = new Headers({ 'content-type': FORM, ...c.headers?.() });
      if (headers.get('content-type') === '') headers.delete('content-type');
      const body = c.body?.();
      const request = new Request(`${BASE}/oauth/token`, {
        method,
        headers,
        body,
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit);
      const handler = (tokenRoute as unknown as Record<string, (r: Request) => Promise<Response>>)[method];
      expect(handler, `no ${method} export`).toBeTypeOf('function');
      const response = await handler(request);
      const text = await response.text();
      expect(response.status, text).toBe(c.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const json = JSON.parse(text);
      expect(json).toEqual({ error: c.error, error_description: expect.any(String) });
      if (c.status === 401) expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
      if (c.allow) expect(response.headers.get('allow')).toBe(c.allow);
      expect(await tokenCount()).toBe(before);
    });
  }

  it('OPTIONS /oauth/token → 204 with Allow: POST (not every exported verb)', async () => {
    const response = await tokenRoute.OPTIONS(new Request(`${BASE}/oauth/token`, { method: 'OPTIONS' }));
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('a chunked, well-formed request still gets a token (control case: streaming is not refused)', async () => {
    const request = new Request(`${BASE}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: stream(['grant_type=client_cred', `entials&${creds()}`]),
      duplex: 'half',
    } as RequestInit);
    const response = await tokenRoute.POST(request);
    expect(response.status, await response.clone().text()).toBe(200);
  });
});
