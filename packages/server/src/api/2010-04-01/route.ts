import type { AppDeps } from '../../app/deps.ts';
import type { Params } from '../../http/params.ts';
import type { Method, Operation } from '../../policy/decide.ts';
import type { Principal } from '../../principal/principal.ts';
import type { Account } from '../../storage/repositories/accounts.ts';

export interface ApiContext {
  deps: AppDeps;
  principal: Principal;
  /** The account named in the path (present whenever the route names one: policy refused otherwise). */
  target: Account;
  /** Path parameters, SIDs already checked against their prefixes. */
  params: Readonly<Record<string, string>>;
  query: Params;
  form: Params;
  /** The request path as sent, for error messages. */
  path: string;
  /** Scheme, host and port the client reached this server at, for absolute URLs (`media_url`). */
  origin: string;
  now: number;
}

/**
 * A JSON body (as a value, or already serialized), no body, or a streamed file (recording media) with its
 * type and size. `freshUntil`: the instant (on the request's clock) from which a cacheable answer would
 * read differently with no write, because what it shows follows the clock (observed-message.ts).
 */
export type ApiResult =
  | { status: 200 | 201 | 202; body: unknown; freshUntil?: number | null }
  | { status: 200; json: string | Buffer; freshUntil?: number | null }
  | { status: 204 }
  | { status: 200; file: { contentType: string; length: number; stream: ReadableStream<Uint8Array> } };

/** One endpoint: its path (without `/2010-04-01` and `.json`), what it touches, what it accepts. */
export interface ApiRoute {
  method: Method;
  path: string;
  /**
   * What the policy sees. Omitted for paths under `/Accounts/:AccountSid/{Resource}`, where it is
   * that resource of the path's account (see `completeRoute`).
   */
  operation?: Operation;
  /** Path parameter → SID prefix; a malformed SID is a 404. `AccountSid` needs no entry. */
  sids?: Readonly<Record<string, string>>;
  /** The path parameter naming the account acted on, when it is not `AccountSid`. */
  account?: string;
  query?: readonly string[];
  form?: readonly string[];
  /**
   * A GET whose answer is a function of stored rows (and, up to its `freshUntil`, of the clock), not of
   * the host addressed: it may be served again from the response cache until a table is written.
   */
  cacheable?: boolean;
  handle(ctx: ApiContext): Promise<ApiResult>;
}

/** A route with everything the router needs spelled out. */
export type CompleteRoute = ApiRoute & { operation: Operation; sids: Readonly<Record<string, string>> };

const ACCOUNT_SUBRESOURCE = /^\/Accounts\/:AccountSid\/([A-Za-z]+)/;

/**
 * Twilio's paths say what a request touches: `/Accounts/{AccountSid}/Calls/…` acts on the Calls of
 * that account. Such routes get their account, its SID check and their operation from the path.
 */
export function completeRoute(route: ApiRoute): CompleteRoute {
  const match = ACCOUNT_SUBRESOURCE.exec(route.path);
  if (!match) {
    if (!route.operation) throw new Error(`Route ${route.method} ${route.path} must declare its operation.`);
    return { ...route, operation: route.operation, sids: route.sids ?? {} };
  }
  return {
    ...route,
    operation: route.operation ?? { scope: 'subresource', method: route.method, resource: match[1]! },
    sids: { AccountSid: 'AC', ...route.sids },
    account: route.account ?? 'AccountSid',
  };
}

export const ok = (body: unknown, freshUntil: number | null = null): ApiResult => ({ status: 200, body, freshUntil });
export const okJson = (json: string | Buffer, freshUntil: number | null = null): ApiResult => ({ status: 200, json, freshUntil });
export const created = (body: unknown): ApiResult => ({ status: 201, body });
/** Accepted: the change goes on after the answer (a payment being captured). */
export const accepted = (body: unknown): ApiResult => ({ status: 202, body });
export const deleted = (): ApiResult => ({ status: 204 });
