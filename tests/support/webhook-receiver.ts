import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = { headers: http.IncomingHttpHeaders; body: string; receivedAt: number; path: string };

/** How the receiver answers request number `index` (0-based): a status and body, after a delay, or never. */
export type Answer = { status?: number; body?: string; delayMs?: number; hang?: boolean; endless?: boolean };

export type Receiver = {
  url: string;
  received: ReceivedWebhook[];
  /** Requests being answered right now, per event id (a second one at the same time would be a double delivery). */
  maxInFlightPerEvent: number;
  bytesWritten: number;
  close(): Promise<void>;
};

/** A local HTTP receiver for webhook tests (a remote system, so a fake is fine): records every request it gets. */
export async function startReceiver(
  answer: (index: number, request: ReceivedWebhook) => Answer = () => ({}),
): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  const inFlight = new Map<string, number>();
  const state = { maxInFlightPerEvent: 0, bytesWritten: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedWebhook = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
        path: req.url ?? '/',
      };
      const index = received.push(request) - 1;
      const eventId = (() => {
        try {
          return String((JSON.parse(request.body) as { id?: string }).id);
        } catch {
          return 'unparsable';
        }
      })();
      inFlight.set(eventId, (inFlight.get(eventId) ?? 0) + 1);
      state.maxInFlightPerEvent = Math.max(state.maxInFlightPerEvent, inFlight.get(eventId)!);
      const done = () => inFlight.set(eventId, inFlight.get(eventId)! - 1);
      res.on('close', done);
      const { status = 200, body = 'ok', delayMs = 0, hang = false, endless = false } = answer(index, request);
      if (hang) return;
      const reply = () => {
        if (endless) {
          res.writeHead(200, { 'content-type': 'text/plain' });
          const chunk = Buffer.alloc(64 * 1024, 'x');
          const pump = () => {
            while (!res.destroyed && res.write(chunk)) state.bytesWritten += chunk.length;
            if (!res.destroyed) res.once('drain', pump);
          };
          pump();
          return;
        }
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(body);
      };
      if (delayMs) setTimeout(reply, delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    get maxInFlightPerEvent() {
      return state.maxInFlightPerEvent;
    },
    get bytesWritten() {
      return state.bytesWritten;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
