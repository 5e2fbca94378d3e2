import type { Kysely } from 'kysely';
import type { Database } from '../../src/storage/schema.ts';
import { createRecordingForCall } from '../../src/telephony/create-recording.ts';
import { newSid } from '../../src/util/sid.ts';
import { pathParameters, type SpecOperation } from './spec-operations.ts';

export type Form = Record<string, string>;

export interface Answer {
  status: number;
  body: any;
}

/** What a walk needs from its suite: the database, the clock, and what the walked account already has. */
export interface WalkSetup {
  baseUrl: string;
  db: Kysely<Database>;
  advance(ms: number): Promise<void>;
  /** The account walked, with its own credentials (the walk makes what it needs with them). */
  account: { sid: string; auth_token: string };
  /** A number the walked account owns, to call and text from. */
  number: string;
  /** A Connect App the walked account authorized. */
  connectAppSid: string;
  /** A Connect App the walked account owns. */
  ownConnectAppSid: string;
}

const HOLD_TWIML = '<Response><Pause length="3600"/></Response>';

type Input = (w: SpecWalk) => Form | Promise<Form>;

/** Valid input to create an item of each collection (templates as in the spec, without `.json`). */
const CREATE: Record<string, Input> = {
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
};

const available = async (w: SpecWalk, type: string, country = 'US'): Promise<string> =>
  (await w.request('GET', `/2010-04-01/Accounts/${w.accountSid}/AvailablePhoneNumbers/${country}/${type}.json`)).body.available_phone_numbers[0].phone_number;

/** Valid input for the operations that need some (the rest are sent without parameters). */
const INPUT: Record<string, Input> = {
  ...Object.fromEntries(Object.entries(CREATE).map(([collection, form]) => [`POST ${collection}`, form])),
  'POST Accounts/{AccountSid}/IncomingPhoneNumbers': async (w) => ({ PhoneNumber: await available(w, 'Local') }),
  'POST Accounts/{AccountSid}/IncomingPhoneNumbers/Local': async (w) => ({ PhoneNumber: await available(w, 'Local') }),
  'POST Accounts/{AccountSid}/IncomingPhoneNumbers/Mobile': async (w) => ({ PhoneNumber: await available(w, 'Mobile', 'GB') }),
  'POST Accounts/{AccountSid}/IncomingPhoneNumbers/TollFree': async (w) => ({ PhoneNumber: await available(w, 'TollFree') }),
  'POST Accounts/{AccountSid}/SIP/Domains/{DomainSid}/CredentialListMappings': async (w) => ({ CredentialListSid: await w.make('Accounts/{AccountSid}/SIP/CredentialLists') }),
  'POST Accounts/{AccountSid}/SIP/Domains/{DomainSid}/Auth/Calls/CredentialListMappings': async (w) => ({ CredentialListSid: await w.make('Accounts/{AccountSid}/SIP/CredentialLists') }),
  'POST Accounts/{AccountSid}/SIP/Domains/{DomainSid}/Auth/Registrations/CredentialListMappings': async (w) => ({ CredentialListSid: await w.make('Accounts/{AccountSid}/SIP/CredentialLists') }),
  'POST Accounts/{AccountSid}/SIP/Domains/{DomainSid}/IpAccessControlListMappings': async (w) => ({ IpAccessControlListSid: await w.make('Accounts/{AccountSid}/SIP/IpAccessControlLists') }),
  'POST Accounts/{AccountSid}/SIP/Domains/{DomainSid}/Auth/Calls/IpAccessControlListMappings': async (w) => ({ IpAccessControlListSid: await w.make('Accounts/{AccountSid}/SIP/IpAccessControlLists') }),
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
const COUNTRY_FOR: Record<string, string> = { Mobile: 'GB' };

/**
 * Number types no simulated country sells: their searches are 404 in Twilio's shape, as Twilio
 * answers for a country without that type.
 */
export const UNSOLD_TYPES = new Set(['National', 'Voip', 'SharedCost', 'MachineToMachine']);

/** Operations no valid input exists for in the simulation, and the refusal they answer with. */
export const REFUSED: Record<string, number> = {
  // No add-on can be installed, so the one named is never found.
  'POST Accounts/{AccountSid}/IncomingPhoneNumbers/{ResourceSid}/AssignedAddOns': 404,
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
const NEVER_FILLED_PREFIX: Record<string, string> = { AssignedAddOns: 'XE', Extensions: 'XF', AddOnResults: 'XR', Payloads: 'XH' };

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/**
 * Walks the spec's operations on one account: finds (or makes) an item for every `{Sid}` of a path,
 * parents first, and sends the operation valid input. Items are made once per collection, except
 * that a DELETE gets an item of its own.
 */
export class SpecWalk {
  private readonly made = new Map<string, Promise<string>>();
  /** The transcription of each recording the walk made. */
  private readonly transcriptionOf = new Map<string, string>();

  constructor(readonly setup: WalkSetup) {}

  get accountSid(): string {
    return this.setup.account.sid;
  }

  get number(): string {
    return this.setup.number;
  }

  /** A request with the walked account's own credentials. */
  request(method: string, path: string, form?: Form, auth = basic(this.accountSid, this.setup.account.auth_token)): Promise<Answer> {
    return send(this.setup.baseUrl, auth, method, path, form);
  }

  /** The concrete path of `template`, its items made; `fresh` makes a new item for the last `{Sid}`. */
  async resolve(template: string, fresh = false): Promise<string> {
    const values: Record<string, string> = {};
    const country = COUNTRY_FOR[template.split('/').at(-1)!];
    if (country && template.includes('/AvailablePhoneNumbers/')) values.CountryCode = country;
    const parameters = pathParameters(template);
    for (const [index, { name, collection }] of parameters.entries()) {
      if (values[name]) continue;
      const concrete = fill(collection, values);
      values[name] = await this.item(collection, concrete, fresh && index === parameters.length - 1);
    }
    return `/2010-04-01/${fill(template, values)}.json`;
  }

  /** Calls and messages are deleted once they are over, as Twilio requires. */
  async prepare(op: SpecOperation, path: string): Promise<void> {
    if (op.method === 'POST' && op.template === 'Accounts/{AccountSid}/Messages/{Sid}') await this.setup.advance(10_000);
    if (op.method !== 'DELETE') return;
    if (op.template === 'Accounts/{AccountSid}/Calls/{Sid}') await this.request('POST', path, { Status: 'completed' });
    if (op.template === 'Accounts/{AccountSid}/Messages/{Sid}') await this.setup.advance(10_000);
  }

  /** The input to send for `op`. */
  input(op: SpecOperation): Promise<Form> | Form {
    return INPUT[`${op.method} ${op.template}`]?.(this) ?? {};
  }

  /** The SID of an item of a collection of the walked account (by template). */
  make(collection: string): Promise<string> {
    return this.item(collection, fill(collection, { AccountSid: this.accountSid }), false);
  }

  private item(collection: string, concrete: string, fresh: boolean): Promise<string> {
    if (fresh) return this.makeItem(collection, concrete);
    let sid = this.made.get(concrete);
    if (!sid) {
      sid = this.makeItem(collection, concrete);
      this.made.set(concrete, sid);
    }
    return sid;
  }

  private async created(collection: string, concrete: string, key = 'sid'): Promise<string> {
    const form = await CREATE[collection]!(this);
    const answer = await this.request('POST', `/2010-04-01/${concrete}.json`, form);
    if (answer.status >= 300) throw new Error(`making an item of ${concrete} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body[key];
  }

  private async first(concrete: string, key: string, field = 'sid'): Promise<string> {
    const answer = await this.request('GET', `/2010-04-01/${concrete}.json`);
    const item = answer.body?.[key]?.[0];
    if (!item) throw new Error(`${concrete} has no ${key} to walk: ${answer.status} ${JSON.stringify(answer.body)}`);
    return item[field];
  }

  /** A call holding on `twiml`, answered: the simulation's callees sometimes do not, so it tries the next one. */
  private async liveCall(twiml = HOLD_TWIML): Promise<string> {
    for (let callee = 100; callee < 200; callee++) {
      const calls = `/2010-04-01/Accounts/${this.accountSid}/Calls`;
      const { body } = await this.request('POST', `${calls}.json`, { To: `+12125550${callee}`, From: this.number, Twiml: twiml });
      await this.setup.advance(25_000);
      if ((await this.request('GET', `${calls}/${body.sid}.json`)).body.status === 'in-progress') return body.sid;
    }
    throw new Error('no callee answered');
  }

  /** A finished, transcribed recording of a call of its own. */
  private async recording(): Promise<{ recordingSid: string; transcriptionSid: string }> {
    const callSid = await this.liveCall();
    const made = await this.setup.db.transaction().execute((trx) =>
      createRecordingForCall(trx, { accountSid: this.accountSid, callSid, durationSeconds: 30, at: Date.UTC(2024, 0, 1), transcribe: true }),
    );
    this.transcriptionOf.set(made.recordingSid, made.transcriptionSid!);
    return { recordingSid: made.recordingSid, transcriptionSid: made.transcriptionSid! };
  }

  private async notification(callSid: string | null): Promise<string> {
    const sid = newSid('NO');
    await this.setup.db
      .insertInto('notifications')
      .values({ sid, account_sid: this.accountSid, call_sid: callSid, error_code: '11200', log: '0', message_text: 'HTTP retrieval failure', request_method: 'POST', request_url: 'https://example.com/voice', request_variables: '', response_body: '', response_headers: '', date_created: Date.UTC(2024, 0, 1) })
      .execute();
    return sid;
  }

  private async makeItem(collection: string, concrete: string): Promise<string> {
    const leaf = collection.split('/').at(-1)!;
    if (NEVER_FILLED.has(collection)) return `${NEVER_FILLED_PREFIX[leaf]}${'0'.repeat(32)}`;
    switch (collection) {
      case 'Accounts':
        return this.accountSid;
      case 'Accounts/{AccountSid}/AvailablePhoneNumbers':
        return 'US';
      case 'Accounts/{AccountSid}/AuthorizedConnectApps':
        return this.setup.connectAppSid;
      case 'Accounts/{AccountSid}/ConnectApps':
        return this.setup.ownConnectAppSid;
      case 'Accounts/{AccountSid}/Calls':
        return this.liveCall();
      case 'Accounts/{AccountSid}/OutgoingCallerIds': {
        // Verified as the person at the number would, through the test control.
        const verified = await this.request('POST', `/_switchboard/${concrete}.json`, { PhoneNumber: `+1415555${String(this.made.size).padStart(4, '0')}` });
        return verified.body.sid;
      }
      case 'Accounts/{AccountSid}/Notifications':
        return this.notification(null);
      case 'Accounts/{AccountSid}/Calls/{CallSid}/Notifications':
        return this.notification(concrete.split('/')[3]!);
      case 'Accounts/{AccountSid}/Recordings':
        return (await this.recording()).recordingSid;
      case 'Accounts/{AccountSid}/Calls/{CallSid}/Recordings':
        return (await this.request('POST', `/2010-04-01/${concrete}.json`)).body.sid;
      case 'Accounts/{AccountSid}/Transcriptions':
        return (await this.recording()).transcriptionSid;
      case 'Accounts/{AccountSid}/Recordings/{RecordingSid}/Transcriptions':
        return this.transcriptionOf.get(concrete.split('/')[3]!)!;
      case 'Accounts/{AccountSid}/Messages/{MessageSid}/Media':
        return this.first(concrete, 'media_list');
      case 'Accounts/{AccountSid}/SMS/ShortCodes':
        return this.first(concrete, 'short_codes');
      case 'Accounts/{AccountSid}/Conferences':
        await this.liveCall('<Response><Dial><Conference>walk</Conference></Dial></Response>');
        return this.first(concrete, 'conferences');
      case 'Accounts/{AccountSid}/Conferences/{ConferenceSid}/Participants':
        return this.first(concrete, 'participants', 'call_sid');
      case 'Accounts/{AccountSid}/Conferences/{ConferenceSid}/Recordings':
        return this.first(concrete, 'recordings');
      case 'Accounts/{AccountSid}/Queues/{QueueSid}/Members': {
        const queue = await this.request('GET', `/2010-04-01/${concrete.replace(/\/Members$/, '')}.json`);
        await this.liveCall(`<Response><Enqueue>${queue.body.friendly_name}</Enqueue></Response>`);
        return this.first(concrete, 'queue_members', 'call_sid');
      }
      default:
        if (!CREATE[collection]) throw new Error(`The walk does not know how to make an item of ${collection}.`);
        return this.created(collection, concrete);
    }
  }
}

const fill = (template: string, values: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

export async function send(baseUrl: string, authorization: string, method: string, path: string, form?: Form): Promise<Answer> {
  const headers: Record<string, string> = { authorization };
  let body: string | undefined;
  if (method === 'POST') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form ?? {}).toString();
  }
  const response = await fetch(new URL(path, baseUrl), { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}
