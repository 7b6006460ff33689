/**
 * A fault-injecting fake Cezanne HR API (tests only): OAuth2 client credentials and OData People/Departments with
 * `@odata.nextLink` paging over real HTTP, plus switchable faults: 500s, hangs (timeouts), garbage JSON, a failing
 * page, 429 with Retry-After, revoked credentials, and an access token that stops working once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakePerson = {
  PersonCode: string;
  GivenName: string;
  FamilyName: string;
  InternalEmail: string | null;
  ExternalEmail?: string | null;
  JobTitle?: string | null;
  DepartmentCode: string | null;
  ActiveEmployee: boolean;
  LeavingDate?: string | null;
};
export type FakeDepartment = { DepartmentCode: string; DepartmentName: string };

export type Fault =
  | { kind: 'none' }
  /** Every data request answers 500 (or only the first `times`). */
  | { kind: 'status'; status: number; times?: number; retryAfter?: string; page?: number }
  /** People page `page` (1-based) never answers. */
  | { kind: 'hang'; page?: number }
  /** People page `page` answers 200 with a body that is not JSON. */
  | { kind: 'garbage'; page?: number }
  /** The token endpoint refuses the client (revoked credentials). */
  | { kind: 'revoked' }
  /** The next data request answers 401 once (token expired early); a fresh token works. */
  | { kind: 'token-expired-once' };

export class FakeHrServer {
  people: FakePerson[] = [];
  departments: FakeDepartment[] = [];
  pageSize = 5;
  fault: Fault = { kind: 'none' };
  clientId = 'fake-client';
  clientSecret = 'fake-secret';
  tokensIssued = 0;
  dataRequests = 0;
  /** The query strings of the People and Departments pages asked for, in order. */
  pageQueries: string[] = [];
  /** Milliseconds each People page takes (to widen race windows in tests). */
  pageDelayMs = 0;
  private server!: http.Server;
  private validTokens = new Set<string>();
  private faultHits = 0;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  setFault(fault: Fault) {
    this.fault = fault;
    this.faultHits = 0;
  }

  private json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname === '/oauth/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      if (
        this.fault.kind === 'revoked' ||
        form.get('client_id') !== this.clientId ||
        form.get('client_secret') !== this.clientSecret
      ) {
        return this.json(res, 401, {
          error: 'invalid_client',
          error_description: 'Client authentication failed: unknown client, wrong secret or revoked application.',
        });
      }
      const token = `tok-${++this.tokensIssued}`;
      this.validTokens.add(token);
      return this.json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: 'api_read' });
    }
    const match = /^\/cezanneondemand\/v7\/dataservice\.svc\/(People|Departments)$/.exec(url.pathname);
    if (!match) return this.json(res, 404, { error: { code: 'NotFound', message: 'no such resource' } });
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !this.validTokens.has(token))
      return this.json(res, 401, { error: { code: 'Unauthorized', message: 'invalid token' } });
    this.dataRequests += 1;
    const entitySet = match[1];
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
    const page = Math.floor(skip / this.pageSize) + 1;
    const fault = this.fault;
    const applies = (onPage?: number) => entitySet === 'People' && (onPage === undefined || onPage === page);

    if (fault.kind === 'token-expired-once' && this.faultHits === 0) {
      this.faultHits += 1;
      this.validTokens.delete(token);
      return this.json(res, 401, { error: { code: 'Unauthorized', message: 'token expired' } });
    }
    if (
      fault.kind === 'status' &&
      (fault.page === undefined ? true : applies(fault.page)) &&
      (fault.times === undefined || this.faultHits < fault.times)
    ) {
      this.faultHits += 1;
      return this.json(
        res,
        fault.status,
        { error: { code: 'ServerError', message: `injected ${fault.status}` } },
        fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
      );
    }
    if (fault.kind === 'hang' && applies(fault.page)) return; // never answers; the client's timeout must fire
    if (fault.kind === 'garbage' && applies(fault.page)) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"value": [ {"PersonCode": "X", ');
      return;
    }
    if (entitySet === 'People' && this.pageDelayMs)
      await new Promise((resolve) => setTimeout(resolve, this.pageDelayMs));
    const all = entitySet === 'People' ? this.people : this.departments;
    this.pageQueries.push(`${entitySet}${url.search}`);
    const value = all
      .slice(skip, skip + this.pageSize)
      .map((entity) => ({ ...entity, LastModified: '2026-01-01T00:00:00Z' }));
    const next =
      skip + this.pageSize < all.length
        ? `${this.url}${url.pathname}?$top=${this.pageSize}${url.searchParams.get('$count') === 'true' ? '&$count=true' : ''}&$skiptoken=${skip + this.pageSize}`
        : undefined;
    return this.json(res, 200, {
      ...(skip === 0 ? { '@odata.count': all.length } : {}),
      value,
      ...(next ? { '@odata.nextLink': next } : {}),
    });
  }
}

export function fakePeople(count: number, departments: string[] = ['ENG', 'OPS']): FakePerson[] {
  return Array.from({ length: count }, (_, i) => {
    const code = `F${String(i + 1).padStart(4, '0')}`;
    return {
      PersonCode: code,
      GivenName: `Given${i + 1}`,
      FamilyName: `Family${i + 1}`,
      InternalEmail: `${code.toLowerCase()}@corp.test`,
      ExternalEmail: null,
      JobTitle: 'Engineer',
      DepartmentCode: departments[i % departments.length] ?? null,
      ActiveEmployee: true,
    };
  });
}
