import type { IncomingMessage, Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { parseConnectTarget } from './connect-target.ts';
import { isInterceptedHost } from './intercepted-hosts.ts';
import type { LocalCa } from './local-ca.ts';
import { isLoopbackAddress } from './loopback.ts';
import { refuseOnSocket } from './refuse.ts';

const ESTABLISHED = 'HTTP/1.1 200 Connection Established\r\n\r\n';
const UPSTREAM_CONNECT_TIMEOUT_MS = 10_000;

/**
 * `CONNECT host:port` from this machine: Twilio's API hosts on 443 are answered by Switchboard's own
 * HTTP server over TLS with the local CA's certificate; anything else is a plain TCP tunnel.
 */
export function connectHandler(server: Server, ca: LocalCa, track: (socket: Duplex) => void) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    track(socket);
    socket.on('error', () => socket.destroy());
    if (!isLoopbackAddress(req.socket.remoteAddress)) {
      refuseOnSocket(socket, 403, 'This proxy serves only clients on this machine (loopback addresses).');
      return;
    }
    const target = parseConnectTarget(req.url);
    if ('error' in target) {
      refuseOnSocket(socket, 400, target.error);
      return;
    }
    if (target.port === 443 && isInterceptedHost(target.host)) void intercept(server, ca, target.host, socket, head, track);
    else tunnel(target, socket, head, track);
  };
}

async function intercept(server: Server, ca: LocalCa, host: string, socket: Duplex, head: Buffer, track: (socket: Duplex) => void): Promise<void> {
  let secureContext;
  try {
    secureContext = await ca.contextFor(host);
  } catch (error) {
    refuseOnSocket(socket, 502, `Could not make a certificate for ${host} (${(error as Error).message}).`);
    return;
  }
  if (socket.destroyed) return;
  socket.write(ESTABLISHED);
  if (head.length > 0) socket.unshift(head);
  const tls = new TLSSocket(socket as Socket, { isServer: true, secureContext, ALPNProtocols: ['http/1.1'] });
  tls.on('error', () => tls.destroy());
  track(tls);
  // The decrypted stream is one more connection to the same HTTP server: the same app serves it.
  server.emit('connection', tls);
}

function tunnel(target: { host: string; port: number }, socket: Duplex, head: Buffer, track: (socket: Duplex) => void): void {
  const upstream = connect({ host: target.host, port: target.port });
  track(upstream);
  upstream.setTimeout(UPSTREAM_CONNECT_TIMEOUT_MS, () => upstream.destroy(new Error('no answer in time')));
  upstream.once('error', (error) => {
    refuseOnSocket(socket, 502, `Could not reach ${target.host}:${target.port} (${error.message}).`);
  });
  upstream.once('connect', () => {
    upstream.setTimeout(0);
    upstream.removeAllListeners('error');
    upstream.on('error', () => socket.destroy());
    socket.write(ESTABLISHED);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  socket.once('close', () => upstream.destroy());
}
