import type { Kysely } from 'kysely';
import { findApplication } from '../../storage/repositories/applications.ts';
import type { IncomingPhoneNumber } from '../../storage/repositories/incoming-phone-numbers.ts';
import { DEFAULT_NUMBER_SETTINGS, type NumberSettings } from '../../storage/repositories/incoming-phone-numbers.ts';
import type { Database } from '../../storage/schema.ts';

export interface Handler {
  url: string;
  method: 'GET' | 'POST';
  fallbackUrl: string | null;
  fallbackMethod: 'GET' | 'POST';
}

/** An owned number, found by its E.164 value within one account. */
export async function findNumberByValue(db: Kysely<Database>, accountSid: string, phoneNumber: string): Promise<IncomingPhoneNumber | undefined> {
  const row = await db.selectFrom('incoming_phone_numbers').selectAll().where('phone_number', '=', phoneNumber).where('account_sid', '=', accountSid).executeTakeFirst();
  return row && { ...row, config: { ...DEFAULT_NUMBER_SETTINGS, ...(JSON.parse(row.config) as Partial<NumberSettings>) } };
}

/**
 * Where a number's incoming messages go: its SMS Application's SmsUrl when it has one (the number's
 * own SmsUrl is then not used, as in Twilio), else its own. Null when neither is set.
 */
export async function smsHandler(db: Kysely<Database>, number: IncomingPhoneNumber): Promise<Handler | null> {
  const app = number.config.sms_application_sid ? await findApplication(db, number.account_sid, number.config.sms_application_sid) : undefined;
  const config = app?.config ?? number.config;
  if (!config.sms_url) return null;
  return { url: config.sms_url, method: config.sms_method, fallbackUrl: config.sms_fallback_url, fallbackMethod: config.sms_fallback_method };
}
