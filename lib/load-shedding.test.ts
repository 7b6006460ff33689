import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { frontDoor } from '@/scripts/front-door.mjs';
import { clearShedding, shedAnswer, shedKey, shedUntil } from './load-shedding.mjs';

afterEach(() => clearShedding());

describe('load shedding at the front door', () => {
  it('keys on the first three path segments', () => {
    expect(shedKey('/scim/v2/abc/Users/1?x=/y')).toBe('/scim/v2/abc');
    expect(shedKey('/scim/v2/abc')).toBe('/scim/v2/abc');
  });

  it('answers a shed prefix itself until the window ends; other paths reach Next', async () => {
    let reachedNext = 0;
    const server = createServer(
      frontDoor((_req: unknown, res: { end: (body: string) => void }) => {
        reachedNext++;
        res.end('next');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    shedUntil('/scim/v2/busy', Date.now() + 30_000, {
      status: 429,
      contentType: 'application/scim+json',
      body: '{"status":"429"}',
    });
    const started = performance.now();
    const shed = await fetch(`${base}/scim/v2/busy/Users?count=1`);
    expect(shed.status).toBe(429);
    // Answered after a short delay, so a client that asks again at once is slowed down.
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
    expect(Number(shed.headers.get('retry-after'))).toBeGreaterThanOrEqual(29);
    expect(await shed.text()).toBe('{"status":"429"}');
    expect(reachedNext).toBe(0);
    expect((await fetch(`${base}/scim/v2/quiet/Users`)).status).toBe(200);
    expect(reachedNext).toBe(1);
    shedUntil('/scim/v2/past', Date.now() - 1, { status: 429, contentType: 'text/plain', body: '' });
    expect((await fetch(`${base}/scim/v2/past/Users`)).status).toBe(200);
    expect(shedAnswer('/scim/v2/past/Users')).toBeNull();
    await new Promise((resolve) => server.close(resolve));
  });
});
