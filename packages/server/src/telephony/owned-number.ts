import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';

/** The account's own number with this E.164 value, if it has one. */
export const findOwnedNumber = (db: Kysely<Database>, accountSid: string, phoneNumber: string) =>
  db
    .selectFrom('incoming_phone_numbers')
    .select(['sid', 'capabilities'])
    .where('phone_number', '=', phoneNumber)
    .where('account_sid', '=', accountSid)
    .executeTakeFirst();
