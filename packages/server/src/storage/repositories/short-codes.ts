import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { keysetPage, type PageQuery, type PageRows } from '../keyset-page.ts';
import type { Database } from '../schema.ts';
import type { ShortCodesTable } from '../schema-rest.ts';

export type ShortCode = ShortCodesTable;

/**
 * Every account has one short code, made the first time it is asked for. Its SID and digits come
 * from the account SID, so two requests racing to make it make the same row and one insert is a no-op.
 */
export async function ensureShortCode(db: Kysely<Database>, account: { sid: string; date_created: number }): Promise<void> {
  const digest = createHash('sha256').update(`short-code:${account.sid}`).digest('hex');
  const code = String(80000 + (parseInt(digest.slice(0, 8), 16) % 10000));
  await db
    .insertInto('short_codes')
    .values({
      sid: `SC${digest.slice(0, 32)}`,
      account_sid: account.sid,
      short_code: code,
      friendly_name: code,
      api_version: '2010-04-01',
      sms_url: null,
      sms_method: 'POST',
      sms_fallback_url: null,
      sms_fallback_method: 'POST',
      date_created: account.date_created,
      date_updated: account.date_created,
    })
    .onConflict((oc) => oc.column('sid').doNothing())
    .execute();
}

export const findShortCode = (db: Kysely<Database>, accountSid: string, sid: string): Promise<ShortCode | undefined> =>
  db.selectFrom('short_codes').selectAll().where('sid', '=', sid).where('account_sid', '=', accountSid).executeTakeFirst();

export function listShortCodes(db: Kysely<Database>, accountSid: string, filters: { friendlyName?: string; shortCode?: string }, page: PageQuery): Promise<PageRows<ShortCode>> {
  let q = db.selectFrom('short_codes').selectAll().where('account_sid', '=', accountSid);
  if (filters.friendlyName !== undefined) q = q.where('friendly_name', '=', filters.friendlyName);
  if (filters.shortCode !== undefined) q = q.where('short_code', 'like', `%${filters.shortCode.replace(/[^0-9]/g, '')}%`);
  return keysetPage(q, { created: 'date_created', key: 'sid', order: 'asc' }, page);
}

export const updateShortCode = async (db: Kysely<Database>, sid: string, changes: Partial<Omit<ShortCode, 'sid' | 'account_sid' | 'short_code' | 'date_created'>>): Promise<void> => {
  await db.updateTable('short_codes').set(changes).where('sid', '=', sid).execute();
};
