import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../../keyset-page.ts';
import type { Database } from '../../schema.ts';
import type { SipIpAddressesTable } from '../../schema-sip.ts';

export type SipIpAddress = SipIpAddressesTable;

export const findIpAddress = (db: Kysely<Database>, listSid: string, sid: string): Promise<SipIpAddress | undefined> =>
  db.selectFrom('sip_ip_addresses').selectAll().where('sid', '=', sid).where('ip_access_control_list_sid', '=', listSid).executeTakeFirst();

export const insertIpAddress = async (db: Kysely<Database>, address: SipIpAddress): Promise<void> => {
  await db.insertInto('sip_ip_addresses').values(address).execute();
};

export const updateIpAddress = async (db: Kysely<Database>, address: SipIpAddress): Promise<void> => {
  const { friendly_name, ip_address, cidr_prefix_length, date_updated } = address;
  await db.updateTable('sip_ip_addresses').set({ friendly_name, ip_address, cidr_prefix_length, date_updated }).where('sid', '=', address.sid).execute();
};

export const deleteIpAddress = async (db: Kysely<Database>, sid: string): Promise<void> => {
  await db.deleteFrom('sip_ip_addresses').where('sid', '=', sid).execute();
};

export const listIpAddresses = (db: Kysely<Database>, listSid: string, page: PageQuery): Promise<PageRows<SipIpAddress>> =>
  keysetPage(
    db.selectFrom('sip_ip_addresses').selectAll().where('ip_access_control_list_sid', '=', listSid),
    { created: 'date_created', key: 'sid', order: 'asc' },
    page,
  );

/** Every address and block of the given lists, to check a SIP call's source. */
export const addressesOf = async (db: Kysely<Database>, listSids: readonly string[]): Promise<Array<Pick<SipIpAddress, 'ip_address' | 'cidr_prefix_length'>>> =>
  listSids.length === 0
    ? []
    : db.selectFrom('sip_ip_addresses').select(['ip_address', 'cidr_prefix_length']).where('ip_access_control_list_sid', 'in', listSids).execute();
