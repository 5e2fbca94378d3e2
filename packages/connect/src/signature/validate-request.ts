import { timingSafeEqualStrings } from '../util/timing-safe-equal.ts';
import { getExpectedBodyHash, getExpectedTwilioSignature, type SignatureParams } from './expected-signature.ts';
import { addPort, removePort, withLegacyQuerystring } from './url-variants.ts';

const matches = (authToken: string, signature: string, url: string, params: SignatureParams | null): boolean =>
  timingSafeEqualStrings(signature, getExpectedTwilioSignature(authToken, url, params));

/**
 * Whether `signature` (the `X-Twilio-Signature` header) is Twilio's for this URL and form params. Like
 * twilio-node it accepts the URL as received with and without the default port, then `new URL()`'s
 * normalization of it, then that with the query re-encoded by Node's legacy querystring module.
 * Unlike twilio-node, an unparseable URL gives false instead of throwing, and so does an empty auth
 * token (an unset environment variable would otherwise make every signature forgeable).
 */
export function validateRequest(authToken: string, signature: string | null | undefined, url: string, params: SignatureParams | null): boolean {
  if (!authToken) return false;
  const header = signature || '';
  if ([removePort(url), addPort(url)].some((candidate) => matches(authToken, header, candidate, params))) return true;
  let normalized: string;
  try {
    normalized = new URL(url).toString();
  } catch {
    return false;
  }
  const withoutPort = removePort(normalized);
  const withPort = addPort(normalized);
  return [withoutPort, withPort, withLegacyQuerystring(withoutPort), withLegacyQuerystring(withPort)]
    .some((candidate) => matches(authToken, header, candidate, params));
}

/** Whether `bodyHash` is the hex SHA-256 of `body`. */
export function validateBody(body: string | Uint8Array, bodyHash: string): boolean {
  return timingSafeEqualStrings(bodyHash, getExpectedBodyHash(body));
}

/**
 * For webhooks with a JSON body: the signature covers the URL (which carries `bodySHA256`) with no
 * params, and the body must hash to that `bodySHA256`.
 */
export function validateRequestWithBody(authToken: string, signature: string | null | undefined, url: string, body: string | Uint8Array): boolean {
  let bodyHash: string;
  try {
    bodyHash = new URL(url).searchParams.get('bodySHA256') || '';
  } catch {
    return false;
  }
  return validateRequest(authToken, signature, url, {}) && validateBody(body, bodyHash);
}
