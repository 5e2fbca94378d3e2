import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { ApiKeysTable, Database } from '../schema.ts';
import { hashKeySecret, newKeySecret } from '../../util/api-key-secret.ts';
import { newSid } from '../../util/sid.ts';

export type ApiKey = Omit<ApiKeysTable, 'secret_hash'>;
export type ApiKeyKind = ApiKeysTable['kind'];

const PUBLIC_COLUMNS = ['sid', 'account_sid', 'kind', 'friendly_name', 'date_created', 'date_updated'] as const;

/** Creates a key and returns it with its secret, which exists nowhere else afterwards. */
export async function createApiKey(
  db: Kysely<Database>,
  input: { accountSid: string; kind: ApiKeyKind; friendlyName: string | null; now: number },
): Promise<{ key: ApiKey; secret: string }> {
  const secret = newKeySecret();
  const key: ApiKey = { sid: newSid('SK'), account_sid: input.accountSid, kind: input.kind, friendly_name: input.friendlyName, date_created: input.now, date_updated: input.now };
  await db.insertInto('api_keys').values({ ...key, secret_hash: hashKeySecret(key.sid, secret) }).execute();
  return { key, secret };
}

export const findApiKey = (db: Kysely<Database>, accountSid: string, kind: ApiKeyKind, sid: string): Promise<ApiKey | undefined> =>
  db.selectFrom('api_keys').select(PUBLIC_COLUMNS).where('sid', '=', sid).where('account_sid', '=', accountSid).where('kind', '=', kind).executeTakeFirst();

export const listApiKeys = (db: Kysely<Database>, accountSid: string, kind: ApiKeyKind, page: PageQuery): Promise<PageRows<ApiKey>> =>
  keysetPage(
    db.selectFrom('api_keys').select(PUBLIC_COLUMNS).where('account_sid', '=', accountSid).where('kind', '=', kind),
    { created: 'date_created', key: 'sid', order: 'asc' },
    page,
  );

export const renameApiKey = async (db: Kysely<Database>, sid: string, friendlyName: string | null, now: number): Promise<void> => {
  await db.updateTable('api_keys').set({ friendly_name: friendlyName, date_updated: now }).where('sid', '=', sid).execute();
};

export const deleteApiKey = async (db: Kysely<Database>, sid: string): Promise<void> => {
  await db.deleteFrom('api_keys').where('sid', '=', sid).execute();
};
