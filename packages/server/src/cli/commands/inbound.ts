import type { Kysely } from 'kysely';
import { accountNow } from '../../clock/account-clock.ts';
import type { Params } from '../../http/params.ts';
import type { Database } from '../../storage/schema.ts';
import { receiveCall } from '../../telephony/inbound/receive-call.ts';
import { receiveMessage } from '../../telephony/inbound/receive-message.ts';
import { parseFlags, required, type Command } from '../command.ts';
import { print } from '../output.ts';
import { UsageError } from '../usage-error.ts';
import { DB_HELP, DB_OPTION, withStorage } from '../with-storage.ts';

/** The account that owns a number (inbound traffic goes to whoever has it), and the instant it lives at. */
async function ownerOf(db: Kysely<Database>, phoneNumber: string): Promise<{ owner: { sid: string }; now: number }> {
  const row = await db
    .selectFrom('incoming_phone_numbers')
    .innerJoin('accounts', 'accounts.sid', 'incoming_phone_numbers.account_sid')
    .select(['accounts.sid', 'accounts.parent_sid'])
    .where('phone_number', '=', phoneNumber)
    .executeTakeFirst();
  if (!row) throw new UsageError(`no account owns ${phoneNumber}; buy it first (IncomingPhoneNumbers)`);
  return { owner: { sid: row.sid }, now: await accountNow(db, Date.now(), row) };
}

const params = (entries: Array<[string, string | string[] | undefined]>): Params =>
  new Map(entries.filter(([, v]) => v !== undefined).map(([k, v]) => [k, [v!].flat()]));

const SMS_FLAGS = { from: { type: 'string' }, to: { type: 'string' }, body: { type: 'string' }, 'media-url': { type: 'string', multiple: true }, json: { type: 'boolean' }, ...DB_OPTION } as const;

export const smsCommand: Command = {
  name: 'sms',
  summary: 'text one of your numbers, as a customer would',
  help: `Usage: switchboard sms --from +1… --to +1… --body TEXT [--media-url URL]… [--json] [--db URL]

Stores an inbound message to an owned number; the running server then requests the number's SmsUrl
(or its Messaging Application's) and sends its <Message> replies. Same as
POST /_switchboard/Accounts/{AccountSid}/Inbound/Messages.json.

  --from NUMBER     who texts (E.164)
  --to NUMBER       the number texted: one an account owns
  --body TEXT       the text
  --media-url URL   a picture or file sent with it (repeat for more)
  --json            print JSON
${DB_HELP}`,
  async run(args) {
    const flags = parseFlags(args, SMS_FLAGS);
    const to = required(flags, 'to');
    const form = params([['From', required(flags, 'from')], ['To', to], ['Body', flags.body], ['MediaUrl', flags['media-url'] as string[] | undefined]]);
    const message = await withStorage(flags.db, async ({ db }) => {
      const { owner, now } = await ownerOf(db, to);
      return receiveMessage(db, owner, form, now);
    });
    print(flags.json, { sid: message.sid, account_sid: message.account_sid, from: message.from, to: message.to, status: message.status });
    return 0;
  },
};

const CALL_FLAGS = {
  from: { type: 'string' }, to: { type: 'string' }, digits: { type: 'string', multiple: true }, speech: { type: 'string', multiple: true },
  'hangup-after': { type: 'string' }, json: { type: 'boolean' }, ...DB_OPTION,
} as const;

export const callCommand: Command = {
  name: 'call',
  summary: 'call one of your numbers, with the digits to press',
  help: `Usage: switchboard call --from +1… --to +1… [--digits KEYS]… [--speech TEXT]… [--hangup-after SECONDS] [--json] [--db URL]

Starts an inbound call to an owned number; the running server requests its VoiceUrl and runs the
TwiML. Each --digits is what the caller enters at the next <Gather> (likewise --speech). Same as
POST /_switchboard/Accounts/{AccountSid}/Inbound/Calls.json.

  --from NUMBER           who calls (E.164 or client:name)
  --to NUMBER             the number called: one an account owns
  --digits KEYS           keys for the next Gather, e.g. 1 or 1234# (repeat for each Gather)
  --speech TEXT           words for the next speech Gather (repeat)
  --hangup-after SECONDS  the caller hangs up then
  --json                  print JSON
${DB_HELP}`,
  async run(args) {
    const flags = parseFlags(args, CALL_FLAGS);
    const to = required(flags, 'to');
    const form = params([
      ['From', required(flags, 'from')], ['To', to], ['Digits', flags.digits as string[] | undefined],
      ['SpeechResult', flags.speech as string[] | undefined], ['HangupAfter', flags['hangup-after']],
    ]);
    const call = await withStorage(flags.db, async ({ db }) => {
      const { owner, now } = await ownerOf(db, to);
      return receiveCall(db, owner, form, now);
    });
    print(flags.json, { sid: call.sid, account_sid: call.account_sid, from: call.from, to: call.to, status: call.status });
    return 0;
  },
};
