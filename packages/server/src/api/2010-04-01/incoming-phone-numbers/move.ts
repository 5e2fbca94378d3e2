import { invalidParameter } from '../../../errors/twilio-error.ts';
import { one } from '../../../http/params.ts';
import { decide } from '../../../policy/decide.ts';
import { findAccount, type Account } from '../../../storage/repositories/accounts.ts';
import type { IncomingPhoneNumber } from '../../../storage/repositories/incoming-phone-numbers.ts';
import { isSid } from '../../../util/sid.ts';
import type { ApiContext } from '../route.ts';

/**
 * The account an update's `AccountSid` moves the number to, or undefined when it stays. The caller
 * must be allowed to write to the destination exactly as if the request had named it in its path:
 * so a parent moves numbers among itself and its subaccounts, a subaccount's own credentials never
 * reach its parent or siblings (20003), and a Connect App never moves a number out of its Connect
 * subaccount (20006).
 */
export async function readDestination(ctx: ApiContext, number: IncomingPhoneNumber): Promise<Account | undefined> {
  const sid = one(ctx.form, 'AccountSid');
  if (sid === undefined || sid === number.account_sid) return undefined;
  if (!isSid('AC', sid)) throw invalidParameter(`AccountSid '${sid}' is not an Account SID.`);
  const destination = await findAccount(ctx.deps.db, sid);
  const decision = decide(ctx.principal, { scope: 'subresource', method: 'POST', resource: 'IncomingPhoneNumbers' }, destination);
  if (!decision.allow) throw decision.error;
  if (destination!.status === 'closed') throw invalidParameter(`Account ${sid} is closed: a number cannot move into it.`);
  return destination;
}
