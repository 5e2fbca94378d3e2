import type { Kysely } from 'kysely';
import { TwilioError } from '../errors/twilio-error.ts';
import { findGrant, type ConnectGrant } from '../storage/repositories/connect-grants.ts';
import type { Database } from '../storage/schema.ts';

export interface RevokeRequest {
  connectAppSid: string;
  accountSid: string;
  now: number;
}

/** Ends a user's grant at once; the Connect subaccount and its data stay with the user. */
export const revokeAccess = (db: Kysely<Database>, { connectAppSid, accountSid, now }: RevokeRequest): Promise<ConnectGrant> =>
  db.transaction().execute(async (trx) => {
    const grant = await findGrant(trx, connectAppSid, accountSid);
    if (!grant || grant.status !== 'active') {
      throw TwilioError.of('notFound', `Connect App ${connectAppSid} is not authorized on account ${accountSid}`);
    }
    await trx
      .updateTable('connect_grants')
      .set({ status: 'revoked', date_updated: now })
      .where('connect_app_sid', '=', connectAppSid)
      .where('account_sid', '=', accountSid)
      .execute();
    return { ...grant, status: 'revoked', date_updated: now };
  });
