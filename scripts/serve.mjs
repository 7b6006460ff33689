#!/usr/bin/env node
// Serves the production build, like `next start -p <port> -H <host>`, through Next's custom-server API so that every
// request's X-Forwarded-For ends with the TCP peer's address (see peer-address.mjs), and clients over their rate
// limit are refused before Next routes the request (lib/load-shedding.mjs). `npm start` and the e2e suite
// run this under scripts/with-db.mjs; a plain `next start` still works but cannot tell who the client is.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';
import { PEER_APPENDED_ENV } from './peer-address.mjs';
import { frontDoor } from './front-door.mjs';

const { values } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
  strict: true,
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME ?? '0.0.0.0';
process.env[PEER_APPENDED_ENV] = '1';
/** @type {Record<string, string | undefined>} */ (process.env).NODE_ENV = 'production';

const server = createServer();
const app = next({ dev: false, hostname, port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();
server.on('request', frontDoor(handle));
server.listen(port, hostname, () =>
  console.log(`[roster] ready on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`),
);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
