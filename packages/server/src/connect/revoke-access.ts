import type { Kysely } from 'kysely';
import { TwilioError } from '../errors/twilio-error.ts';
import type { ConnectGrant } from '../storage/repositories/connect-grants.ts';
import type { Database } from '../storage/schema.ts';
import { endGrants } from './end-grants.ts';

export interface RevokeRequest {
  connectAppSid: string;
  accountSid: string;
  now: number;
}

/** The user revokes an app (Console or `switchboard connect revoke`): its grant on the user's account ends. */
export const revokeAccess = (db: Kysely<Database>, { connectAppSid, accountSid, now }: RevokeRequest): Promise<ConnectGrant> =>
  db.transaction().execute(async (trx) => {
    const [grant] = await endGrants(trx, { connectAppSid, accountSid }, now);
    if (!grant) throw TwilioError.of('notFound', `Connect App ${connectAppSid} is not authorized on account ${accountSid}`);
    return grant;
  });
