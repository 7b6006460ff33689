// What Roster's server (serve.mjs) does with every request before Next sees it: a client over its rate limit is
// answered at once (lib/load-shedding.mjs), and the TCP peer's address is appended to X-Forwarded-For (peer-address.mjs).
import { appendPeerAddress } from './peer-address.mjs';
import { shedAnswer } from '../lib/load-shedding.mjs';

/**
 * A shed request is answered after this delay: a client that ignores Retry-After and asks again at once, on each of
 * its connections, is slowed to a few requests a second instead of thousands (which would still cost CPU).
 */
export const SHED_DELAY_MS = 250;

/** Wraps Next's request handler `handle(req, res)` into the server's request listener. */
export function frontDoor(handle, shedDelayMs = SHED_DELAY_MS) {
  return (req, res) => {
    const shed = shedAnswer(req.url ?? '/');
    if (shed) {
      const answer = () => {
        res.writeHead(shed.status, {
          'content-type': shed.contentType,
          'retry-after': String(shed.retryAfter),
          'cache-control': 'no-store',
        });
        res.end(shed.body);
      };
      if (shedDelayMs > 0) setTimeout(answer, shedDelayMs).unref?.();
      else answer();
      return;
    }
    appendPeerAddress(req);
    Promise.resolve(handle(req, res)).catch((error) => {
      console.error(`[roster] failed to handle a request: ${error?.constructor?.name ?? 'error'}`);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
}
