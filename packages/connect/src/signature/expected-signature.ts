import { createHash, createHmac } from 'node:crypto';

/** A parameter value as twilio-node accepts it; arrays are repeated parameters. */
export type SignatureParamValue = string | number | boolean | null | undefined | readonly SignatureParamValue[];
export type SignatureParams = Readonly<Record<string, SignatureParamValue>>;

// twilio-node's toFormUrlEncodedParam: repeated values are de-duplicated and sorted before concatenation.
function paramString(name: string, value: SignatureParamValue): string {
  if (Array.isArray(value)) {
    return Array.from(new Set<SignatureParamValue>(value)).sort().map((v) => paramString(name, v)).join('');
  }
  return name + String(value);
}

/**
 * The `X-Twilio-Signature` Twilio sends for a request to `url` with form `params`: base64 of
 * HMAC-SHA1(authToken, url + each name and value, names sorted). For GET the params are in `url`; pass {}.
 */
export function getExpectedTwilioSignature(authToken: string, url: string, params: SignatureParams | null): string {
  const values = params ?? {};
  const data = Object.keys(values)
    .sort()
    .reduce((acc, key) => acc + paramString(key, values[key]), url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** The hex SHA-256 of a raw body, as Twilio puts it in the `bodySHA256` query parameter of JSON webhooks. */
export function getExpectedBodyHash(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}
