import { paramsRecord } from '../http/params-record.ts';
import { getExpectedTwilioSignature, type SignatureParams } from './expected-signature.ts';

/**
 * The `X-Twilio-Signature` to send in your own tests of a webhook handler: the full URL the handler
 * will see, and the form body (a record, or the URLSearchParams you send) for POST; nothing for GET.
 */
export function generateTestSignature(authToken: string, url: string, params: SignatureParams | URLSearchParams = {}): string {
  const record = params instanceof URLSearchParams ? paramsRecord(params) : params;
  return getExpectedTwilioSignature(authToken, url, record);
}
