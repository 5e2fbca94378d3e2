import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { Database, OutgoingCallerIdsTable } from '../schema.ts';

export type OutgoingCallerId = OutgoingCallerIdsTable;

export const findCallerId = (db: Kysely<Database>, accountSid: string, sid: string): Promise<OutgoingCallerId | undefined> =>
  db.selectFrom('outgoing_caller_ids').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid).executeTakeFirst();

/** Whether the account has verified `phoneNumber`. */
export const isVerifiedCallerId = async (db: Kysely<Database>, accountSid: string, phoneNumber: string): Promise<boolean> =>
  (await db.selectFrom('outgoing_caller_ids').select('sid').where('account_sid', '=', accountSid).where('phone_number', '=', phoneNumber).executeTakeFirst()) !== undefined;

/** Verifies a number for the account; verifying it again renames it and keeps its SID. */
export async function upsertCallerId(db: Kysely<Database>, row: OutgoingCallerId): Promise<OutgoingCallerId> {
  await db
    .insertInto('outgoing_caller_ids')
    .values(row)
    .onConflict((oc) => oc.columns(['account_sid', 'phone_number']).doUpdateSet({ friendly_name: row.friendly_name, date_updated: row.date_updated }))
    .execute();
  return (await db
    .selectFrom('outgoing_caller_ids')
    .selectAll()
    .where('account_sid', '=', row.account_sid)
    .where('phone_number', '=', row.phone_number)
    .executeTakeFirstOrThrow());
}

export function listCallerIds(
  db: Kysely<Database>,
  accountSid: string,
  filters: { phoneNumber?: string; friendlyName?: string },
  page: PageQuery,
): Promise<PageRows<OutgoingCallerId>> {
  let q = db.selectFrom('outgoing_caller_ids').selectAll().where('account_sid', '=', accountSid);
  if (filters.phoneNumber !== undefined) q = q.where('phone_number', '=', filters.phoneNumber);
  if (filters.friendlyName !== undefined) q = q.where('friendly_name', '=', filters.friendlyName);
  return keysetPage(q, { created: 'date_created', key: 'sid', order: 'asc' }, page);
}

export const renameCallerId = async (db: Kysely<Database>, sid: string, friendlyName: string, now: number): Promise<void> => {
  await db.updateTable('outgoing_caller_ids').set({ friendly_name: friendlyName, date_updated: now }).where('sid', '=', sid).execute();
};

export const deleteCallerId = async (db: Kysely<Database>, sid: string): Promise<void> => {
  await db.deleteFrom('outgoing_caller_ids').where('sid', '=', sid).execute();
};
