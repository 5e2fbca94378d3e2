import type { IncomingMessage } from 'node:http';
import { TwilioError } from '../errors/twilio-error.ts';

const clientGone = (): TwilioError =>
  new TwilioError(20001, 400, 'The client closed the connection before its request body was read. Keep the connection open until the answer arrives.');

/**
 * `readCappedBody` for the Node request itself: the chunks are taken as Node reads them, without the
 * web stream that wraps them (a promise and a copy per chunk). Past `maxBytes` reading stops; Node
 * discards the rest once the answer is sent. A request whose client hung up, before or while its
 * body is read, fails at once: Node emits nothing more for it, and a read left waiting would hold
 * its place in the concurrency limit for good.
 */
export function readCappedIncoming(incoming: IncomingMessage, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  if (Number(incoming.headers['content-length'] ?? 0) > maxBytes) return Promise.reject(tooLarge());
  if (incoming.readableEnded) return Promise.resolve(Buffer.alloc(0));
  if (incoming.destroyed) return Promise.reject(clientGone());
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onGone).off('close', onGone);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        stop();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onGone = () => onError(clientGone());
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onGone).on('close', onGone);
  });
}
