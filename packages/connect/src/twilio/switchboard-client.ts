import twilio from 'twilio';
import { SwitchboardRequestClient } from './switchboard-request-client.ts';

export type SwitchboardClientOptions = Omit<twilio.ClientOpts, 'httpClient'> & {
  /** Where Switchboard runs, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
};

/**
 * A twilio-node client that talks to Switchboard. For a Connect App: the customer's Connect
 * subaccount SID and your own auth token. `accountSid` in options is twilio-node's (for API keys).
 */
export function switchboardClient(username: string, password: string, { baseUrl, ...options }: SwitchboardClientOptions): twilio.Twilio {
  // twilio-node hands its timeout/retry options only to the RequestClient it builds itself, so pass them on.
  return twilio(username, password, { ...options, httpClient: new SwitchboardRequestClient(baseUrl, options) });
}
