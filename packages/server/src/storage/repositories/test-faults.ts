import type { Kysely } from 'kysely';
import type { Database, TestFaultsTable } from '../schema.ts';

export type Fault = TestFaultsTable;

export const insertFault = async (db: Kysely<Database>, fault: Fault): Promise<void> => {
  await db.insertInto('test_faults').values(fault).execute();
};

export const listFaults = (db: Kysely<Database>, accountSid: string): Promise<Fault[]> =>
  db.selectFrom('test_faults').selectAll().where('account_sid', '=', accountSid).orderBy('date_created').orderBy('sid').execute();

export const findFault = (db: Kysely<Database>, accountSid: string, sid: string): Promise<Fault | undefined> =>
  db.selectFrom('test_faults').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid).executeTakeFirst();

export const deleteFault = async (db: Kysely<Database>, sid: string): Promise<void> => {
  await db.deleteFrom('test_faults').where('sid', '=', sid).execute();
};

/** Faults of these accounts with uses left, oldest first. */
export const liveFaults = (db: Kysely<Database>, accountSids: readonly string[]): Promise<Fault[]> =>
  db.selectFrom('test_faults').selectAll().where('account_sid', 'in', accountSids).where('remaining', '>', 0).orderBy('date_created').orderBy('sid').execute();

/**
 * Uses up one of a fault's remaining times. The decrement is conditional in one statement, so
 * concurrent requests (and processes) never use a fault more often than it was set for.
 */
export async function useFault(db: Kysely<Database>, sid: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('test_faults')
    .set((eb) => ({ remaining: eb('remaining', '-', 1), date_updated: now }))
    .where('sid', '=', sid)
    .where('remaining', '>', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
