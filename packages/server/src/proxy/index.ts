import type { RequestListener, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { caDirFor, caFilesIn } from './ca-files.ts';
import { forwardRequest, forwardsElsewhere } from './forward-request.ts';
import { connectHandler } from './handle-connect.ts';
import { openLocalCa, type LocalCa } from './local-ca.ts';

export interface InterceptionProxy {
  ca: LocalCa;
  /** Ends every tunnel and intercepted connection; call before closing the HTTP server. */
  close(): void;
}

/**
 * Makes Switchboard's own HTTP server an HTTP proxy for this machine's clients: `CONNECT` to
 * api.twilio.com is answered by the app, other hosts are tunneled, and absolute-form requests for
 * other hosts are forwarded. The local CA lives in `caDir` (see `caDirFor`).
 */
export async function attachInterceptionProxy(server: Server, caDir: string): Promise<InterceptionProxy> {
  const ca = await openLocalCa(caFilesIn(caDir));
  const open = new Set<Duplex>();
  const track = (socket: Duplex) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  server.on('connect', connectHandler(server, ca, track));
  const app = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req, res) => {
    if (forwardsElsewhere(req)) forwardRequest(req, res);
    else for (const listener of app) listener.call(server, req, res);
  });
  return {
    ca,
    close() {
      for (const socket of open) socket.destroy();
    },
  };
}

export { caDirFor };
