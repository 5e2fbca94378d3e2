import type { Transaction } from 'kysely';
import { TwilioError } from '../errors/twilio-error.ts';
import { findAccount, updateAccount, type Account } from '../storage/repositories/accounts.ts';
import type { Database } from '../storage/schema.ts';
import { endGrants } from './end-grants.ts';

/**
 * Suspends, reactivates or closes an account; closed is final. Closing ends every Connect grant that
 * lives in the account — as a Connect subaccount, or, for a user's top-level account, on any of its
 * subaccounts — and closes a top-level account's subaccounts with it. Suspension ends no grant: the
 * account and everything below it only stop authenticating until it is active again. Runs in the
 * caller's transaction, so that other changes to the account commit with it.
 */
export async function changeAccountStatus(trx: Transaction<Database>, sid: string, status: Account['status'], now: number): Promise<Account> {
  const account = await findAccount(trx, sid);
  if (!account) throw TwilioError.of('notFound', `Account ${sid} was not found`);
  if (account.status === 'closed' && status !== 'closed') {
    throw TwilioError.of('accountClosed', `Cannot update status: account ${sid} is closed, and closed accounts cannot be reopened.`);
  }
  if (status === 'closed' && account.status !== 'closed') {
    await endGrants(trx, { subaccountSid: sid }, now);
    if (account.parent_sid === null) {
      await endGrants(trx, { accountSid: sid }, now);
      await trx.updateTable('accounts').set({ status: 'closed', date_updated: now }).where('parent_sid', '=', sid).where('status', '!=', 'closed').execute();
    }
  }
  return updateAccount(trx, sid, { status }, now);
}
