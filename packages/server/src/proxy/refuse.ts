import type { Duplex } from 'node:stream';
import { TwilioError } from '../errors/twilio-error.ts';

const REASONS: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 502: 'Bad Gateway' };

/** Twilio's error codes for what the proxy refuses; a target that cannot be reached is a 502 with 20500. */
const CODES: Record<number, number> = { 400: 20001, 403: 20403, 502: 20500 };

/** Answers a CONNECT (or proxied request) with a Twilio-format error and closes the connection. */
export function refuseOnSocket(socket: Duplex, status: 400 | 403 | 502, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify(proxyError(status, message));
  socket.end(`HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

export const proxyError = (status: 400 | 403 | 502, message: string) => new TwilioError(CODES[status]!, status, message).toJSON();
