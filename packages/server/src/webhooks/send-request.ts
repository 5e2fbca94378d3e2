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
  latencyMs: number;
}

export interface Timeouts {
  connectMs: number;
  readMs: number;
}

export const WEBHOOK_TIMEOUTS: Timeouts = { connectMs: 5_000, readMs: 15_000 };

/**
 * One webhook request with two deadlines: the connection must open within `connectMs` and the
 * response arrive within `readMs` after that. Redirects are not followed (a 3xx is not an
 * acknowledgement). Never rejects: a failure is a result with an error.
 */
export function sendRequest(request: OutgoingRequest, timeouts: Timeouts = WEBHOOK_TIMEOUTS): Promise<RequestResult> {
  const client = request.url.protocol === 'https:' ? https : http;
  const started = performance.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (status: number | null, error: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ status, error, latencyMs: Math.round(performance.now() - started) });
    };
    const req = client.request(request.url, { method: request.method, headers: request.headers, agent: false }, (res) => {
      finish(res.statusCode ?? null, null);
      res.resume();
      res.socket.setTimeout(timeouts.readMs, () => res.destroy());
    });
    let timer = setTimeout(() => req.destroy(new Error(`no connection within ${timeouts.connectMs / 1000} s`)), timeouts.connectMs);
    req.on('socket', (socket) => {
      socket.once('connect', () => {
        clearTimeout(timer);
        timer = setTimeout(() => req.destroy(new Error(`no response within ${timeouts.readMs / 1000} s`)), timeouts.readMs);
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => finish(null, error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message));
    req.end(request.body);
  });
}
