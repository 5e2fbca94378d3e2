import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { TwilioError } from '../errors/twilio-error.ts';

type Fetch = (request: Request, env: HttpBindings | Http2Bindings) => unknown;

/** `.` or `..`, plain or percent-encoded (`%2e`, `.%2E`, …): a URL parser would resolve them away. */
const isDotSegment = (segment: string): boolean => {
  const decoded = segment.replace(/%2e/gi, '.');
  return decoded === '.' || decoded === '..';
};

export const hasDotSegment = (target: string): boolean => {
  const end = target.search(/[?#]/);
  return (end < 0 ? target : target.slice(0, end)).split('/').some(isDotSegment);
};

const errorResponse = (error: TwilioError): Response =>
  new Response(JSON.stringify(error), { status: error.status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/**
 * Checks what only the raw request line and headers show, before the request becomes a URL:
 * `/Accounts/AC…/%2e%2e/%2e%2e/Accounts.json` would otherwise resolve to another route (404 / 20404
 * instead), and an HTTP/1.1 request without `Host` (which Node would answer with an empty 400) gets
 * Twilio's error shape.
 */
export const guardRawRequest =
  (fetch: Fetch): Fetch =>
  (request, env) => {
    const incoming = env.incoming;
    const target = incoming.url ?? '/';
    if (hasDotSegment(target)) {
      return errorResponse(TwilioError.of('notFound', `The requested resource ${target.split('?')[0]} was not found`));
    }
    if ('httpVersion' in incoming && incoming.httpVersion === '1.1' && incoming.headers.host === undefined) {
      return errorResponse(TwilioError.of('invalidParameter', 'The request has no Host header; HTTP/1.1 requires one.'));
    }
    return fetch(request, env);
  };
