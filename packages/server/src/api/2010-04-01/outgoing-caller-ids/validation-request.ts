import { randomInt } from 'node:crypto';
import { TwilioError } from '../../../errors/twilio-error.ts';
import { one } from '../../../http/params.ts';
import { isE164 } from '../../../telephony/phone-number.ts';
import { handlerMethod, handlerUrl } from '../applications/read-settings.ts';
import { ok, type ApiRoute } from '../route.ts';
import { friendlyName } from '../validate.ts';

const INVALID_NUMBER = 21421;

/**
 * A validation request: Twilio calls the number and the person there types the code shown. No one
 * answers a fictional number, so no call is placed (`call_sid` is null) and nothing is verified by
 * the request; a test verifies the number with the caller-ID test control, as the person would.
 */
export const validationRequestRoute: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:AccountSid/OutgoingCallerIds',
  form: ['PhoneNumber', 'FriendlyName', 'CallDelay', 'Extension', 'StatusCallback', 'StatusCallbackMethod'],
  async handle({ target, form }) {
    const raw = one(form, 'PhoneNumber') ?? '';
    const phoneNumber = raw.replace(/[\s().-]/g, '');
    if (!isE164(phoneNumber)) throw TwilioError.validation(INVALID_NUMBER, `PhoneNumber '${raw}' is invalid: give an E.164 number such as +14155550100.`);
    const name = friendlyName(form, 'FriendlyName') || phoneNumber;
    const delay = one(form, 'CallDelay');
    if (delay !== undefined && (!/^\d{1,2}$/.test(delay) || Number(delay) > 60)) throw TwilioError.validation(21101, `CallDelay must be 0 to 60 seconds; got '${delay}'.`);
    handlerUrl(form, 'StatusCallback');
    handlerMethod(form, 'StatusCallbackMethod');
    return ok({ account_sid: target.sid, call_sid: null, friendly_name: name, phone_number: phoneNumber, validation_code: String(randomInt(100000, 1000000)) });
  },
};
