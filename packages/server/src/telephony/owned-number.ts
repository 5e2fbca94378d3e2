import type { Kysely } from 'kysely';
import { cachedReads } from '../storage/cached-reads.ts';
import type { Database } from '../storage/schema.ts';

/** The account's own number with this E.164 value, if it has one (read again once numbers change). */
export const findOwnedNumber = cachedReads(
  ['incoming_phone_numbers'],
  (accountSid: string, phoneNumber: string) => `${accountSid} ${phoneNumber}`,
  (db: Kysely<Database>, accountSid: string, phoneNumber: string) =>
    db.selectFrom('incoming_phone_numbers').select(['sid', 'capabilities']).where('phone_number', '=', phoneNumber).where('account_sid', '=', accountSid).executeTakeFirst(),
);
