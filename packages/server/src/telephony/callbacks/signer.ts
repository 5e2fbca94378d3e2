import type { Kysely } from 'kysely';
import { findGrantBySubaccount } from '../../storage/repositories/connect-grants.ts';
import type { Database } from '../../storage/schema.ts';

export interface Signer {
  /** The account whose auth token signs the request: the token the developer holds. */
  accountSid: string;
  /** The Connect App whose Console lists the request, for a Connect subaccount's traffic. */
  connectAppSid: string | null;
}

/**
 * A Connect subaccount's callbacks are signed with the Connect App owner's token (the developer never
 * sees the subaccount's own); any other account's with its own.
 */
export async function signerOf(db: Kysely<Database>, accountSid: string): Promise<Signer> {
  const grant = await findGrantBySubaccount(db, accountSid);
  return grant ? { accountSid: grant.developer_account_sid, connectAppSid: grant.connect_app_sid } : { accountSid, connectAppSid: null };
}
