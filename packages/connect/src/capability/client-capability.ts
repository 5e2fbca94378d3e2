import { signJwt } from './jwt.ts';
import { eventStreamScope, incomingScope, outgoingScope, type ScopeParams } from './scope-strings.ts';

export interface ClientCapabilityOptions {
  accountSid: string;
  authToken: string;
  /** Seconds the token lives; 3600 by default. */
  ttl?: number;
}

/** twilio-node's OutgoingClientScope options. */
export interface OutgoingClientOptions {
  applicationSid: string;
  clientName?: string;
  params?: ScopeParams;
}

/**
 * Builds Twilio Client capability tokens. For the same inputs and clock `toJwt()` is byte-identical to
 * twilio-node's `twilio.jwt.ClientCapability` (HS256 with the auth token; payload scope, iss, exp, iat).
 */
export class ClientCapability {
  readonly accountSid: string;
  readonly #authToken: string;
  readonly #ttl: number;
  readonly #scopes: string[] = [];

  constructor(options: ClientCapabilityOptions);
  constructor(accountSid: string, authToken: string);
  constructor(first: ClientCapabilityOptions | string, authToken?: string) {
    const options = typeof first === 'string' ? { accountSid: first, authToken: authToken ?? '' } : first;
    if (!options.accountSid) throw new TypeError('ClientCapability needs the accountSid the token is issued for (AC…).');
    if (!options.authToken) throw new TypeError('ClientCapability needs that account\'s authToken: it is the signing key.');
    this.accountSid = options.accountSid;
    this.#authToken = options.authToken;
    this.#ttl = checkTtl(options.ttl ?? 3600);
  }

  /** Lets the device receive calls addressed to `clientName`. */
  allowClientIncoming(clientName: string): this {
    if (!clientName) throw new TypeError('allowClientIncoming needs a non-empty client name.');
    this.#scopes.push(incomingScope(clientName));
    return this;
  }

  /** Lets the device call out through the TwiML App `appSid`, which receives `params` with each call. */
  allowClientOutgoing(appSid: string, params?: ScopeParams): this;
  allowClientOutgoing(options: OutgoingClientOptions): this;
  allowClientOutgoing(first: string | OutgoingClientOptions, params?: ScopeParams): this {
    const options = typeof first === 'string' ? { applicationSid: first, params } : first;
    if (!options.applicationSid) throw new TypeError('allowClientOutgoing needs the TwiML App SID (AP…).');
    this.#scopes.push(outgoingScope(options.applicationSid, options.clientName, options.params));
    return this;
  }

  /** Lets the device subscribe to the account's event stream, optionally filtered. */
  allowEventStream(filters?: ScopeParams): this {
    this.#scopes.push(eventStreamScope(filters));
    return this;
  }

  /** The signed token, valid from now for `ttl` seconds (the constructor's ttl, else 3600). */
  toJwt(ttl: number = this.#ttl): string {
    const iat = Math.floor(Date.now() / 1000);
    // Key order and header are jsonwebtoken's (which twilio-node uses): it appends iat after exp.
    const payload = { scope: this.#scopes.join(' '), iss: this.accountSid, exp: iat + checkTtl(ttl), iat };
    return signJwt({ alg: 'HS256', typ: 'JWT' }, payload, this.#authToken);
  }
}

function checkTtl(ttl: number): number {
  if (!Number.isInteger(ttl) || ttl <= 0) throw new RangeError(`ttl must be a positive whole number of seconds, got ${ttl}.`);
  return ttl;
}
