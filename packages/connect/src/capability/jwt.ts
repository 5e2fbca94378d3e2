import { createHmac } from 'node:crypto';

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/** base64url(HMAC-SHA256(key, signingInput)), the JWS HS256 signature segment. */
export const hs256 = (key: string, signingInput: string): string =>
  createHmac('sha256', key).update(signingInput, 'utf8').digest('base64url');

/** A compact HS256 JWS of the given header and payload, serialized by the caller so key order is theirs. */
export function signJwt(header: object, payload: object, key: string): string {
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${signingInput}.${hs256(key, signingInput)}`;
}
