import type { Kysely } from 'kysely';
import { findConnectApp } from '../../storage/repositories/connect-apps.ts';
import type { Database } from '../../storage/schema.ts';

const CONSENT_PATH = /^\/authorize\/(CN[0-9a-f]{32})(?:[?/]|$)/;

/** The Friendly Name of the Connect App whose consent screen `next` leads back to, so sign-in can name it. */
export async function connectingAppName(db: Kysely<Database>, next: string): Promise<string | undefined> {
  const sid = CONSENT_PATH.exec(next)?.[1];
  return sid ? (await findConnectApp(db, sid))?.friendly_name : undefined;
}
