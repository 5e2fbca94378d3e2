import { findNumberByValue } from './number-handler.ts';
import type { Kysely } from 'kysely';
import { isCallEndpoint } from '../phone-number.ts';
import { newConversation } from '../voice/conversation.ts';
import { integerParam } from '../../api/2010-04-01/calls/read-settings.ts';
import { invalidParameter, TwilioError } from '../../errors/twilio-error.ts';
import { one } from '../../http/params.ts';
import type { Params } from '../../http/params.ts';
import { findApplication } from '../../storage/repositories/applications.ts';
import type { Call } from '../../storage/repositories/calls.ts';
import type { Database } from '../../storage/schema.ts';
import { timeOrderedSid } from '../../util/sid.ts';

/**
 * Someone calls one of the account's numbers with a script: `Digits` and `SpeechResult` (repeated:
 * what they give at the 1st, 2nd … `<Gather>`) and `HangupAfter` (seconds). The call rings, due at
 * once, and the simulation runs the number's TwiML.
 */
export async function receiveCall(db: Kysely<Database>, target: { sid: string }, form: Params, now: number): Promise<Call> {
    const from = one(form, 'From');
    const to = one(form, 'To');
    if (!from) throw TwilioError.validation(21213, "No 'From' number is specified: who is calling.");
    if (!to) throw TwilioError.validation(21201, "No 'To' number is specified: which of the account's numbers is called.");
    if (!isCallEndpoint(from)) throw TwilioError.validation(21212, `The 'From' number ${from} is not a valid phone number or client identity.`);
    const digits = form.get('Digits') ?? [];
    if (digits.some((d) => !/^[0-9*#wW]*$/.test(d))) throw invalidParameter('Digits may contain only 0-9, * and # (and w/W pauses).');
    const hangupAfter = integerParam(form, 'HangupAfter', 1, 14_400);
    const number = await findNumberByValue(db, target.sid, to);
    if (!number) throw TwilioError.validation(21606, `The 'To' number ${to} is not a phone number of account ${target.sid}: buy it (IncomingPhoneNumbers) first.`);
    const app = number.config.voice_application_sid ? await findApplication(db, target.sid, number.config.voice_application_sid) : undefined;
    const config = app?.config ?? number.config;
    if (!config.voice_url) throw invalidParameter(`${to} has no VoiceUrl (or Voice Application): set one to answer calls.`);
    const conversation = newConversation(
      now,
      { url: config.voice_url, method: config.voice_method, params: {} },
      config.voice_fallback_url ? { url: config.voice_fallback_url, method: config.voice_fallback_method } : null,
      { digits: digits.map((d) => d.replace(/[wW]/g, '')), speech: [...(form.get('SpeechResult') ?? [])], hangupAt: hangupAfter === null ? null : now + hangupAfter * 1000 },
    );
    const call: Call = {
      sid: timeOrderedSid('CA', now), account_sid: target.sid, parent_call_sid: null, to, from, phone_number_sid: number.sid, status: 'ringing', direction: 'inbound',
      start_time: null, end_time: null, duration: null, price: null, answered_by: null, caller_name: null, forwarded_from: null, queue_time: 0,
      url: config.voice_url, method: config.voice_method, twiml: null, application_sid: app?.sid ?? null,
      status_callback: config.status_callback, status_callback_method: config.status_callback_method, status_callback_events: 'completed',
      fallback_url: config.voice_fallback_url, fallback_method: config.voice_fallback_method, conversation: JSON.stringify(conversation),
      record: 0, outcome: 'completed', ring_seconds: 0, talk_seconds: 0, next_event_at: now, date_created: now, date_updated: now,
    };
    await db.insertInto('calls').values(call).execute();
  return call;
}
