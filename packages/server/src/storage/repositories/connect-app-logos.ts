import type { Kysely } from 'kysely';
import type { ConnectAppLogosTable, Database } from '../schema.ts';

export type ConnectAppLogo = ConnectAppLogosTable;

export const findLogo = (db: Kysely<Database>, connectAppSid: string): Promise<ConnectAppLogo | undefined> =>
  db.selectFrom('connect_app_logos').selectAll().where('connect_app_sid', '=', connectAppSid).executeTakeFirst();

/** The SIDs among `sids` that have a logo, so lists can show an image or a placeholder. */
export const appsWithLogo = async (db: Kysely<Database>, sids: readonly string[]): Promise<Set<string>> => {
  if (sids.length === 0) return new Set();
  const rows = await db.selectFrom('connect_app_logos').select('connect_app_sid').where('connect_app_sid', 'in', sids).execute();
  return new Set(rows.map((r) => r.connect_app_sid));
};

export const saveLogo = async (db: Kysely<Database>, logo: ConnectAppLogo): Promise<void> => {
  await db
    .insertInto('connect_app_logos')
    .values(logo)
    .onConflict((oc) => oc.column('connect_app_sid').doUpdateSet({ content_type: logo.content_type, data: logo.data, date_updated: logo.date_updated }))
    .execute();
};
