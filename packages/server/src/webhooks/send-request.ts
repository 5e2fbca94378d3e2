import http from 'node:http';
import https from 'node:https';

export interface OutgoingRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface RequestResult {
  /** The response status, or null when no response came. */
  status: number | null;
  error: string | null;
  /** Where a request without a response failed: opening the connection, or waiting for the answer. */
  failedAt: 'connect' | 'read' | null;
  contentType: string | null;
  /** The response body, cut to MAX_BODY_BYTES. */
  body: string;
  latencyMs: number;
}

export interface Timeouts {
  connectMs: number;
  readMs: number;
}

export const WEBHOOK_TIMEOUTS: Timeouts = { connectMs: 5_000, readMs: 15_000 };

/** Twilio's limit on a TwiML document; longer answers are kept cut. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * One webhook request with two deadlines: the connection must open within `connectMs` and the
 * response arrive within `readMs` after that (and no gap in it last longer). Redirects are not
 * followed (a 3xx is not an acknowledgement). Never rejects: a failure is a result with an error.
 */
export function sendRequest(request: OutgoingRequest, timeouts: Timeouts = WEBHOOK_TIMEOUTS): Promise<RequestResult> {
  const client = request.url.protocol === 'https:' ? https : http;
  const started = performance.now();
  return new Promise((resolve) => {
    let done = false;
    let connected = false;
    const finish = (result: Omit<RequestResult, 'latencyMs'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: Math.round(performance.now() - started) });
    };
    const req = client.request(request.url, { method: request.method, headers: request.headers, agent: false }, (res) => {
      clearTimeout(timer);
      const chunks: Buffer[] = [];
      let size = 0;
      const answer = () => {
        const body = Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
        finish({ status: res.statusCode ?? null, error: null, failedAt: null, contentType: res.headers['content-type'] ?? null, body });
      };
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', answer);
      // A body cut off (or stalled past the read timeout) still leaves the status that came.
      res.on('error', answer);
      res.on('close', answer);
      res.socket.setTimeout(timeouts.readMs, () => res.destroy());
    });
    let timer = setTimeout(() => req.destroy(new Error(`no connection within ${timeouts.connectMs / 1000} s`)), timeouts.connectMs);
    req.on('socket', (socket) => {
      socket.once('connect', () => {
        connected = true;
        clearTimeout(timer);
        timer = setTimeout(() => req.destroy(new Error(`no response within ${timeouts.readMs / 1000} s`)), timeouts.readMs);
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        status: null,
        error: error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message,
        failedAt: connected ? 'read' : 'connect',
        contentType: null,
        body: '',
      }),
    );
    req.end(request.body);
  });
}
