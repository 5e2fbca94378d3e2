import { pathParameters, type SpecOperation } from './spec-operations.ts';
import type { Form, SpecWalk } from './spec-walk.ts';
import { newSid } from '../../src/util/sid.ts';

/** How the walks of Twilio's spec make valid input: what to send, and what the simulation cannot make. */
export const HOLD_TWIML = '<Response><Pause length="3600"/></Response>';

type Input = (w: SpecWalk) => Form | Promise<Form>;

const CREDENTIAL_LISTS = 'Accounts/{AccountSid}/SIP/CredentialLists';
const IP_ACCESS_CONTROL_LISTS = 'Accounts/{AccountSid}/SIP/IpAccessControlLists';

/** Valid input to create an item of each collection (templates as in the spec, without `.json`). */
export const CREATE: Record<string, Input> = {
  'Accounts': () => ({ FriendlyName: 'Walked subaccount' }),
  'Accounts/{AccountSid}/Addresses': () => ({ CustomerName: 'Ada Lovelace', Street: '1 Main St', City: 'Springfield', Region: 'IL', PostalCode: '62701', IsoCountry: 'US' }),
  'Accounts/{AccountSid}/Applications': () => ({ FriendlyName: 'Walked app' }),
  'Accounts/{AccountSid}/Calls': (w) => ({ To: '+14155550100', From: w.number, Twiml: HOLD_TWIML }),
  'Accounts/{AccountSid}/Calls/{CallSid}/Payments': () => ({ IdempotencyKey: 'walk-1', StatusCallback: 'https://example.com/pay' }),
  'Accounts/{AccountSid}/Calls/{CallSid}/Streams': () => ({ Url: 'wss://example.com/stream' }),
  'Accounts/{AccountSid}/Calls/{CallSid}/Siprec': () => ({ ConnectorName: 'recorder' }),
  'Accounts/{AccountSid}/Calls/{CallSid}/Transcriptions': () => ({ LanguageCode: 'en-US' }),
  'Accounts/{AccountSid}/Calls/{CallSid}/UserDefinedMessageSubscriptions': () => ({ Callback: 'https://example.com/udm' }),
  'Accounts/{AccountSid}/IncomingPhoneNumbers': async (w) => ({ PhoneNumber: await available(w, 'Local') }),
  'Accounts/{AccountSid}/Keys': () => ({ FriendlyName: 'Walked key' }),
  'Accounts/{AccountSid}/SigningKeys': () => ({ FriendlyName: 'Walked signing key' }),
  'Accounts/{AccountSid}/Messages': (w) => ({ To: '+14155550101', From: w.number, Body: 'walk', MediaUrl: 'https://example.com/cat.png' }),
  'Accounts/{AccountSid}/OutgoingCallerIds': () => ({ PhoneNumber: '+14155550102' }),
  'Accounts/{AccountSid}/Queues': () => ({ FriendlyName: `walk-${newSid('QU').slice(2, 10)}` }),
  'Accounts/{AccountSid}/Usage/Triggers': () => ({ CallbackUrl: 'https://example.com/trigger', TriggerValue: '100', UsageCategory: 'sms' }),
  'Accounts/{AccountSid}/SIP/CredentialLists': () => ({ FriendlyName: 'Walked credentials' }),
  'Accounts/{AccountSid}/SIP/CredentialLists/{CredentialListSid}/Credentials': () => ({ Username: `walk${newSid('CR').slice(2, 8)}`, Password: 'Walk-Password-123' }),
  'Accounts/{AccountSid}/SIP/IpAccessControlLists': () => ({ FriendlyName: 'Walked ACL' }),
  'Accounts/{AccountSid}/SIP/IpAccessControlLists/{IpAccessControlListSid}/IpAddresses': () => ({ FriendlyName: 'office', IpAddress: '192.0.2.10' }),
  'Accounts/{AccountSid}/SIP/Domains': () => ({ DomainName: `walk-${newSid('SD').slice(2, 10)}.sip.twilio.com` }),
  // A list is mapped to a domain once (the legacy and Auth/Calls mappings are one), so each mapping maps a list of its own.
  'Accounts/{AccountSid}/SIP/Domains/{DomainSid}/CredentialListMappings': async (w) => ({ CredentialListSid: await w.makeNew(CREDENTIAL_LISTS) }),
  'Accounts/{AccountSid}/SIP/Domains/{DomainSid}/Auth/Calls/CredentialListMappings': async (w) => ({ CredentialListSid: await w.makeNew(CREDENTIAL_LISTS) }),
  'Accounts/{AccountSid}/SIP/Domains/{DomainSid}/Auth/Registrations/CredentialListMappings': async (w) => ({ CredentialListSid: await w.makeNew(CREDENTIAL_LISTS) }),
  'Accounts/{AccountSid}/SIP/Domains/{DomainSid}/IpAccessControlListMappings': async (w) => ({ IpAccessControlListSid: await w.makeNew(IP_ACCESS_CONTROL_LISTS) }),
  'Accounts/{AccountSid}/SIP/Domains/{DomainSid}/Auth/Calls/IpAccessControlListMappings': async (w) => ({ IpAccessControlListSid: await w.makeNew(IP_ACCESS_CONTROL_LISTS) }),
};

const available = async (w: SpecWalk, type: string, country = 'US'): Promise<string> =>
  (await w.request('GET', `/2010-04-01/Accounts/${w.accountSid}/AvailablePhoneNumbers/${country}/${type}.json`)).body.available_phone_numbers[0].phone_number;

/** Valid input for the operations that need some (the rest are sent without parameters). */
export const INPUT: Record<string, Input> = {
  ...Object.fromEntries(Object.entries(CREATE).map(([collection, form]) => [`POST ${collection}`, form])),
  'POST Accounts/{AccountSid}/IncomingPhoneNumbers': async (w) => ({ PhoneNumber: await available(w, 'Local') }),
  'POST Accounts/{AccountSid}/IncomingPhoneNumbers/Local': async (w) => ({ PhoneNumber: await available(w, 'Local') }),
  'POST Accounts/{AccountSid}/IncomingPhoneNumbers/Mobile': async (w) => ({ PhoneNumber: await available(w, 'Mobile', 'GB') }),
  'POST Accounts/{AccountSid}/IncomingPhoneNumbers/TollFree': async (w) => ({ PhoneNumber: await available(w, 'TollFree') }),
  'POST Accounts/{AccountSid}/Calls/{CallSid}/Recordings': () => ({}),
  'POST Accounts/{AccountSid}/Calls/{CallSid}/Recordings/{Sid}': () => ({ Status: 'paused' }),
  'POST Accounts/{AccountSid}/Calls/{CallSid}/Payments/{Sid}': () => ({ IdempotencyKey: 'walk-2', StatusCallback: 'https://example.com/pay', Status: 'cancel' }),
  'POST Accounts/{AccountSid}/Calls/{CallSid}/Streams/{Sid}': () => ({ Status: 'stopped' }),
  'POST Accounts/{AccountSid}/Calls/{CallSid}/Siprec/{Sid}': () => ({ Status: 'stopped' }),
  'POST Accounts/{AccountSid}/Calls/{CallSid}/Transcriptions/{Sid}': () => ({ Status: 'stopped' }),
  'POST Accounts/{AccountSid}/Calls/{CallSid}/UserDefinedMessages': () => ({ Content: '{"hello":"world"}' }),
  'POST Accounts/{AccountSid}/Conferences/{ConferenceSid}/Recordings/{Sid}': () => ({ Status: 'paused' }),
  'POST Accounts/{AccountSid}/Conferences/{ConferenceSid}/Participants': (w) => ({ From: w.number, To: '+14155550103' }),
  'POST Accounts/{AccountSid}/Queues/{QueueSid}/Members/{CallSid}': () => ({ Url: 'https://example.com/dequeued' }),
  'POST Accounts/{AccountSid}/Messages/{Sid}': () => ({ Body: '' }),
  'POST Accounts/{AccountSid}/IncomingPhoneNumbers/{ResourceSid}/AssignedAddOns': () => ({ InstalledAddOnSid: `XB${'0'.repeat(32)}` }),
  'POST Accounts/{AccountSid}/Messages/{MessageSid}/Feedback': () => ({ Outcome: 'confirmed' }),
  'POST Accounts/{AccountSid}/SIP/CredentialLists/{Sid}': () => ({ FriendlyName: 'Renamed' }),
  'POST Accounts/{AccountSid}/SIP/IpAccessControlLists/{Sid}': () => ({ FriendlyName: 'Renamed' }),
};

/** Countries that sell each searchable number type (US sells local and toll-free numbers, GB mobile ones). */
export const COUNTRY_FOR: Record<string, string> = { Mobile: 'GB' };

/**
 * Number types no simulated country sells: their searches are 404 in Twilio's shape, as Twilio
 * answers for a country without that type.
 */
export const UNSOLD_TYPES = new Set(['National', 'Voip', 'SharedCost', 'MachineToMachine']);

/** Operations no valid input exists for in the simulation, and the refusal they answer with. */
export const REFUSED: Record<string, number> = {
  // No add-on can be installed, so the one named is never found.
  'POST Accounts/{AccountSid}/IncomingPhoneNumbers/{ResourceSid}/AssignedAddOns': 404,
  // A simulated conference recording is stored when its conference ends, so it is never in progress to pause (21220).
  'POST Accounts/{AccountSid}/Conferences/{ConferenceSid}/Recordings/{Sid}': 400,
};

/** Collections nothing in the simulation fills: their items are 404 in Twilio's shape. */
export const NEVER_FILLED = new Set([
  'Accounts/{AccountSid}/IncomingPhoneNumbers/{ResourceSid}/AssignedAddOns',
  'Accounts/{AccountSid}/IncomingPhoneNumbers/{ResourceSid}/AssignedAddOns/{AssignedAddOnSid}/Extensions',
  'Accounts/{AccountSid}/Recordings/{ReferenceSid}/AddOnResults',
  'Accounts/{AccountSid}/Recordings/{ReferenceSid}/AddOnResults/{AddOnResultSid}/Payloads',
]);

/**
 * The refusal a successful-looking request answers with when no valid input exists for it in the
 * simulation (an add-on to assign, an add-on result, a number type no country sells); undefined
 * when the operation's success status is expected.
 */
export function expectedRefusal(op: SpecOperation): number | undefined {
  const neverFilled = pathParameters(op.template).some(({ collection }) => NEVER_FILLED.has(collection));
  const unsold = op.template.includes('/AvailablePhoneNumbers/') && UNSOLD_TYPES.has(op.template.split('/').at(-1)!);
  return REFUSED[`${op.method} ${op.template}`] ?? (neverFilled || unsold ? 404 : undefined);
}

/** SID prefixes of the items nothing fills, for well-formed SIDs that name nothing. */
export const NEVER_FILLED_PREFIX: Record<string, string> = { AssignedAddOns: 'XE', Extensions: 'XF', AddOnResults: 'XR', Payloads: 'XH' };
