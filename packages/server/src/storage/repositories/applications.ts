import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { ApplicationsTable, Database } from '../schema.ts';
import type { HttpMethod } from './incoming-phone-numbers.ts';

/** An Application's TwiML endpoints; stored as the `config` JSON, named as Twilio's responses name it. */
export interface ApplicationSettings {
  api_version: string;
  voice_url: string | null;
  voice_method: HttpMethod;
  voice_fallback_url: string | null;
  voice_fallback_method: HttpMethod;
  voice_caller_id_lookup: boolean;
  status_callback: string | null;
  status_callback_method: HttpMethod;
  sms_url: string | null;
  sms_method: HttpMethod;
  sms_fallback_url: string | null;
  sms_fallback_method: HttpMethod;
  sms_status_callback: string | null;
  message_status_callback: string | null;
  public_application_connect_enabled: boolean;
}

export const DEFAULT_APPLICATION_SETTINGS: Readonly<ApplicationSettings> = {
  api_version: '2010-04-01',
  voice_url: null,
  voice_method: 'POST',
  voice_fallback_url: null,
  voice_fallback_method: 'POST',
  voice_caller_id_lookup: false,
  status_callback: null,
  status_callback_method: 'POST',
  sms_url: null,
  sms_method: 'POST',
  sms_fallback_url: null,
  sms_fallback_method: 'POST',
  sms_status_callback: null,
  message_status_callback: null,
  public_application_connect_enabled: false,
};

export interface Application extends Omit<ApplicationsTable, 'config'> {
  config: ApplicationSettings;
}

const fromRow = (row: ApplicationsTable): Application => ({
  ...row,
  config: { ...DEFAULT_APPLICATION_SETTINGS, ...(JSON.parse(row.config) as Partial<ApplicationSettings>) },
});

export const insertApplication = async (db: Kysely<Database>, app: Application): Promise<void> => {
  await db.insertInto('applications').values({ ...app, config: JSON.stringify(app.config) }).execute();
};

export const findApplication = async (db: Kysely<Database>, accountSid: string, sid: string): Promise<Application | undefined> => {
  const row = await db.selectFrom('applications').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid).executeTakeFirst();
  return row && fromRow(row);
};

export async function listApplications(
  db: Kysely<Database>,
  accountSid: string,
  filters: { friendlyName?: string },
  page: PageQuery,
): Promise<PageRows<Application>> {
  let q = db.selectFrom('applications').selectAll().where('account_sid', '=', accountSid);
  if (filters.friendlyName !== undefined) q = q.where('friendly_name', '=', filters.friendlyName);
  const result = await keysetPage(q, { created: 'date_created', key: 'sid', order: 'asc' }, page);
  return { ...result, rows: result.rows.map(fromRow) };
}

export const updateApplication = async (
  db: Kysely<Database>,
  sid: string,
  changes: { friendly_name?: string; config?: ApplicationSettings },
  now: number,
): Promise<void> => {
  const { config, ...rest } = changes;
  await db
    .updateTable('applications')
    .set({ ...rest, ...(config ? { config: JSON.stringify(config) } : {}), date_updated: now })
    .where('sid', '=', sid)
    .execute();
};

export const deleteApplication = async (db: Kysely<Database>, sid: string): Promise<void> => {
  await db.deleteFrom('applications').where('sid', '=', sid).execute();
};
