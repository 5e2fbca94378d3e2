import type { Kysely } from 'kysely';
import { freshMemo } from '../storage/fresh-memo.ts';
import type { Database } from '../storage/schema.ts';

const findFreshNumber = freshMemo(['incoming_phone_numbers'], (db, key) => {
  const [accountSid, phoneNumber] = key.split(' ') as [string, string];
  return db.selectFrom('incoming_phone_numbers').select(['sid', 'capabilities']).where('phone_number', '=', phoneNumber).where('account_sid', '=', accountSid).executeTakeFirst();
});

/** The account's own number with this E.164 value, if it has one (read again once numbers change). */
export const findOwnedNumber = (db: Kysely<Database>, accountSid: string, phoneNumber: string) => findFreshNumber(db, `${accountSid} ${phoneNumber}`);
