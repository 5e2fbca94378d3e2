import type { Duplex } from 'node:stream';
import { ERROR_CODES } from '../errors/codes.ts';
import { TwilioError } from '../errors/twilio-error.ts';

/** What Node's parser refuses before any route runs, with the status Node itself would send. */
function describe(error: NodeJS.ErrnoException): { status: number; reason: string; message: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, reason: 'Request Header Fields Too Large', message: 'The request headers are too large.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, reason: 'Request Timeout', message: 'The request was not received in time.' };
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return { status: 400, reason: 'Bad Request', message: 'The request has both Content-Length and Transfer-Encoding.' };
    default:
      return { status: 400, reason: 'Bad Request', message: `The request is not valid HTTP (${error.code}).` };
  }
}

/**
 * Node's `clientError`: answers malformed requests (oversized headers, conflicting lengths, timeouts)
 * in Twilio's JSON error shape (code 20001, with Node's status) instead of an empty body, then closes the connection. A socket that can
 * no longer be written to, or has already had a response started, is just closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { headersSent?: boolean } }): void {
  if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const { status, reason, message } = describe(error);
  const body = JSON.stringify(new TwilioError(ERROR_CODES.invalidParameter.code, status, message));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
