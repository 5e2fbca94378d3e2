import { invalidParameter } from '../../errors/twilio-error.ts';
import { one } from '../../http/params.ts';
import { upsertCallerId } from '../../storage/repositories/outgoing-caller-ids.ts';
import { isE164 } from '../../telephony/phone-number.ts';
import { newSid } from '../../util/sid.ts';
import { serializeCallerId } from '../2010-04-01/outgoing-caller-ids/routes.ts';
import { created, type ApiRoute } from '../2010-04-01/route.ts';
import { friendlyName } from '../2010-04-01/validate.ts';

/**
 * Twilio verifies a caller ID by calling the number and hearing a code typed in; Switchboard has no
 * phone to answer, so a test verifies one directly. Verifying a number again renames it.
 */
const verifyCallerId: ApiRoute = {
  method: 'POST',
  path: '/Accounts/:AccountSid/OutgoingCallerIds',
  operation: { scope: 'control', method: 'POST' },
  form: ['PhoneNumber', 'FriendlyName'],
  async handle({ deps, target, form, now }) {
    const phoneNumber = one(form, 'PhoneNumber');
    if (!phoneNumber) throw invalidParameter('PhoneNumber is required.');
    if (!isE164(phoneNumber)) throw invalidParameter(`PhoneNumber '${phoneNumber}' is not an E.164 number such as +14155550100.`);
    const name = friendlyName(form, 'FriendlyName') || phoneNumber;
    const row = await upsertCallerId(deps.db, { sid: newSid('PN'), account_sid: target.sid, phone_number: phoneNumber, friendly_name: name, date_created: now, date_updated: now });
    return created(serializeCallerId(row));
  },
};

export const callerIdControlRoutes: ApiRoute[] = [verifyCallerId];
