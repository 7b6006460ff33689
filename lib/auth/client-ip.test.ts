import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { frontDoor } from '@/scripts/front-door.mjs';
import { clientIp, trustedProxyHops } from './client-ip';

/** A real HTTP server that does what scripts/serve.mjs does before handing a request to Next. */
async function addressSeenByRoster(sendHeaders: Record<string, string>, hops: number): Promise<string | null> {
  let seen: string | null = 'not called';
  const server = createServer(
    frontDoor((req: IncomingMessage, res: { end: () => void }) => {
      seen = clientIp(req.headers as Record<string, unknown>, hops, true);
      res.end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await fetch(`http://127.0.0.1:${port}/`, { headers: sendHeaders });
  await new Promise((resolve) => server.close(resolve));
  return seen;
}

describe('client address (sign-in throttle, failed API authentication)', () => {
  it('with no trusted proxy it is the TCP peer, whatever X-Forwarded-For / X-Real-IP the client sends', async () => {
    expect(await addressSeenByRoster({}, 0)).toBe('127.0.0.1');
    expect(await addressSeenByRoster({ 'x-forwarded-for': '6.6.6.6' }, 0)).toBe('127.0.0.1');
    expect(await addressSeenByRoster({ 'x-forwarded-for': '6.6.6.6, 7.7.7.7', 'x-real-ip': '8.8.8.8' }, 0)).toBe(
      '127.0.0.1',
    );
  });

  it('behind n trusted proxies it is the entry the outermost proxy appended (n left of the peer)', async () => {
    // proxy 1 saw 203.0.113.7 and appended it; Roster's peer is proxy 1 (here 127.0.0.1).
    expect(await addressSeenByRoster({ 'x-forwarded-for': 'spoofed, 203.0.113.7' }, 1)).toBe('203.0.113.7');
    expect(await addressSeenByRoster({ 'x-forwarded-for': 'spoofed, 203.0.113.7, 10.0.0.2' }, 2)).toBe('203.0.113.7');
  });

  it('knows no address when the server did not append the peer (next dev, a bare next start)', () => {
    expect(clientIp({ 'x-forwarded-for': '203.0.113.7' }, 0, false)).toBeNull();
    expect(clientIp(new Headers({ 'x-forwarded-for': '1.2.3.4, 5.6.7.8' }), 0, true)).toBe('5.6.7.8');
  });

  it('ROSTER_TRUSTED_PROXY_HOPS defaults to 0 (trust no proxy); nonsense counts as 0', () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ ROSTER_TRUSTED_PROXY_HOPS: '2' })).toBe(2);
    expect(trustedProxyHops({ ROSTER_TRUSTED_PROXY_HOPS: '-1' })).toBe(0);
    expect(trustedProxyHops({ ROSTER_TRUSTED_PROXY_HOPS: 'x' })).toBe(0);
  });
});
