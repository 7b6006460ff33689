import { describe, expect, it } from 'vitest';
import { methodNotAllowed, optionsAllowing } from './methods';

describe('OPTIONS and 405 factories', () => {
  it('OPTIONS answers 204 with the methods offered, fixed or read from the request, never cached', async () => {
    const fixed = await optionsAllowing(['GET', 'POST'])(new Request('http://x/People', { method: 'OPTIONS' }));
    expect(fixed.status).toBe(204);
    expect(fixed.headers.get('allow')).toBe('GET, POST');
    expect(fixed.headers.get('cache-control')).toBe('no-store');
    const byPath = optionsAllowing((request) => (request.url.endsWith('/a') ? ['GET'] : ['GET', 'PATCH']));
    expect((await byPath(new Request('http://x/b', { method: 'OPTIONS' }))).headers.get('allow')).toBe('GET, PATCH');
  });

  it('405 names the method, the path and what is allowed, in the shape the protocol builds', async () => {
    const handler = methodNotAllowed(['GET'], async (message, allow) =>
      Response.json({ message }, { status: 405, headers: { Allow: allow } }),
    );
    const response = await handler(new Request('http://x/svc/Departments?$top=1', { method: 'DELETE' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(await response.json()).toEqual({ message: 'DELETE is not supported on /svc/Departments. Allowed: GET.' });
  });
});
