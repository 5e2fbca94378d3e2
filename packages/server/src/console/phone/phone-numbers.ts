import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';

export interface PhoneNumberChoice {
  sid: string;
  accountSid: string;
  phoneNumber: string;
  friendlyName: string;
  /** The subaccount's name, or null for the signed-in account's own numbers. */
  subaccount: string | null;
}

/** The numbers the phone can text or call: the signed-in account's and its subaccounts'. */
export async function listPhoneNumbers(db: Kysely<Database>, accountSid: string): Promise<PhoneNumberChoice[]> {
  const rows = await db
    .selectFrom('incoming_phone_numbers')
    .innerJoin('accounts', 'accounts.sid', 'incoming_phone_numbers.account_sid')
    .select(['incoming_phone_numbers.sid', 'incoming_phone_numbers.account_sid', 'phone_number', 'incoming_phone_numbers.friendly_name', 'accounts.friendly_name as account_name'])
    .where((eb) => eb.or([eb('accounts.sid', '=', accountSid), eb('accounts.parent_sid', '=', accountSid)]))
    .orderBy('incoming_phone_numbers.date_created')
    .orderBy('incoming_phone_numbers.sid')
    .execute();
  return rows.map((r) => ({
    sid: r.sid,
    accountSid: r.account_sid,
    phoneNumber: r.phone_number,
    friendlyName: r.friendly_name,
    subaccount: r.account_sid === accountSid ? null : r.account_name,
  }));
}
