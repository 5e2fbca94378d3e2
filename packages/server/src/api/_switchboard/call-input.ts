import { invalidParameter, notFound, TwilioError } from '../../errors/twilio-error.ts';
import { one } from '../../http/params.ts';
import { findCall } from '../../storage/repositories/calls.ts';
import type { Conversation } from '../../telephony/voice/conversation.ts';
import { booleanParam } from '../2010-04-01/calls/read-settings.ts';
import { serializeCall } from '../2010-04-01/calls/serialize.ts';
import { ok, type ApiRoute } from '../2010-04-01/route.ts';

/**
 * `POST /_switchboard/Accounts/{AccountSid}/Calls/{CallSid}/Input.json`: the far end of a live call
 * acts now: `Digits` or `SpeechResult` answer the waiting (or next) `<Gather>`, `Hangup=true` hangs up.
 */
export const callInput: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:AccountSid/Calls/:CallSid/Input',
  operation: { scope: 'control', method: 'POST' },
  sids: { CallSid: 'CA' },
  form: ['Digits', 'SpeechResult', 'Hangup'],
  async handle({ deps, target, params, form, path, now }) {
    const digits = one(form, 'Digits');
    const speech = one(form, 'SpeechResult');
    const hangup = booleanParam(form, 'Hangup') ?? false;
    if (digits === undefined && speech === undefined && !hangup) throw invalidParameter('Give Digits, SpeechResult or Hangup=true.');
    if (digits !== undefined && !/^[0-9*#]*$/.test(digits)) throw invalidParameter('Digits may contain only 0-9, * and #.');
    return deps.db.transaction().execute(async (trx) => {
      const call = await findCall(trx, target.sid, params.CallSid!);
      if (!call) throw notFound(path);
      if (call.conversation === null || call.next_event_at === null) {
        throw TwilioError.validation(21220, `Call ${call.sid} is ${call.status} and runs no TwiML: there is nothing to answer.`);
      }
      const conversation = JSON.parse(call.conversation) as Conversation;
      if (digits !== undefined) conversation.digits.push(digits);
      if (speech !== undefined) conversation.speech.push(speech);
      if (hangup) conversation.hangupAt = Math.max(now, conversation.hangupAt === null ? now : Math.min(now, conversation.hangupAt));
      // Input arrives now: a waiting Gather hears it now, and a key pressed during its prompts cuts them short (barge-in).
      if (conversation.gather && (digits !== undefined || speech !== undefined)) conversation.cursor = now;
      await trx.updateTable('calls').set({ conversation: JSON.stringify(conversation), next_event_at: Math.min(call.next_event_at, now), date_updated: now }).where('sid', '=', call.sid).execute();
      return ok(serializeCall(call));
    });
  },
};
