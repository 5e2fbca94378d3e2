import type { Kysely } from 'kysely';
import type { AccountClocksTable, Database } from '../schema.ts';

export type AccountClock = AccountClocksTable;

export const findClock = (db: Kysely<Database>, accountSid: string): Promise<AccountClock | undefined> =>
  db.selectFrom('account_clocks').selectAll().where('account_sid', '=', accountSid).executeTakeFirst();

export const listClocks = (db: Kysely<Database>): Promise<AccountClock[]> => db.selectFrom('account_clocks').selectAll().execute();

export const saveClock = async (db: Kysely<Database>, clock: AccountClock): Promise<void> => {
  await db
    .insertInto('account_clocks')
    .values(clock)
    .onConflict((oc) => oc.column('account_sid').doUpdateSet({ offset_ms: clock.offset_ms, frozen_at: clock.frozen_at, date_updated: clock.date_updated }))
    .execute();
};
