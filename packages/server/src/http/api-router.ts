import type { HttpBindings } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import { completeRoute, type ApiRoute, type CompleteRoute } from '../api/2010-04-01/route.ts';
import type { AppDeps } from '../app/deps.ts';
import { accountNow } from '../clock/account-clock.ts';
import { createdSidOf, newRequestNote, recordConnectRequest, resourceOf, type RequestNote } from '../audit/record-request.ts';
import { notFound, TwilioError } from '../errors/twilio-error.ts';
import { applyFaults, type InjectedFailure } from '../faults/apply-faults.ts';
import { decide } from '../policy/decide.ts';
import type { Principal } from '../principal/principal.ts';
import { parseBasicAuth, principalFor } from '../principal/resolve-credentials.ts';
import { freshnessOf } from '../storage/freshness.ts';
import { giveBackWhenSent } from '../storage/page-bytes.ts';
import { findFreshAccount } from '../storage/repositories/accounts.ts';
import { isSid } from '../util/sid.ts';
import { createSharedConcurrencyLimit } from '../cluster/shared-concurrency-limit.ts';
import { createConcurrencyLimit } from './concurrency-limit.ts';
import { parseUrlEncoded, rejectUnknown, type Params } from './params.ts';
import { readForm } from './read-form.ts';
import { answerKey, recordServedAgain, type CachedAnswer, type ResponseCache } from './response-cache.ts';

interface ConcurrencyLimit {
  acquire(key: string): (() => void) | Promise<() => void>;
}

export const API_PREFIX = '/2010-04-01';
/** The test controls: JSON like the API, under their own prefix. */
export const CONTROLS_PREFIX = '/_switchboard';
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
const NO_PARAMS: Params = new Map();
/**
 * Past this size an answer is encoded once, outside V8's heap, before it waits on a slow client: sent as a
 * string it stayed in the young generation and was copied by each collection while requests were in
 * flight (a page of 50 calls is 99 KiB; on PostgreSQL, pages that all differ went from 581–721 to 742–790
 * req/s in interleaved runs, and the peak RSS fell by some 30 MiB).
 */
const LARGE_ANSWER_CHARS = 16_384;

/** The path the client sent, `.json` and all, for error messages. */
export const requestPath = (c: Context): string => {
  const url = c.req.url;
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const end = url.indexOf('?', start);
  return url.slice(start, end < 0 ? undefined : end);
};

/** `http://host:port` as the client addressed this server. */
const requestOrigin = (url: string): string => url.slice(0, url.indexOf('/', url.indexOf('//') + 2));

const rawQuery = (url: string): string => {
  const q = url.indexOf('?');
  return q < 0 ? '' : url.slice(q + 1);
};

/** Twilio's challenge: HTTP clients (and curl) retry with Basic credentials only when asked. */
const CHALLENGE = { 'www-authenticate': 'Basic realm="Twilio API"' };

export const twilioErrorResponse = (c: Context, error: TwilioError): Response =>
  c.body(JSON.stringify(error), error.status as 400, error.status === 401 ? { ...JSON_HEADERS, ...CHALLENGE } : JSON_HEADERS);

const injectedFailureResponse = (c: Context, { error, retryAfter }: InjectedFailure): Response => {
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (retryAfter !== null) headers['retry-after'] = String(retryAfter);
  return c.body(JSON.stringify(error), error.status as 400, headers);
};

/** Where a cacheable GET's answer is kept, and the freshness token taken before it was read. */
interface CacheFill {
  cache: ResponseCache;
  key: string;
  token: string;
}

/**
 * Each request: authenticate, check path SIDs, load the account acted on, ask the policy, meet the
 * faults the test controls injected, read and check parameters, then run the endpoint. Policy comes
 * before parameters so that a caller without access learns nothing from validation messages; faults
 * come after policy (they never tell a stranger anything) and before parameters (a failed request
 * writes nothing). Requests made with Connect credentials are recorded in the audit trail. A
 * cacheable GET's answer is kept for the node:http fast path (cached-answers.ts) when no fault was live.
 */
const handler = (route: CompleteRoute, deps: AppDeps, limit: ConcurrencyLimit, cache: ResponseCache | null) => {
  const allowedQuery = new Set(route.query ?? []);
  const allowedForm = new Set(route.form ?? []);
  const resource = resourceOf(route.operation);
  const serve = async (c: Context, principal: Principal, note: RequestNote, fill: CacheFill | null): Promise<Response> => {
    const path = requestPath(c);
    const params = c.req.param() as Record<string, string>;
    for (const [name, prefix] of Object.entries(route.sids)) {
      if (!isSid(prefix, params[name] ?? '')) throw notFound(path);
    }
    const targetSid = route.account ? params[route.account]! : undefined;
    // Most requests act on the caller's own account, which authentication has just read.
    const target =
      targetSid === undefined ? undefined
      : principal.kind === 'account' && principal.account.sid === targetSid ? principal.account
      : await findFreshAccount(deps.db, targetSid);
    const decision = decide(principal, route.operation, target);
    if (!decision.allow) {
      note.missingPermission = decision.missing ?? null;
      throw decision.error;
    }
    // What the request does happens at its account's instant (the test clock's, when one is set); a
    // subaccount is created at its creator's.
    const clockAccount = target ?? (principal.kind === 'account' ? principal.account : undefined);
    const now = clockAccount ? await accountNow(deps.db, deps.clock(), clockAccount) : deps.clock();
    let quiet = true;
    if (route.operation.scope !== 'control') {
      const faults = await applyFaults(deps.db, { principal, targetSid, method: route.method, path, now });
      quiet = faults.quiet;
      if (faults.failure) {
        note.errorCode = faults.failure.error.code;
        return injectedFailureResponse(c, faults.failure);
      }
    }

    const query = parseUrlEncoded(rawQuery(c.req.url));
    rejectUnknown(query, allowedQuery);
    const form = route.method === 'POST' ? await readForm(c.req.raw, deps.config.maxBodyBytes, c.env?.incoming) : NO_PARAMS;
    rejectUnknown(form, allowedForm);

    const origin = requestOrigin(c.req.url);
    const result = await route.handle({ deps, principal, target: target!, params, query, form, path, origin, now });
    if (result.status === 201) note.createdSid = createdSidOf(result.body);
    if (result.status === 204) return c.body(null, 204);
    if ('file' in result) return c.body(result.file.stream, 200, { 'content-type': result.file.contentType, 'content-length': String(result.file.length) });
    const json = 'json' in result ? result.json : JSON.stringify(result.body);
    if (fill && quiet && result.status === 200 && fill.cache.worthKeeping(fill.key)) {
      // Encoded once, for this answer and the ones served again.
      const body = typeof json === 'string' ? Buffer.from(json) : json;
      const connect = principal.kind === 'connect' ? { principal, path, resource } : null;
      // On the server's clock: the request's may be a test clock, which runs at the same pace when it runs.
      const freshUntil = ('freshUntil' in result && result.freshUntil) || null;
      const expiresAt = freshUntil === null ? Infinity : deps.clock() + (freshUntil - now);
      fill.cache.set(fill.key, { token: fill.token, body, connect, expiresAt });
      return c.body(body as Uint8Array<ArrayBuffer>, 200, JSON_HEADERS);
    }
    if (typeof json !== 'string') {
      giveBackWhenSent((c.env as HttpBindings | undefined)?.outgoing, json);
      return c.body(json as Uint8Array<ArrayBuffer>, result.status, JSON_HEADERS);
    }
    return c.body(json.length > LARGE_ANSWER_CHARS ? (Buffer.from(json) as Uint8Array<ArrayBuffer>) : json, result.status, JSON_HEADERS);
  };
  const run = async (c: Context, authorization: string | undefined, fill: CacheFill | null): Promise<Response> => {
    const principal = await principalFor(deps.db, authorization);
    if (principal.kind !== 'connect' || deps.audit === null) return serve(c, principal, newRequestNote(), fill);
    const request = { method: route.method, path: requestPath(c), resource, at: deps.clock() };
    return recordConnectRequest(deps.audit, principal, request, (note) => serve(c, principal, note, fill));
  };
  const freshness = freshnessOf(deps.db);
  const cacheable = cache !== null && freshness !== undefined && route.cacheable === true && route.method === 'GET';
  const answer = async (c: Context, authorization: string | undefined, fill: CacheFill | null): Promise<Response> => {
    const credentials = parseBasicAuth(authorization);
    const release = credentials ? await limit.acquire(credentials.username) : undefined;
    try {
      return await run(c, authorization, fill);
    } finally {
      release?.();
    }
  };
  return async (c: Context): Promise<Response> => {
    const authorization = c.req.header('authorization');
    if (!cacheable) return answer(c, authorization, null);
    // The token is taken before anything is read, so a write that lands meanwhile leaves the answer stale at once.
    const fill = { cache: cache!, key: answerKey((c.env as HttpBindings).incoming), token: await freshness!.token('api') };
    // The same request at the same token, already being read (many clients after a write): its answer is this one's.
    const shared = await cache!.beingRead(fill.key, fill.token);
    if (shared) return answerAgain(c, shared, deps);
    const finish = cache!.startReading(fill.key, fill.token);
    try {
      return await answer(c, authorization, fill);
    } finally {
      finish();
    }
  };
};

/** An answer read for the same request at the same token, served as the fast path serves it (cached-answers.ts). */
function answerAgain(c: Context, answer: CachedAnswer, deps: AppDeps): Response {
  recordServedAgain(answer, deps.audit, deps.clock());
  return c.body(answer.body as Uint8Array<ArrayBuffer>, 200, JSON_HEADERS);
}

/**
 * Registers every route of each prefix (the API, the test controls), then answers other methods on
 * known paths with 405/20004. One concurrency limit covers them all (the cluster's, with Redis).
 */
export function mountApi(app: Hono, groups: ReadonlyArray<{ prefix: string; routes: readonly ApiRoute[] }>, deps: AppDeps, cache: ResponseCache | null): void {
  const { apiConcurrency, requestTimeoutMs } = deps.config;
  // With Redis the limit is the cluster's; a place held by a process that died frees itself after the longest request.
  const limit = deps.redis ? createSharedConcurrencyLimit(apiConcurrency, deps.redis, requestTimeoutMs + 5000) : createConcurrencyLimit(apiConcurrency);
  for (const { prefix, routes } of groups) {
    for (const route of routes) app.on(route.method, prefix + route.path, handler(completeRoute(route), deps, limit, cache));
    mountMethodNotAllowed(app, prefix, routes);
  }
}

function mountMethodNotAllowed(app: Hono, prefix: string, routes: readonly ApiRoute[]): void {
  for (const path of new Set(routes.map((r) => r.path))) {
    const allowed = routes.filter((r) => r.path === path).map((r) => r.method);
    app.all(prefix + path, (c) => {
      c.header('Allow', allowed.join(', '));
      return twilioErrorResponse(c, TwilioError.of('methodNotAllowed', `Method ${c.req.method} not allowed on ${requestPath(c)}; use ${allowed.join(' or ')}.`));
    });
  }
}
