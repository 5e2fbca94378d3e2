import { findNumberByValue } from './number-handler.ts';
import type { Kysely } from 'kysely';
import { mediaRows } from '../new-message.ts';
import { isE164 } from '../phone-number.ts';
import { recordUsage } from '../record-usage.ts';
import { countSegments } from '../segments.ts';
import { formatPrice } from '../usage-categories.ts';
import { webhookUrl } from '../../api/2010-04-01/calls/read-settings.ts';
import { MAX_BODY_CHARACTERS } from '../../api/2010-04-01/messages/read-create.ts';
import { invalidParameter, TwilioError } from '../../errors/twilio-error.ts';
import { one } from '../../http/params.ts';
import type { Params } from '../../http/params.ts';
import type { Message } from '../../storage/repositories/messages.ts';
import type { Database } from '../../storage/schema.ts';
import { timeOrderedSid } from '../../util/sid.ts';

/**
 * Someone texts one of the account's numbers: the inbound Message is stored (`received`, billed as
 * sms-inbound) and due at once, so the simulation asks the number's app for its TwiML. Input is
 * checked with Twilio's codes before anything is written.
 */
export async function receiveMessage(db: Kysely<Database>, target: { sid: string }, form: Params, now: number): Promise<Message> {
    const from = one(form, 'From');
    const to = one(form, 'To');
    const body = one(form, 'Body') ?? '';
    const mediaUrls = (form.get('MediaUrl') ?? []).filter((u) => u !== '');
    if (!from) throw TwilioError.validation(21603, "A 'From' phone number is required: who is texting.");
    if (!to) throw TwilioError.validation(21604, "A 'To' phone number is required: which of the account's numbers is texted.");
    if (!isE164(from)) throw TwilioError.validation(21211, `The 'From' number ${from} is not a valid E.164 phone number.`);
    if (body === '' && mediaUrls.length === 0) throw TwilioError.validation(21602, 'Body or MediaUrl is required.');
    if ([...body].length > MAX_BODY_CHARACTERS) throw TwilioError.validation(21617, `The message body exceeds the ${MAX_BODY_CHARACTERS} character limit.`);
    if (mediaUrls.length > 10) throw invalidParameter('At most 10 MediaUrl values may be sent.');
    for (const url of mediaUrls) webhookUrl(new Map([['MediaUrl', [url]]]), 'MediaUrl', 21620);
    if (!(await findNumberByValue(db, target.sid, to))) {
      throw TwilioError.validation(21606, `The 'To' number ${to} is not a phone number of account ${target.sid}: buy it (IncomingPhoneNumbers) first.`);
    }
    const message: Message = {
      sid: timeOrderedSid(mediaUrls.length > 0 ? 'MM' : 'SM', now),
      account_sid: target.sid, to, from, messaging_service_sid: null, body, status: 'received', direction: 'inbound',
      num_segments: countSegments(body), num_media: mediaUrls.length, price: null, error_code: null, error_message: null,
      status_callback: null, outcome: 'received', next_event_at: now, send_at: null, unobserved: 0, date_sent: now, date_created: now, date_updated: now,
    };
    await db.transaction().execute(async (trx) => {
      const micros = await recordUsage(trx, { accountSid: target.sid, category: 'sms-inbound', count: 1, usage: message.num_segments, at: now });
      message.price = formatPrice(micros);
      await trx.insertInto('messages').values(message).execute();
      const media = mediaRows(message, mediaUrls, now);
      if (media.length > 0) await trx.insertInto('message_media').values(media).execute();
    });
  return message;
}
