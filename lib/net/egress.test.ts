import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classifyAddress,
  egressPolicyFromEnv,
  egressRequest,
  EgressBlockedError,
  EgressTimeoutError,
  ownBaseUrl,
  ResponseTooLargeError,
} from './egress';

describe('egress address rules', () => {
  it('link-local, cloud metadata and reserved addresses are always blocked', () => {
    for (const address of [
      '169.254.169.254',
      '169.254.1.1',
      '100.100.100.200',
      '0.0.0.0',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:169.254.169.254',
      '224.0.0.1',
      '::',
    ]) {
      expect(classifyAddress(address), address).toBe('blocked');
    }
  });
  it('loopback and private ranges are private; others public', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '::1',
      'fd12::1',
      '::ffff:10.0.0.1',
    ]) {
      expect(classifyAddress(address), address).toBe('private');
    }
    expect(classifyAddress('93.184.216.34')).toBe('public');
    expect(classifyAddress('2606:4700::1111')).toBe('public');
  });
  it("the operator's switch and this instance's own URL", () => {
    expect(egressPolicyFromEnv({}).allowPrivate).toBe(false);
    expect(egressPolicyFromEnv({ ROSTER_EGRESS_ALLOW_PRIVATE: '1' }).allowPrivate).toBe(true);
    expect(ownBaseUrl({ PORT: '4010' })).toBe('http://127.0.0.1:4010');
    expect(ownBaseUrl({ ROSTER_PUBLIC_URL: 'https://roster.example.com/' })).toBe('https://roster.example.com');
    expect(egressPolicyFromEnv({ ROSTER_PUBLIC_URL: 'https://roster.example.com' }).trustedOrigins).toEqual([
      'https://roster.example.com',
    ]);
  });
});

describe('egressRequest over HTTP', () => {
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/redirect')
        return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
      if (req.url === '/big') return res.writeHead(200).end('x'.repeat(5000));
      if (req.url === '/slow') return; // never answers
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const closed = { allowPrivate: false, trustedOrigins: [] as string[] };
  const open = { allowPrivate: true, trustedOrigins: [] as string[] };
  const request = (path: string, policy = open, extra = {}) =>
    egressRequest(`${base}${path}`, { timeoutMs: 1000, maxBytes: 1000, policy, ...extra });

  it('loopback is refused unless allowed by the operator or it is our own URL', async () => {
    await expect(request('/', closed)).rejects.toBeInstanceOf(EgressBlockedError);
    expect((await request('/', open)).status).toBe(200);
    expect((await request('/', { allowPrivate: false, trustedOrigins: [base] })).status).toBe(200);
  });
  it('a hostname resolving to loopback is checked when the socket connects', async () => {
    await expect(
      egressRequest(base.replace('127.0.0.1', 'localhost'), { timeoutMs: 1000, maxBytes: 1000, policy: closed }),
    ).rejects.toThrow(/private or loopback/);
  });
  it('metadata addresses are refused even with private egress allowed; redirects are not followed', async () => {
    await expect(
      egressRequest('http://169.254.169.254/latest/meta-data', { timeoutMs: 1000, maxBytes: 1000, policy: open }),
    ).rejects.toBeInstanceOf(EgressBlockedError);
    const response = await request('/redirect');
    expect(response.status).toBe(302);
  });
  it('bodies are size-limited and requests time out', async () => {
    await expect(request('/big')).rejects.toBeInstanceOf(ResponseTooLargeError);
    await expect(request('/slow', open, { timeoutMs: 200 })).rejects.toBeInstanceOf(EgressTimeoutError);
  });
  it('only plain http(s) without credentials', async () => {
    await expect(
      egressRequest('file:///etc/passwd', { timeoutMs: 100, maxBytes: 10, policy: open }),
    ).rejects.toBeInstanceOf(EgressBlockedError);
    await expect(
      egressRequest(`http://user:pw@127.0.0.1:1/`, { timeoutMs: 100, maxBytes: 10, policy: open }),
    ).rejects.toBeInstanceOf(EgressBlockedError);
  });
});
