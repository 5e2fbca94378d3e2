import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isInterceptedHost } from './intercepted-hosts.ts';
import { isLoopbackAddress } from './loopback.ts';
import { proxyError } from './refuse.ts';

/** Headers that belong to one hop, not to the request (RFC 9110 §7.6.1). */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'trailer', 'upgrade'];

/**
 * A request in absolute form (`GET http://host/path`, what `HTTP_PROXY` makes clients send) for a
 * host Switchboard does not answer. Requests for Twilio's hosts, and ordinary ones, return false
 * and go to the app.
 */
export function forwardsElsewhere(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  if (!/^https?:\/\//i.test(url)) return false;
  try {
    return !isInterceptedHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Sends an absolute-form request on to its host (only for this machine's clients) and streams the answer back. */
export function forwardRequest(req: IncomingMessage, res: ServerResponse): void {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return sendError(res, 403, 'This proxy serves only clients on this machine (loopback addresses).');
  const target = new URL(req.url!);
  const headers = { ...req.headers };
  for (const name of HOP_BY_HOP) delete headers[name];
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(target, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, stripHopByHop(answer.headers));
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    if (res.headersSent) res.destroy();
    else sendError(res, 502, `Could not reach ${target.host} (${error.message}).`);
  });
  req.pipe(upstream);
}

function stripHopByHop(headers: IncomingMessage['headers']): IncomingMessage['headers'] {
  const copy = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
}

function sendError(res: ServerResponse, status: 403 | 502, message: string): void {
  const body = JSON.stringify(proxyError(status, message));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body);
}
