import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../../keyset-page.ts';
import type { Database } from '../../schema.ts';
import type { SipCredentialsTable } from '../../schema-sip.ts';

/** A credential as the API shows it: never its password, not even hashed. */
export type SipCredential = Omit<SipCredentialsTable, 'password_hash'>;

const PUBLIC_COLUMNS = ['sid', 'account_sid', 'credential_list_sid', 'username', 'date_created', 'date_updated'] as const;

export const findCredential = (db: Kysely<Database>, listSid: string, sid: string): Promise<SipCredential | undefined> =>
  db.selectFrom('sip_credentials').select(PUBLIC_COLUMNS).where('sid', '=', sid).where('credential_list_sid', '=', listSid).executeTakeFirst();

export const insertCredential = async (db: Kysely<Database>, credential: SipCredentialsTable): Promise<void> => {
  await db.insertInto('sip_credentials').values(credential).execute();
};

export const changePassword = async (db: Kysely<Database>, sid: string, passwordHash: string, now: number): Promise<void> => {
  await db.updateTable('sip_credentials').set({ password_hash: passwordHash, date_updated: now }).where('sid', '=', sid).execute();
};

export const deleteCredential = async (db: Kysely<Database>, sid: string): Promise<void> => {
  await db.deleteFrom('sip_credentials').where('sid', '=', sid).execute();
};

export const listCredentials = (db: Kysely<Database>, listSid: string, page: PageQuery): Promise<PageRows<SipCredential>> =>
  keysetPage(
    db.selectFrom('sip_credentials').select(PUBLIC_COLUMNS).where('credential_list_sid', '=', listSid),
    { created: 'date_created', key: 'sid', order: 'asc' },
    page,
  );

/** The password hashes a username has in the given lists, to authenticate a SIP call. */
export const passwordHashesFor = async (db: Kysely<Database>, listSids: readonly string[], username: string): Promise<string[]> => {
  if (listSids.length === 0) return [];
  const rows = await db.selectFrom('sip_credentials').select('password_hash').where('credential_list_sid', 'in', listSids).where('username', '=', username).execute();
  return rows.map((row) => row.password_hash);
};
