import type { WebhookDelivery } from '../storage/repositories/webhook-deliveries.ts';
import type { OutgoingRequest } from './send-request.ts';
import { twilioSignature } from './sign.ts';

/**
 * The signed request for a delivery: GET carries the parameters in the query, POST in a form body.
 * The URL is signed exactly as it goes on the wire (fragment dropped, query appended), which is the
 * URL the receiver reconstructs.
 */
export function buildRequest(delivery: WebhookDelivery, authToken: string): OutgoingRequest {
  const params = JSON.parse(delivery.params) as Record<string, string>;
  const url = new URL(delivery.url);
  url.hash = '';
  const headers: Record<string, string> = {
    'user-agent': 'TwilioProxy/1.1 (Switchboard)',
    accept: '*/*',
    'i-twilio-idempotency-token': delivery.sid,
  };
  if (delivery.method === 'GET') {
    for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value);
    headers['x-twilio-signature'] = twilioSignature(authToken, url.toString());
    return { url, method: 'GET', headers };
  }
  const body = new URLSearchParams(params).toString();
  headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
  headers['content-length'] = String(Buffer.byteLength(body));
  headers['x-twilio-signature'] = twilioSignature(authToken, url.toString(), params);
  return { url, method: 'POST', headers, body };
}
