/**
 * The one door for outbound HTTP to addresses an admin typed in (HR API base URLs; webhook endpoints later).
 * Link-local and cloud-metadata addresses are always refused; other private and loopback addresses only where the
 * operator allows them (ROSTER_EGRESS_ALLOW_PRIVATE) or for this instance's own URL. The address is checked when the
 * socket connects (a custom `lookup`), so a DNS answer cannot change between check and use. Redirects are never
 * followed, and response bodies are size-limited (after decompression).
 */
import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import net from 'node:net';
import zlib from 'node:zlib';

export type EgressPolicy = {
  /** Private and loopback addresses are reachable (operator's choice). */
  allowPrivate: boolean;
  /** Origins that may be private or loopback anyway: this instance's own URL. */
  trustedOrigins: string[];
};

export class EgressBlockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EgressBlockedError';
  }
}

export class EgressTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no complete answer within ${Math.round(timeoutMs / 100) / 10} s`);
    this.name = 'EgressTimeoutError';
  }
}

export class ResponseTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the response body is larger than ${limit} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

const TRUE = ['1', 'true', 'yes', 'on'];

/** This instance's own base URL: ROSTER_PUBLIC_URL, else http://127.0.0.1:$PORT (3000). No trailing slash. */
export function ownBaseUrl(env: Record<string, string | undefined> = process.env): string {
  const configured = env.ROSTER_PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, '');
  return `http://127.0.0.1:${env.PORT?.trim() || '3000'}`;
}

export function egressPolicyFromEnv(env: Record<string, string | undefined> = process.env): EgressPolicy {
  const own = new URL(ownBaseUrl(env)).origin;
  return {
    allowPrivate: TRUE.includes((env.ROSTER_EGRESS_ALLOW_PRIVATE ?? '').trim().toLowerCase()),
    trustedOrigins: [own],
  };
}

function blockList(entries: [string, number, 'ipv4' | 'ipv6'][]): net.BlockList {
  const list = new net.BlockList();
  for (const [address, prefix, family] of entries) list.addSubnet(address, prefix, family);
  return list;
}

/** Never reachable: link-local (cloud metadata lives there), metadata addresses, unspecified, multicast, reserved. */
const ALWAYS_BLOCKED = blockList([
  ['0.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['100.100.100.200', 32, 'ipv4'], // Alibaba Cloud metadata
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['fd00:ec2::254', 128, 'ipv6'], // AWS metadata over IPv6
  ['ff00::', 8, 'ipv6'],
]);

/** Reachable only when private egress is allowed: loopback, RFC 1918, carrier-grade NAT, unique-local IPv6. */
const PRIVATE = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
]);

export type AddressClass = 'public' | 'private' | 'blocked';

export function classifyAddress(address: string): AddressClass {
  const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : null;
  if (!family) return 'blocked';
  // ::ffff:10.0.0.1 is 10.0.0.1
  const mapped = family === 'ipv6' ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] : undefined;
  if (mapped) return classifyAddress(mapped);
  if (ALWAYS_BLOCKED.check(address, family)) return 'blocked';
  if (PRIVATE.check(address, family)) return 'private';
  return 'public';
}

/** Throws EgressBlockedError unless the address may be reached. */
export function assertAddressAllowed(address: string, privateAllowed: boolean): void {
  const kind = classifyAddress(address);
  if (kind === 'blocked')
    throw new EgressBlockedError(
      `the address ${address} is link-local, cloud metadata or reserved, and is never contacted`,
    );
  if (kind === 'private' && !privateAllowed) {
    throw new EgressBlockedError(
      `the address ${address} is private or loopback; set ROSTER_EGRESS_ALLOW_PRIVATE=1 to allow it`,
    );
  }
}

/** Refuses URLs that are not plain http(s) or that carry credentials. */
export function parseEgressUrl(value: string | URL): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EgressBlockedError('the URL is not valid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new EgressBlockedError('only http and https URLs are allowed');
  if (url.username || url.password) throw new EgressBlockedError('URLs with credentials are not allowed');
  return url;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/** A dns.lookup that refuses disallowed answers, used by the socket itself when it connects. */
function guardedLookup(privateAllowed: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      try {
        for (const { address } of addresses) assertAddressAllowed(address, privateAllowed);
      } catch (blocked) {
        return callback(blocked as NodeJS.ErrnoException, '');
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

export type EgressRequest = {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Deadline for the whole exchange: connect, headers and body. */
  timeoutMs: number;
  /** Largest (decompressed) response body accepted. */
  maxBytes: number;
  policy: EgressPolicy;
};

export type EgressResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** One HTTP exchange under the egress rules. Redirects come back as they are (3xx); they are never followed. */
export async function egressRequest(target: string | URL, request: EgressRequest): Promise<EgressResponse> {
  const url = parseEgressUrl(target);
  const privateAllowed = request.policy.allowPrivate || request.policy.trustedOrigins.includes(url.origin);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) assertAddressAllowed(host, privateAllowed);
  const client = url.protocol === 'https:' ? https : http;

  return new Promise<EgressResponse>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, response?: EgressResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(response as EgressResponse);
    };
    const req = client.request(url, {
      method: request.method ?? 'GET',
      headers: { 'accept-encoding': 'gzip, deflate', ...request.headers },
      agent: agents[url.protocol as 'http:' | 'https:'],
      lookup: guardedLookup(privateAllowed) as unknown as typeof dns.lookup,
    });
    const timer = setTimeout(() => {
      const error = new EgressTimeoutError(request.timeoutMs);
      req.destroy(error);
      finish(error);
    }, request.timeoutMs);
    req.on('error', (error) => finish(error));
    req.on('response', (res) => {
      const encoding = (res.headers['content-encoding'] ?? '').toLowerCase();
      const stream =
        encoding === 'gzip'
          ? res.pipe(zlib.createGunzip())
          : encoding === 'deflate'
            ? res.pipe(zlib.createInflate())
            : res;
      const declared = Number(res.headers['content-length']);
      if (!encoding && Number.isFinite(declared) && declared > request.maxBytes) {
        req.destroy();
        return finish(new ResponseTooLargeError(request.maxBytes));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxBytes) {
          req.destroy();
          finish(new ResponseTooLargeError(request.maxBytes));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (error) => finish(error));
      res.on('aborted', () => finish(new Error('the connection closed before the response was complete')));
      stream.on('end', () =>
        finish(null, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.end(request.body);
  });
}
