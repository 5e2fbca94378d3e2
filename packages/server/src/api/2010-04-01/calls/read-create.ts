import type { Kysely } from 'kysely';
import { TwilioError } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import type { Database } from '../../../storage/schema.ts';
import { checkMagicCall, MAGIC_VALID_FROM } from '../../../telephony/magic-numbers.ts';
import { findOwnedNumber } from '../../../telephony/owned-number.ts';
import { isCallEndpoint } from '../../../telephony/phone-number.ts';
import { isSid } from '../../../util/sid.ts';
import { checkCallOptions, eventList, RECORDING_EVENTS } from './read-options.ts';
import { booleanParam, httpMethod, integerParam, statusCallbackEvents, webhookUrl } from './read-settings.ts';

export interface NewCallRequest {
  to: string;
  from: string;
  phoneNumberSid: string | null;
  url: string | null;
  method: string;
  twiml: string | null;
  applicationSid: string | null;
  statusCallback: string | null;
  statusCallbackMethod: string;
  statusCallbackEvents: string;
  fallbackUrl: string | null;
  fallbackMethod: string;
  record: boolean;
  /** Create Call's `RecordingStatusCallback*`, kept only with `Record=true` (Twilio ignores it otherwise). */
  recordingStatusCallback: { url: string; method: 'GET' | 'POST'; events: string } | null;
  timeLimit: number | null;
}

/** Validates a call request in Twilio's order, with Twilio's codes, before anything is written. */
export async function readNewCall(db: Kysely<Database>, accountSid: string, form: Params): Promise<NewCallRequest> {
  const to = one(form, 'To');
  const from = one(form, 'From');
  if (!to) throw TwilioError.validation(21201, "No 'To' number is specified");
  if (!from) throw TwilioError.validation(21213, "No 'From' number is specified");
  if (!isCallEndpoint(to)) throw TwilioError.validation(21211, `The 'To' number ${to} is not a valid phone number.`);
  if (!isCallEndpoint(from)) throw TwilioError.validation(21212, `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`);
  checkMagicCall(to, from);

  const owned = from.startsWith('+') ? await findOwnedNumber(db, accountSid, from) : undefined;
  if (from.startsWith('+') && !owned && from !== MAGIC_VALID_FROM) {
    throw TwilioError.validation(21210, `The source phone number provided, ${from}, is not yet verified for your account. Buy it with IncomingPhoneNumbers (or use +15005550006) to call from it.`);
  }

  const url = webhookUrl(form, 'Url', 21205);
  const twiml = one(form, 'Twiml') ?? null;
  const applicationSid = one(form, 'ApplicationSid') ?? null;
  if (!url && !twiml && !applicationSid) throw TwilioError.validation(21205, 'Url, Twiml or ApplicationSid is required: tell Switchboard what the call should do.');
  if (twiml !== null && twiml.length > 4000) throw TwilioError.validation(21205, 'Twiml must be at most 4000 characters.');
  if (applicationSid !== null) {
    const app = isSid('AP', applicationSid)
      ? await db.selectFrom('applications').select('sid').where('sid', '=', applicationSid).where('account_sid', '=', accountSid).executeTakeFirst()
      : undefined;
    if (!app) throw TwilioError.validation(21218, `Invalid ApplicationSid ${applicationSid}: no such Application in this account.`);
  }
  for (const name of ['RecordingStatusCallbackMethod', 'AsyncAmdStatusCallbackMethod']) httpMethod(form, name);
  for (const name of ['RecordingStatusCallback', 'AsyncAmdStatusCallback']) webhookUrl(form, name, 21205);
  integerParam(form, 'Timeout', 1, 600);
  checkCallOptions(form);

  const record = booleanParam(form, 'Record') ?? false;
  const recordingUrl = webhookUrl(form, 'RecordingStatusCallback', 21205);
  const recordingEvents = eventList(form, 'RecordingStatusCallbackEvent', RECORDING_EVENTS) ?? ['completed'];
  return {
    to,
    from,
    phoneNumberSid: owned?.sid ?? null,
    url,
    method: httpMethod(form, 'Method') ?? 'POST',
    twiml,
    applicationSid,
    statusCallback: webhookUrl(form, 'StatusCallback', 21609),
    statusCallbackMethod: httpMethod(form, 'StatusCallbackMethod') ?? 'POST',
    statusCallbackEvents: statusCallbackEvents(form),
    fallbackUrl: webhookUrl(form, 'FallbackUrl', 21205),
    fallbackMethod: httpMethod(form, 'FallbackMethod') ?? 'POST',
    record,
    recordingStatusCallback: record && recordingUrl
      ? { url: recordingUrl, method: httpMethod(form, 'RecordingStatusCallbackMethod') ?? 'POST', events: recordingEvents.join(' ') }
      : null,
    timeLimit: integerParam(form, 'TimeLimit', 1, 14_400),
  };
}
