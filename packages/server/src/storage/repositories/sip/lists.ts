import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../../keyset-page.ts';
import type { Database } from '../../schema.ts';
import type { SipListsTable } from '../../schema-sip.ts';

/** A Credential List or an IP Access Control List: both are a named set of entries. */
export type SipList = SipListsTable;
export type ListKind = SipList['kind'];


export const findList = (db: Kysely<Database>, accountSid: string, kind: ListKind, sid: string): Promise<SipList | undefined> =>
  db.selectFrom('sip_lists').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid).where('kind', '=', kind).executeTakeFirst();

export const insertList = async (db: Kysely<Database>, list: SipList): Promise<void> => {
  await db.insertInto('sip_lists').values(list).execute();
};

export const renameList = async (db: Kysely<Database>, sid: string, friendlyName: string, now: number): Promise<void> => {
  await db.updateTable('sip_lists').set({ friendly_name: friendlyName, date_updated: now }).where('sid', '=', sid).execute();
};

export const listLists = (db: Kysely<Database>, accountSid: string, kind: ListKind, page: PageQuery): Promise<PageRows<SipList>> =>
  keysetPage(
    db.selectFrom('sip_lists').selectAll().where('account_sid', '=', accountSid).where('kind', '=', kind),
    { created: 'date_created', key: 'sid', order: 'asc' },
    page,
  );

/** A list goes with its entries and its mappings to domains, in one transaction. */
export async function deleteList(db: Kysely<Database>, list: SipList): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('sip_domain_mappings').where('list_sid', '=', list.sid).execute();
    if (list.kind === 'credential') await tx.deleteFrom('sip_credentials').where('credential_list_sid', '=', list.sid).execute();
    else await tx.deleteFrom('sip_ip_addresses').where('ip_access_control_list_sid', '=', list.sid).execute();
    await tx.deleteFrom('sip_lists').where('sid', '=', list.sid).execute();
  });
}
