import type { Kysely } from 'kysely';
import type { Call } from '../../../storage/repositories/calls.ts';
import type { Database } from '../../../storage/schema.ts';
import { newOutboundMessage } from '../../new-message.ts';
import type { TwimlElement } from '../../twiml/parse.ts';

/**
 * `<Sms>` (or `<Message>`) during a call: a text from the Twilio number of the call (the called
 * number of an inbound call, the caller ID of an outbound one) to the other party, unless `to`/`from` say otherwise.
 */
export async function sendSms(db: Kysely<Database>, seed: number, call: Call, verb: TwimlElement, documentUrl: string | null, at: number): Promise<string | null> {
  const ours = call.direction === 'inbound' ? call.to : call.from;
  const theirs = call.direction === 'inbound' ? call.from : call.to;
  const body = verb.text || verb.children.find((c) => c.name === 'Body')?.text || '';
  if (body === '') return null;
  const callback = verb.attributes.statusCallback;
  const { message } = newOutboundMessage(seed, {
    accountSid: call.account_sid, to: verb.attributes.to ?? theirs, from: verb.attributes.from ?? ours, body, mediaUrls: [], direction: 'outbound-call',
    statusCallback: callback ? new URL(callback, documentUrl ?? undefined).toString() : null,
  }, at);
  await db.insertInto('messages').values(message).execute();
  return message.sid;
}
