import type { Kysely } from 'kysely';
import type { Database } from '../../src/storage/schema.ts';
import { createRecordingForCall } from '../../src/telephony/create-recording.ts';
import { newSid } from '../../src/util/sid.ts';
import { pathParameters, type SpecOperation } from './spec-operations.ts';
import { COUNTRY_FOR, CREATE, HOLD_TWIML, INPUT, NEVER_FILLED, NEVER_FILLED_PREFIX } from './spec-walk-inputs.ts';

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


const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/**
 * Walks the spec's operations on one account: finds (or makes) an item for every `{Sid}` of a path,
 * parents first, and sends the operation valid input. Items are made once per collection, except
 * that a DELETE gets an item of its own, and a conference's recordings are walked on a conference
 * that has ended (its other operations need one in progress).
 */
export class SpecWalk {
  private readonly made = new Map<string, Promise<string>>();
  /** The transcription of each recording the walk made. */
  private readonly transcriptionOf = new Map<string, string>();
  /** A conference of its own for the recordings walk: its recording is stored once it has ended. */
  private endedConference?: Promise<string>;

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
      values[name] = collection === CONFERENCES && template.startsWith(CONFERENCE_RECORDINGS)
        ? await (this.endedConference ??= this.recordedConference())
        : await this.item(collection, concrete, fresh && index === parameters.length - 1);
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

  /** The SID of a new item of a collection of the walked account (by template). */
  makeNew(collection: string): Promise<string> {
    return this.item(collection, fill(collection, { AccountSid: this.accountSid }), true);
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

  /** The in-progress conference of that name, a call of the walk's holding in it. */
  private async conference(name: string, record = false): Promise<string> {
    await this.liveCall(`<Response><Dial><Conference${record ? ' record="record-from-start"' : ''}>${name}</Conference></Dial></Response>`);
    const open = await this.request('GET', `/2010-04-01/Accounts/${this.accountSid}/Conferences.json?FriendlyName=${name}&Status=in-progress`);
    return open.body.conferences[0].sid;
  }

  /** A conference recorded from its start and ended through the API, so its recording is stored. */
  private async recordedConference(): Promise<string> {
    const sid = await this.conference('walk-recorded', true);
    await this.setup.advance(30_000);
    await this.request('POST', `/2010-04-01/Accounts/${this.accountSid}/Conferences/${sid}.json`, { Status: 'completed' });
    await this.setup.advance(10_000);
    return sid;
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
      case CONFERENCES:
        return this.conference('walk');
      case 'Accounts/{AccountSid}/Conferences/{ConferenceSid}/Participants': {
        // A call of its own joins, so removing a participant leaves the conference in progress.
        const conference = await this.request('GET', `/2010-04-01/${concrete.replace(/\/Participants$/, '')}.json`);
        return this.liveCall(`<Response><Dial><Conference>${conference.body.friendly_name}</Conference></Dial></Response>`);
      }
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

const CONFERENCES = 'Accounts/{AccountSid}/Conferences';
const CONFERENCE_RECORDINGS = `${CONFERENCES}/{ConferenceSid}/Recordings`;

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
