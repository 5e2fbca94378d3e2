import type { Kysely } from 'kysely';
import { newSid } from '../../util/sid.ts';
import type { Database } from '../schema.ts';

/** Adds money to a top-level account's balance. */
export const addCredit = async (db: Kysely<Database>, accountSid: string, micros: number, reason: string, now: number): Promise<void> => {
  await db.insertInto('balance_credits').values({ sid: newSid('BC'), account_sid: accountSid, micros, reason, date_created: now }).execute();
};

export async function creditMicros(db: Kysely<Database>, accountSid: string): Promise<number> {
  const { total } = await db
    .selectFrom('balance_credits')
    .select((eb) => eb.fn.sum<number | string | null>('micros').as('total'))
    .where('account_sid', '=', accountSid)
    .executeTakeFirstOrThrow();
  return Number(total ?? 0);
}

/** The newest credits first, for showing what changed a balance. */
export const listCredits = (db: Kysely<Database>, accountSid: string, limit: number) =>
  db.selectFrom('balance_credits').selectAll().where('account_sid', '=', accountSid).orderBy('date_created', 'desc').orderBy('sid', 'desc').limit(limit).execute();
