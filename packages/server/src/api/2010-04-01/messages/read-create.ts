import type { Kysely } from 'kysely';
import { invalidParameter, TwilioError } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import type { Database } from '../../../storage/schema.ts';
import { checkMagicMessage, MAGIC_VALID_FROM } from '../../../telephony/magic-numbers.ts';
import { findOwnedNumber } from '../../../telephony/owned-number.ts';
import { isE164 } from '../../../telephony/phone-number.ts';
import { webhookUrl } from '../calls/read-settings.ts';
import { checkMessageOptions, checkMessagingService } from './read-options.ts';

export const MAX_BODY_CHARACTERS = 1600;
const MAX_MEDIA = 10;

export interface NewMessageRequest {
  to: string;
  from: string;
  body: string;
  mediaUrls: string[];
  statusCallback: string | null;
  sendAt: number | null;
}

function readSchedule(form: Params, now: number): number | null {
  const type = one(form, 'ScheduleType');
  const sendAt = one(form, 'SendAt');
  if (type === undefined && sendAt === undefined) return null;
  if (type !== 'fixed') throw TwilioError.validation(35111, "ScheduleType must be 'fixed' to schedule a message.");
  const at = sendAt === undefined ? NaN : Date.parse(sendAt);
  // Twilio accepts send times from 15 minutes to 35 days ahead.
  if (Number.isNaN(at) || at < now + 15 * 60_000 || at > now + 35 * 86_400_000) {
    throw TwilioError.validation(35114, 'SendAt must be an ISO 8601 time between 15 minutes and 35 days from now.');
  }
  return at;
}

/** Validates a message request with Twilio's codes (21604, 21603, 21602, 21211, 21606, 21617 …). */
export async function readNewMessage(db: Kysely<Database>, accountSid: string, form: Params, now: number): Promise<NewMessageRequest> {
  const to = one(form, 'To');
  const from = one(form, 'From') || undefined;
  const body = one(form, 'Body') ?? '';
  const mediaUrls = (form.get('MediaUrl') ?? []).filter((u) => u !== '');
  if (!to) throw TwilioError.validation(21604, "A 'To' phone number is required.");
  checkMessagingService(form);
  if (!from) throw TwilioError.validation(21603, "A 'From' phone number is required.");
  if (body === '' && mediaUrls.length === 0) throw TwilioError.validation(21602, 'Message body is required.');
  if ([...body].length > MAX_BODY_CHARACTERS) throw TwilioError.validation(21617, `The concatenated message body exceeds the ${MAX_BODY_CHARACTERS} character limit.`);
  if (!isE164(to)) throw TwilioError.validation(21211, `The 'To' number ${to} is not a valid phone number.`);
  checkMagicMessage(to, from);
  if (from !== MAGIC_VALID_FROM && !(isE164(from) && (await findOwnedNumber(db, accountSid, from)))) {
    throw TwilioError.validation(21606, `The 'From' phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
  }
  if (mediaUrls.length > MAX_MEDIA) throw invalidParameter(`At most ${MAX_MEDIA} MediaUrl values may be sent.`);
  for (const url of mediaUrls) webhookUrl(new Map([['MediaUrl', [url]]]), 'MediaUrl', 21620);
  await checkMessageOptions(db, accountSid, form);
  return { to, from, body, mediaUrls, statusCallback: webhookUrl(form, 'StatusCallback', 21609), sendAt: readSchedule(form, now) };
}
