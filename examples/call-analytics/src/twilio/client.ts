import { switchboardClient } from '@switchboard/connect/twilio';
import type twilio from 'twilio';
import type { AnalyticsConfig } from '../config.ts';

export type CustomerClient = twilio.Twilio;

/**
 * twilio-node for one customer, as the quickstart says: the AccountSid the customer's authorization
 * gave us as username, and our own Auth Token (the Connect App owner's) as password.
 */
export const customerClient = (config: Pick<AnalyticsConfig, 'switchboardUrl' | 'authToken'>, accountSid: string): CustomerClient =>
  switchboardClient(accountSid, config.authToken, { baseUrl: config.switchboardUrl, timeout: 30_000 });
