import { createHmac } from 'node:crypto';

export type SignedParams = Readonly<Record<string, string | readonly string[]>>;

/**
 * `X-Twilio-Signature`: base64 HMAC-SHA1, keyed with an auth token, over the URL exactly as
 * requested followed by each POST parameter's name and value, names sorted (repeated values
 * sorted and de-duplicated, as twilio-node validates them). GET requests sign the URL alone.
 */
export function twilioSignature(authToken: string, url: string, params: SignedParams = {}): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name]!;
    if (typeof value === 'string') data += name + value;
    else for (const v of [...new Set(value)].sort()) data += name + v;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}
