/**
 * Serves this app's real HR API route handlers over real HTTP (node:http → Request → handler → Response), so the
 * Directory Sync connector is tested over the network exactly as against `next start`, without a production build.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as tokenRoute from '@/app/oauth/token/route';
import * as peopleRoute from '@/app/cezanneondemand/v7/dataservice.svc/People/route';
import * as departmentsRoute from '@/app/cezanneondemand/v7/dataservice.svc/Departments/route';
import * as entityRoute from '@/app/cezanneondemand/v7/dataservice.svc/[entity]/route';

type Handler = (request: Request) => Promise<Response> | Response;
type RouteModule = Partial<Record<string, Handler>>;

const SERVICE = '/cezanneondemand/v7/dataservice.svc';

function routeFor(pathname: string): RouteModule | null {
  if (pathname === '/oauth/token') return tokenRoute as unknown as RouteModule;
  if (pathname === `${SERVICE}/People`) return peopleRoute as unknown as RouteModule;
  if (pathname === `${SERVICE}/Departments`) return departmentsRoute as unknown as RouteModule;
  if (pathname.startsWith(`${SERVICE}/`) && !pathname.slice(SERVICE.length + 1).includes('/'))
    return entityRoute as unknown as RouteModule;
  return null;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export type RouteServer = { url: string; requests: number; close(): Promise<void> };

export async function startRouteServer(): Promise<RouteServer> {
  const state = { requests: 0 };
  const server = http.createServer(async (req, res) => {
    state.requests += 1;
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const handler = routeFor(url.pathname)?.[req.method ?? 'GET'];
      if (!handler) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end('{"error":{"code":"NotFound","message":"no route"}}');
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(await readBody(req));
      const response = await handler(new Request(url, { method: req.method, headers, body }));
      const payload = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(payload);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
