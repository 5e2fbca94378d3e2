import type { Kysely } from 'kysely';
import { deleteConnectApp } from '../storage/repositories/connect-apps.ts';
import type { Database } from '../storage/schema.ts';
import { endGrants } from './end-grants.ts';

/**
 * Deleting an app ends every user's grant of it at once: its Connect credentials stop working, and the
 * app's Deauthorize URL hears of each grant as if the user had revoked it, so that whatever still runs
 * behind it marks those users disconnected. The API and the Console share this.
 */
export const deleteAppAndGrants = (db: Kysely<Database>, sid: string, now: number): Promise<void> =>
  db.transaction().execute(async (trx) => {
    await endGrants(trx, { connectAppSid: sid }, now);
    await deleteConnectApp(trx, sid);
  });
