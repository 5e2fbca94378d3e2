import { ConnectError } from '../errors.ts';
import { timingSafeEqualStrings } from '../util/timing-safe-equal.ts';
import { hs256 } from './jwt.ts';
import { parseScopes, type CapabilityScopes } from './parse-scopes.ts';

export interface VerifiedCapability extends CapabilityScopes {
  /** The `iss` claim: the account the token was issued for. */
  accountSid: string;
  expires: Date;
}

export interface VerifyCapabilityOptions {
  /** The verifier's clock (a Date, or milliseconds since the epoch); the real clock by default. */
  now?: Date | number;
  /** Seconds of clock skew to forgive on `exp` and `nbf`; 0 by default. */
  clockTolerance?: number;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

const malformed = (problem: string): ConnectError =>
  new ConnectError('malformed_token', `The capability token ${problem}. Pass the token exactly as issued (three base64url segments joined by dots).`);

/**
 * Verifies a Twilio Client capability token signed with `authToken` and returns what it grants. Accepts
 * twilio-node's, twilio-python's and the legacy twilio-php's formats; throws a ConnectError otherwise.
 */
export function verifyCapabilityToken(token: string, authToken: string, options: VerifyCapabilityOptions = {}): VerifiedCapability {
  if (!authToken) throw new TypeError('verifyCapabilityToken needs the auth token that signed the token.');
  const segments = typeof token === 'string' ? token.split('.') : [];
  const [header, payload, signature] = segments;
  if (segments.length !== 3 || !segments.every((s) => SEGMENT.test(s)) || !header || !payload || !signature) {
    throw malformed('is not a JWT');
  }
  const alg = decodeJson(header, 'header').alg;
  // Only HS256: accepting the header's choice would let `none` or another key type through.
  if (alg !== 'HS256') {
    throw new ConnectError('unsupported_algorithm', `The token is signed with ${JSON.stringify(alg)}, but capability tokens use HS256. Issue it with ClientCapability or a Twilio helper library.`);
  }
  if (!timingSafeEqualStrings(signature, hs256(authToken, `${header}.${payload}`))) {
    throw new ConnectError('invalid_signature', 'The token\'s signature does not match: it was altered, or signed with another auth token. Verify with the auth token of the account in its iss claim.');
  }

  const claims = decodeJson(payload, 'payload');
  const { iss, exp, nbf, scope } = claims;
  if (typeof iss !== 'string' || iss === '') throw malformed('has no iss (Account SID) claim');
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw malformed('has no numeric exp claim');
  if (nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf))) throw malformed('has a non-numeric nbf claim');
  if (typeof scope !== 'string') throw malformed('has no scope claim');

  const nowMs = options.now === undefined ? Date.now() : Number(options.now);
  const now = Math.floor(nowMs / 1000);
  const tolerance = options.clockTolerance ?? 0;
  if (now >= exp + tolerance) {
    throw new ConnectError('expired', `The token expired at ${new Date(exp * 1000).toISOString()}. Issue a fresh one; devices should fetch a new token before the old one's exp.`);
  }
  if (nbf !== undefined && nbf > now + tolerance) {
    throw new ConnectError('not_yet_valid', `The token is not valid before ${new Date(nbf * 1000).toISOString()}. Check the issuer's clock, or allow skew with clockTolerance.`);
  }
  return { accountSid: iss, expires: new Date(exp * 1000), ...parseScopes(scope) };
}

function decodeJson(segment: string, part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw malformed(`has a ${part} that is not base64url-encoded JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(`has a ${part} that is not a JSON object`);
  return value as Record<string, unknown>;
}
