import type { Context, Hono } from 'hono';
import { completeRoute, type ApiRoute, type CompleteRoute } from '../api/2010-04-01/route.ts';
import type { AppDeps } from '../app/deps.ts';
import { accountNow } from '../clock/account-clock.ts';
import { createdSidOf, newRequestNote, recordConnectRequest, resourceOf, type RequestNote } from '../audit/record-request.ts';
import { notFound, TwilioError } from '../errors/twilio-error.ts';
import { applyFaults, type InjectedFailure } from '../faults/apply-faults.ts';
import { decide } from '../policy/decide.ts';
import type { Principal } from '../principal/principal.ts';
import { parseBasicAuth, resolveCredentials, type Credentials } from '../principal/resolve-credentials.ts';
import { findAccount } from '../storage/repositories/accounts.ts';
import { isSid } from '../util/sid.ts';
import { createSharedConcurrencyLimit } from '../cluster/shared-concurrency-limit.ts';
import { createConcurrencyLimit } from './concurrency-limit.ts';
import { parseUrlEncoded, rejectUnknown, type Params } from './params.ts';

interface ConcurrencyLimit {
  acquire(key: string): (() => void) | Promise<() => void>;
}
import { readForm } from './read-form.ts';

export const API_PREFIX = '/2010-04-01';
/** The test controls: JSON like the API, under their own prefix. */
export const CONTROLS_PREFIX = '/_switchboard';
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
const NO_PARAMS: Params = new Map();

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

/**
 * Each request: authenticate, check path SIDs, load the account acted on, ask the policy, meet the
 * faults the test controls injected, read and check parameters, then run the endpoint. Policy comes
 * before parameters so that a caller without access learns nothing from validation messages; faults
 * come after policy (they never tell a stranger anything) and before parameters (a failed request
 * writes nothing). Requests made with Connect credentials are recorded in the audit trail.
 */
const handler = (route: CompleteRoute, deps: AppDeps, limit: ConcurrencyLimit) => {
  const allowedQuery = new Set(route.query ?? []);
  const allowedForm = new Set(route.form ?? []);
  const serve = async (c: Context, principal: Principal, note: RequestNote): Promise<Response> => {
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
      : await findAccount(deps.db, targetSid);
    const decision = decide(principal, route.operation, target);
    if (!decision.allow) {
      note.missingPermission = decision.missing ?? null;
      throw decision.error;
    }
    // What the request does happens at its account's instant (the test clock's, when one is set); a
    // subaccount is created at its creator's.
    const clockAccount = target ?? (principal.kind === 'account' ? principal.account : undefined);
    const now = clockAccount ? await accountNow(deps.db, deps.clock(), clockAccount) : deps.clock();
    if (route.operation.scope !== 'control') {
      const failure = await applyFaults(deps.db, { principal, targetSid, method: route.method, path, now });
      if (failure) {
        note.errorCode = failure.error.code;
        return injectedFailureResponse(c, failure);
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
    if ('json' in result) return c.body(result.json, 200, JSON_HEADERS);
    return c.body(JSON.stringify(result.body), result.status, JSON_HEADERS);
  };
  const resource = resourceOf(route.operation);
  const run = async (c: Context, credentials: Credentials | null): Promise<Response> => {
    const principal = await resolveCredentials(deps.db, credentials);
    if (principal.kind !== 'connect' || deps.audit === null) return serve(c, principal, newRequestNote());
    const request = { method: route.method, path: requestPath(c), resource, at: deps.clock() };
    return recordConnectRequest(deps.audit, principal, request, (note) => serve(c, principal, note));
  };
  return async (c: Context): Promise<Response> => {
    const credentials = parseBasicAuth(c.req.header('authorization'));
    const release = credentials ? await limit.acquire(credentials.username) : undefined;
    try {
      return await run(c, credentials);
    } finally {
      release?.();
    }
  };
};

/**
 * Registers every route of each prefix (the API, the test controls), then answers other methods on
 * known paths with 405/20004. One concurrency limit covers them all (the cluster's, with Redis).
 */
export function mountApi(app: Hono, groups: ReadonlyArray<{ prefix: string; routes: readonly ApiRoute[] }>, deps: AppDeps): void {
  const { apiConcurrency, requestTimeoutMs } = deps.config;
  // With Redis the limit is the cluster's; a place held by a process that died frees itself after the longest request.
  const limit = deps.redis ? createSharedConcurrencyLimit(apiConcurrency, deps.redis, requestTimeoutMs + 5000) : createConcurrencyLimit(apiConcurrency);
  for (const { prefix, routes } of groups) {
    for (const route of routes) app.on(route.method, prefix + route.path, handler(completeRoute(route), deps, limit));
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
