import type { Kysely } from 'kysely';
import { invalidParameter, TwilioError } from '../../../errors/twilio-error.ts';
import { one, type Params } from '../../../http/params.ts';
import type { Database } from '../../../storage/schema.ts';
import { isE164 } from '../../../telephony/phone-number.ts';
import { isSid } from '../../../util/sid.ts';
import { booleanParam, integerParam } from '../calls/read-settings.ts';
import { enumValue } from '../validate.ts';

/** Twilio's codes: an unknown Messaging Service, Content template, or malformed ContentVariables. */
const INVALID_MESSAGING_SERVICE = 21701;
const INVALID_CONTENT_SID = 21655;
const INVALID_CONTENT_VARIABLES = 21656;

/** Messaging Services and Content templates are not simulated, so no SID can name one that exists. */
export function checkMessagingService(form: Params): void {
  const sid = one(form, 'MessagingServiceSid');
  if (sid === undefined) return;
  throw TwilioError.validation(INVALID_MESSAGING_SERVICE, `The Messaging Service Sid ${sid} is invalid: Messaging Services are not simulated by Switchboard. Send with a From number the account owns.`);
}

/** Every other option of a new message: enums, booleans, numbers and the SIDs it refers to. */
export async function checkMessageOptions(db: Kysely<Database>, accountSid: string, form: Params): Promise<void> {
  enumValue(form, 'ContentRetention', ['retain', 'discard'] as const);
  enumValue(form, 'AddressRetention', ['retain', 'obfuscate'] as const);
  enumValue(form, 'TrafficType', ['free'] as const);
  enumValue(form, 'RiskCheck', ['enable', 'disable'] as const);
  for (const name of ['ProvideFeedback', 'ForceDelivery', 'SmartEncoded', 'ShortenUrls', 'SendAsMms']) booleanParam(form, name);
  integerParam(form, 'ValidityPeriod', 1, 36_000);
  integerParam(form, 'Attempt', 1, 1_000_000);
  const maxPrice = one(form, 'MaxPrice');
  if (maxPrice !== undefined && !/^\d{1,6}(\.\d{1,6})?$/.test(maxPrice)) throw invalidParameter(`MaxPrice must be a price in USD such as 0.05; got '${maxPrice}'.`);
  const fallbackFrom = one(form, 'FallbackFrom');
  if (fallbackFrom !== undefined && !isE164(fallbackFrom)) throw invalidParameter(`FallbackFrom '${fallbackFrom}' is not an E.164 number.`);

  const contentSid = one(form, 'ContentSid');
  if (contentSid !== undefined) {
    throw TwilioError.validation(INVALID_CONTENT_SID, `The ContentSid ${contentSid} is invalid: Content templates are not simulated by Switchboard. Send a Body.`);
  }
  const variables = one(form, 'ContentVariables');
  if (variables !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(variables);
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw TwilioError.validation(INVALID_CONTENT_VARIABLES, 'ContentVariables must be a JSON object such as {"1":"Ada"}.');
    }
  }

  const applicationSid = one(form, 'ApplicationSid');
  if (applicationSid !== undefined) {
    const app = isSid('AP', applicationSid)
      ? await db.selectFrom('applications').select('sid').where('sid', '=', applicationSid).where('account_sid', '=', accountSid).executeTakeFirst()
      : undefined;
    if (!app) throw invalidParameter(`ApplicationSid ${applicationSid} is not an Application of this account.`);
  }
}
