import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AuditTrail } from '../audit/audit-trail.ts';
import type { Freshness } from '../storage/freshness.ts';
import { API_PREFIX } from './api-router.ts';
import { answerKey, recordServedAgain, type CachedAnswer, type ResponseCache } from './response-cache.ts';

const CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Answers a GET the API answered before, straight from node:http, while nothing it read has changed:
 * the same credentials, host, path and query, a freshness token equal to the one taken before the
 * answer was read, and a clock short of the instant its contents would change by themselves. It costs
 * a map lookup and a write, where the full path authenticates, reads and serializes. Everything else,
 * and a cached answer gone stale, goes on to `next`.
 */
export function answerFromCache(cache: ResponseCache, freshness: Freshness, audit: AuditTrail | null, clock: () => number, next: RequestListener): RequestListener {
  const send = (request: IncomingMessage, response: ServerResponse, key: string, answer: CachedAnswer, token: string): void => {
    if (token !== answer.token || clock() >= answer.expiresAt) {
      cache.delete(key);
      next(request, response);
      return;
    }
    recordServedAgain(answer, audit, clock());
    cache.hits++;
    response.writeHead(200, { 'content-type': CONTENT_TYPE, 'content-length': answer.body.length });
    response.end(answer.body);
  };
  return (request, response) => {
    if (request.method !== 'GET' || !request.url?.startsWith(`${API_PREFIX}/`)) return next(request, response);
    const key = answerKey(request);
    const answer = cache.get(key);
    if (!answer) return next(request, response);
    const token = freshness.token('api');
    if (typeof token === 'string') return send(request, response, key, answer, token);
    token.then(
      (fresh) => send(request, response, key, answer, fresh),
      () => next(request, response),
    );
  };
}
