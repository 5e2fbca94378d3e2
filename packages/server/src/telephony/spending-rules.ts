import type { Kysely } from 'kysely';
import { familyBalanceMicros, topLevelOf } from '../api/2010-04-01/balance/balance.ts';
import { decimalFromMicros } from '../api/2010-04-01/usage/money.ts';
import { TwilioError } from '../errors/twilio-error.ts';
import { freshMemo } from '../storage/fresh-memo.ts';
import { findFreshAccount, type Account } from '../storage/repositories/accounts.ts';
import { isVerifiedCallerId } from '../storage/repositories/outgoing-caller-ids.ts';
import type { Database } from '../storage/schema.ts';

/** Twilio's codes: an unverified `To` on a Trial account (calls, messages), a Trial account's second number, an account out of funds. */
const TRIAL_CALL_UNVERIFIED = 21219;
const TRIAL_MESSAGE_UNVERIFIED = 21608;
const TRIAL_ONE_NUMBER = 21404;
const ACCOUNT_NOT_ACTIVE = 20005;

const outOfFunds = (balance: number, what: string) =>
  TwilioError.validation(
    ACCOUNT_NOT_ACTIVE,
    `Account not active: the balance (${decimalFromMicros(balance)} USD) cannot pay for ${what}. The account's usage is billed to its top-level account.`,
    403,
  );

// Every call and message checks these; they change far more rarely than they are read.
async function freshTopLevelOf(db: Kysely<Database>, account: Account): Promise<Account> {
  if (account.parent_sid === null) return account;
  const top = await findFreshAccount(db, account.parent_sid);
  return top ?? topLevelOf(db, account);
}
const freshBalance = freshMemo(['accounts', 'usage_daily', 'balance_credits'], (db, key) => {
  const [sid, type] = key.split(' ') as [string, Account['type']];
  return familyBalanceMicros(db, { sid, type });
});
const freshIsVerified = freshMemo(['outgoing_caller_ids'], (db, key) => {
  const [accountSid, to] = key.split(' ') as [string, string];
  return isVerifiedCallerId(db, accountSid, to);
});

/** A Trial account (or a subaccount of one) may only call and text numbers verified on it or on its parent. */
async function checkTrialDestination(db: Kysely<Database>, account: Account, top: Account, kind: 'call' | 'message', to: string): Promise<void> {
  if (top.type !== 'Trial' || !to.startsWith('+')) return;
  if (await freshIsVerified(db, `${account.sid} ${to}`)) return;
  if (top.sid !== account.sid && (await freshIsVerified(db, `${top.sid} ${to}`))) return;
  throw kind === 'call'
    ? TwilioError.validation(TRIAL_CALL_UNVERIFIED, `The number ${to} is unverified. Trial accounts may only make calls to verified numbers (OutgoingCallerIds).`)
    : TwilioError.validation(TRIAL_MESSAGE_UNVERIFIED, `The number ${to} is unverified. Trial accounts cannot send messages to unverified numbers; verify it (OutgoingCallerIds) or upgrade the account.`);
}

/** Calls and messages go out only while the balance is above zero, as Twilio stops an account at $0. */
export async function checkCanSend(db: Kysely<Database>, account: Account, kind: 'call' | 'message', to: string): Promise<void> {
  const top = await freshTopLevelOf(db, account);
  await checkTrialDestination(db, account, top, kind, to);
  const balance = await freshBalance(db, `${top.sid} ${top.type}`);
  if (balance <= 0) throw outOfFunds(balance, kind === 'call' ? 'a call' : 'a message');
}

/** A number is bought only when the balance covers its price; a Trial account (with its subaccounts) owns at most one. */
export async function checkCanBuyNumber(db: Kysely<Database>, account: Account, priceMicros: number): Promise<void> {
  const top = await topLevelOf(db, account);
  if (top.type === 'Trial') {
    const owned = await db
      .selectFrom('incoming_phone_numbers')
      .select('sid')
      .where('account_sid', 'in', db.selectFrom('accounts').select('sid').where((eb) => eb.or([eb('sid', '=', top.sid), eb('parent_sid', '=', top.sid)])))
      .executeTakeFirst();
    if (owned) throw TwilioError.validation(TRIAL_ONE_NUMBER, 'Trial accounts are allowed only one Twilio number. To buy another, upgrade the account (type Full).');
  }
  const balance = await familyBalanceMicros(db, top);
  if (balance < priceMicros) throw outOfFunds(balance, `a number costing ${decimalFromMicros(priceMicros)} USD`);
}
