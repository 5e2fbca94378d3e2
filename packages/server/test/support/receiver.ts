import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got, as the app's server would see it. */
export interface Received {
  method: string;
  /** The full URL as the app reconstructs it: `http://127.0.0.1:{port}{path}`. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The form body of a POST, as a record. */
  form: Record<string, string>;
  at: number;
}

export interface Receiver {
  /** `http://127.0.0.1:{port}` */
  origin: string;
  port: number;
  received: Received[];
  /** HTML served at `GET /shop`: the app's page with the Connect button. */
  shopHtml: string;
  /** The status for each callback to a path other than /shop; 200 unless set. */
  respond: (request: Received) => number;
  /** Resolves with the requests to `path` once `count` of them have arrived. */
  waitFor(path: string, count?: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/**
 * The Connect App developer's web server, on loopback: it serves the page with the Connect button,
 * receives the browser at the Authorize URL and the deauthorize callbacks, and records them all.
 */
export async function startReceiver(port = 0): Promise<Receiver> {
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  let server: Server;
  const receiver: Receiver = {
    origin: '',
    port: 0,
    received,
    shopHtml: '<!DOCTYPE html><title>Shop</title><p>No button yet</p>',
    respond: () => 200,
    async waitFor(path, count = 1, timeoutMs = 15_000) {
      const matching = () => received.filter((r) => r.path === path);
      const deadline = Date.now() + timeoutMs;
      while (matching().length < count) {
        if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${count} request(s) to ${path}; got ${matching().length}.`);
        await new Promise<void>((resolve) => {
          const wake = () => { waiters.delete(wake); resolve(); };
          waiters.add(wake);
          setTimeout(wake, 50);
        });
      }
      return matching();
    },
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
  server = createServer(async (req, res) => {
    const url = `${receiver.origin}${req.url}`;
    const parsed = new URL(url);
    const body = await readBody(req);
    const form = req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(body)) : {};
    if (parsed.pathname === '/shop') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(receiver.shopHtml);
      return;
    }
    const request: Received = { method: req.method ?? '', url, path: parsed.pathname, query: parsed.searchParams, headers: req.headers, form, at: Date.now() };
    received.push(request);
    for (const wake of [...waiters]) wake();
    const status = receiver.respond(request);
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(`<!DOCTYPE html><title>Receiver</title><h1>Received ${req.method} ${parsed.pathname}</h1>`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  receiver.port = (server.address() as AddressInfo).port;
  receiver.origin = `http://127.0.0.1:${receiver.port}`;
  return receiver;
}
