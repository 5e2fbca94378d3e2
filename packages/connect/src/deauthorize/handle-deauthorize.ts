import { ConnectError } from '../errors.ts';
import { paramsRecord } from '../http/params-record.ts';
import { queryOf, single } from '../http/query-of.ts';
import { validateRequest } from '../signature/validate-request.ts';
import { isAccountSid, isConnectAppSid } from '../util/sid.ts';

export interface DeauthorizeOptions {
  /** The Connect App owner's auth token: Switchboard signs deauthorize callbacks with it. */
  authToken: string;
  /**
   * The public URL Twilio called, when it differs from `request.url` (a proxy or load balancer in front).
   * Without a query string, the request's own query string is appended.
   */
  url?: string;
}

export interface Deauthorization {
  /** The Connect subaccount whose grant ended. */
  accountSid: string;
  connectAppSid: string;
}

/**
 * Checks a deauthorize callback's `X-Twilio-Signature` and returns who revoked which app. GET carries the
 * parameters in the (signed) URL, POST in the form body. Throws a ConnectError otherwise.
 */
export async function handleDeauthorize(request: Request, { authToken, url }: DeauthorizeOptions): Promise<Deauthorization> {
  if (!authToken) throw new TypeError('handleDeauthorize needs the Connect App owner\'s authToken; without one every signature would be forgeable.');
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'POST') {
    throw new ConnectError('method_not_allowed', `Deauthorize callbacks arrive as GET or POST, not ${method}. Route the method set as the Connect App's Deauthorize URL HTTP Method to this handler.`);
  }
  const signature = request.headers.get('x-twilio-signature');
  if (!signature) {
    throw new ConnectError('missing_signature', 'The request has no X-Twilio-Signature header, so it cannot be shown to come from Switchboard. Refuse it; if it did come from Switchboard, make sure proxies forward the header.');
  }

  const signedUrl = signedUrlOf(request, url);
  // For GET the parameters must come from the URL that was signed, or they could be swapped freely.
  const params = method === 'GET' ? queryOf(signedUrl) : new URLSearchParams(await request.clone().text());
  if (!validateRequest(authToken, signature, signedUrl, method === 'GET' ? {} : paramsRecord(params))) {
    throw new ConnectError('invalid_signature', `X-Twilio-Signature does not match this request to ${signedUrl}. Check that authToken is the Connect App owner's auth token, and pass \`url\` (the Deauthorize URL as configured) when a proxy changes the URL the app sees.`);
  }

  const accountSid = single(params, 'AccountSid');
  const connectAppSid = single(params, 'ConnectAppSid');
  if (accountSid === undefined || connectAppSid === undefined) {
    throw new ConnectError('missing_params', `The callback must carry one AccountSid and one ConnectAppSid (${method === 'GET' ? 'in the query string' : 'in the form body'}).`);
  }
  if (!isAccountSid(accountSid)) throw new ConnectError('invalid_account_sid', `AccountSid ${JSON.stringify(accountSid.slice(0, 64))} is not an Account SID (AC + 32 hex digits).`);
  if (!isConnectAppSid(connectAppSid)) throw new ConnectError('invalid_connect_app_sid', `ConnectAppSid ${JSON.stringify(connectAppSid.slice(0, 64))} is not a Connect App SID (CN + 32 hex digits).`);
  return { accountSid, connectAppSid };
}

function signedUrlOf(request: Request, url: string | undefined): string {
  if (url === undefined) return request.url;
  return url.includes('?') ? url : url + new URL(request.url).search;
}
