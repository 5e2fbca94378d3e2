import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { Database, IncomingPhoneNumbersTable } from '../schema.ts';

export type HttpMethod = 'GET' | 'POST';

/** What a number does with calls and messages; stored as the `config` JSON, named as Twilio's responses name it. */
export interface NumberSettings {
  api_version: string;
  voice_url: string | null;
  voice_method: HttpMethod;
  voice_fallback_url: string | null;
  voice_fallback_method: HttpMethod;
  voice_caller_id_lookup: boolean;
  voice_application_sid: string | null;
  voice_receive_mode: 'voice' | 'fax';
  status_callback: string | null;
  status_callback_method: HttpMethod;
  sms_url: string | null;
  sms_method: HttpMethod;
  sms_fallback_url: string | null;
  sms_fallback_method: HttpMethod;
  sms_application_sid: string | null;
  trunk_sid: string | null;
  identity_sid: string | null;
  address_sid: string | null;
  bundle_sid: string | null;
  emergency_status: 'Active' | 'Inactive';
  emergency_address_sid: string | null;
}

export const DEFAULT_NUMBER_SETTINGS: Readonly<NumberSettings> = {
  api_version: '2010-04-01',
  voice_url: null,
  voice_method: 'POST',
  voice_fallback_url: null,
  voice_fallback_method: 'POST',
  voice_caller_id_lookup: false,
  voice_application_sid: null,
  voice_receive_mode: 'voice',
  status_callback: null,
  status_callback_method: 'POST',
  sms_url: null,
  sms_method: 'POST',
  sms_fallback_url: null,
  sms_fallback_method: 'POST',
  sms_application_sid: null,
  trunk_sid: null,
  identity_sid: null,
  address_sid: null,
  bundle_sid: null,
  emergency_status: 'Inactive',
  emergency_address_sid: null,
};

const CAPABILITIES = ['voice', 'sms', 'mms', 'fax'] as const;
export type NumberCapabilities = Record<(typeof CAPABILITIES)[number], boolean>;

/** Stored as a comma list of the capabilities a number has, e.g. `voice,sms,mms`. */
export const formatCapabilities = (capabilities: NumberCapabilities): string => CAPABILITIES.filter((c) => capabilities[c]).join(',');

export const parseCapabilities = (stored: string): NumberCapabilities => {
  const present = new Set(stored.split(','));
  return { voice: present.has('voice'), sms: present.has('sms'), mms: present.has('mms'), fax: present.has('fax') };
};

export interface IncomingPhoneNumber extends Omit<IncomingPhoneNumbersTable, 'config'> {
  config: NumberSettings;
}

export interface IncomingNumberFilters {
  type?: IncomingPhoneNumbersTable['type'];
  friendlyName?: string;
  /** A SQL LIKE pattern over `phone_number`, built from digits and `_`. */
  phoneNumberLike?: string;
  /** Numbers that name this Address (a well-formed `AD…` SID) as theirs. */
  addressSid?: string;
}

const fromRow = (row: IncomingPhoneNumbersTable): IncomingPhoneNumber => ({
  ...row,
  config: { ...DEFAULT_NUMBER_SETTINGS, ...(JSON.parse(row.config) as Partial<NumberSettings>) },
});

const toRow = (n: IncomingPhoneNumber): IncomingPhoneNumbersTable => ({ ...n, config: JSON.stringify(n.config) });

/** Fails with the database's unique violation when someone else owns the number already. */
export const insertIncomingNumber = async (db: Kysely<Database>, n: IncomingPhoneNumber): Promise<void> => {
  await db.insertInto('incoming_phone_numbers').values(toRow(n)).execute();
};

export const findIncomingNumber = async (db: Kysely<Database>, accountSid: string, sid: string): Promise<IncomingPhoneNumber | undefined> => {
  const row = await db
    .selectFrom('incoming_phone_numbers')
    .selectAll()
    .where('sid', '=', sid)
    .where('account_sid', '=', accountSid)
    .executeTakeFirst();
  return row && fromRow(row);
};

export async function listIncomingNumbers(
  db: Kysely<Database>,
  accountSid: string,
  filters: IncomingNumberFilters,
  page: PageQuery,
): Promise<PageRows<IncomingPhoneNumber>> {
  let q = db.selectFrom('incoming_phone_numbers').selectAll().where('account_sid', '=', accountSid);
  if (filters.type !== undefined) q = q.where('type', '=', filters.type);
  if (filters.friendlyName !== undefined) q = q.where('friendly_name', '=', filters.friendlyName);
  if (filters.phoneNumberLike !== undefined) q = q.where('phone_number', 'like', filters.phoneNumberLike);
  if (filters.addressSid !== undefined) q = q.where('config', 'like', `%"address_sid":"${filters.addressSid}"%`);
  const result = await keysetPage(q, { created: 'date_created', key: 'sid', order: 'asc' }, page);
  return { ...result, rows: result.rows.map(fromRow) };
}

export const updateIncomingNumber = async (
  db: Kysely<Database>,
  sid: string,
  changes: Partial<Pick<IncomingPhoneNumber, 'account_sid' | 'friendly_name' | 'config'>>,
  now: number,
): Promise<void> => {
  const { config, ...rest } = changes;
  await db
    .updateTable('incoming_phone_numbers')
    .set({ ...rest, ...(config ? { config: JSON.stringify(config) } : {}), date_updated: now })
    .where('sid', '=', sid)
    .execute();
};

export const deleteIncomingNumber = async (db: Kysely<Database>, sid: string): Promise<void> => {
  await db.deleteFrom('incoming_phone_numbers').where('sid', '=', sid).execute();
};

/** Which of these E.164 numbers some account owns; seeks through the unique index on `phone_number`. */
export async function ownedAmong(db: Kysely<Database>, phoneNumbers: readonly string[]): Promise<Set<string>> {
  const owned = new Set<string>();
  for (let i = 0; i < phoneNumbers.length; i += 500) {
    const chunk = phoneNumbers.slice(i, i + 500);
    const rows = await db.selectFrom('incoming_phone_numbers').select('phone_number').where('phone_number', 'in', chunk).execute();
    for (const row of rows) owned.add(row.phone_number);
  }
  return owned;
}
