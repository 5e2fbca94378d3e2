import type { Account } from '../../../storage/repositories/accounts.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';

const SUBRESOURCES: Record<string, string> = {
  addresses: 'Addresses',
  available_phone_numbers: 'AvailablePhoneNumbers',
  applications: 'Applications',
  authorized_connect_apps: 'AuthorizedConnectApps',
  balance: 'Balance',
  calls: 'Calls',
  conferences: 'Conferences',
  connect_apps: 'ConnectApps',
  incoming_phone_numbers: 'IncomingPhoneNumbers',
  keys: 'Keys',
  messages: 'Messages',
  notifications: 'Notifications',
  outgoing_caller_ids: 'OutgoingCallerIds',
  queues: 'Queues',
  recordings: 'Recordings',
  short_codes: 'SMS/ShortCodes',
  signing_keys: 'SigningKeys',
  sip: 'SIP',
  transcriptions: 'Transcriptions',
  usage: 'Usage',
};

const subresourceUris = (sid: string): Record<string, string> =>
  Object.fromEntries(Object.entries(SUBRESOURCES).map(([key, path]) => [key, `/2010-04-01/Accounts/${sid}/${path}.json`]));

/** `auth_token` is shown only to the account's own credentials or its parent's, never to a Connect App. */
export const serializeAccount = (account: Account, revealToken: boolean) => ({
  auth_token: revealToken ? account.auth_token : null,
  date_created: rfc2822(account.date_created),
  date_updated: rfc2822(account.date_updated),
  friendly_name: account.friendly_name,
  owner_account_sid: account.parent_sid ?? account.sid,
  sid: account.sid,
  status: account.status,
  subresource_uris: subresourceUris(account.sid),
  type: account.type,
  uri: `/2010-04-01/Accounts/${account.sid}.json`,
});
