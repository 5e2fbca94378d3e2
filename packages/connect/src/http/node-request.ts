import type { IncomingMessage } from 'node:http';
import { ConnectError } from '../errors.ts';

export interface NodeRequestOptions {
  /**
   * The public origin (`https://app.example.com`) when the app sits behind a proxy. Defaults to the
   * socket's scheme and the Host header; X-Forwarded-* headers are not trusted.
   */
  origin?: string;
}

/** A Web `Request` for a node:http request whose body you have already read. */
export function toWebRequest(req: IncomingMessage, body?: string | Uint8Array, options: NodeRequestOptions = {}): Request {
  const scheme = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  const origin = options.origin?.replace(/\/+$/, '') ?? `${scheme}://${req.headers.host ?? 'localhost'}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of ([] as string[]).concat(value ?? [])) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD' && body !== undefined;
  return new Request(origin + (req.url ?? '/'), {
    method,
    headers,
    body: hasBody ? (typeof body === 'string' ? body : new Uint8Array(body)) : null,
  });
}

/** Reads a node:http request's body (at most `limit` bytes, 1 MiB by default) and returns a Web `Request`. */
export async function fromNodeRequest(req: IncomingMessage, options: NodeRequestOptions & { limit?: number } = {}): Promise<Request> {
  const limit = options.limit ?? 1024 * 1024;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Deauthorize and webhook bodies are a few hundred bytes; refuse a flood instead of buffering it.
    if (size > limit) throw new ConnectError('payload_too_large', `The request body is over ${limit} bytes; raise \`limit\` if such bodies are expected.`);
    chunks.push(chunk);
  }
  return toWebRequest(req, Buffer.concat(chunks), options);
}
