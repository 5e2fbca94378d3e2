import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { Database } from '../schema.ts';
import type { AddressesTable } from '../schema-rest.ts';

export type Address = AddressesTable;

export interface AddressFilters {
  customerName?: string;
  friendlyName?: string;
  emergencyEnabled?: boolean;
  isoCountry?: string;
}

export const insertAddress = async (db: Kysely<Database>, address: Address): Promise<void> => {
  await db.insertInto('addresses').values(address).execute();
};

export const findAddress = (db: Kysely<Database>, accountSid: string, sid: string): Promise<Address | undefined> =>
  db.selectFrom('addresses').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid).executeTakeFirst();

export function listAddresses(db: Kysely<Database>, accountSid: string, filters: AddressFilters, page: PageQuery): Promise<PageRows<Address>> {
  let q = db.selectFrom('addresses').selectAll().where('account_sid', '=', accountSid);
  if (filters.customerName !== undefined) q = q.where('customer_name', '=', filters.customerName);
  if (filters.friendlyName !== undefined) q = q.where('friendly_name', '=', filters.friendlyName);
  if (filters.emergencyEnabled !== undefined) q = q.where('emergency_enabled', '=', filters.emergencyEnabled ? 1 : 0);
  if (filters.isoCountry !== undefined) q = q.where('iso_country', '=', filters.isoCountry);
  return keysetPage(q, { created: 'date_created', key: 'sid', order: 'asc' }, page);
}

export const updateAddress = async (db: Kysely<Database>, sid: string, changes: Partial<Omit<Address, 'sid' | 'account_sid'>>): Promise<void> => {
  await db.updateTable('addresses').set(changes).where('sid', '=', sid).execute();
};

export const deleteAddress = async (db: Kysely<Database>, sid: string): Promise<void> => {
  await db.deleteFrom('addresses').where('sid', '=', sid).execute();
};
