import type { Kysely } from 'kysely';
import { familyBalanceMicros, topLevelOf } from '../api/2010-04-01/balance/balance.ts';
import { decimalFromMicros } from '../api/2010-04-01/usage/money.ts';
import { TwilioError } from '../errors/twilio-error.ts';
import type { Account } from '../storage/repositories/accounts.ts';
import { cachedReads } from '../storage/cached-reads.ts';
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
const cachedTopLevelOf = cachedReads(['accounts'], (account: Account) => account.parent_sid ?? account.sid, topLevelOf);
const cachedBalance = cachedReads(['accounts', 'usage_daily', 'balance_credits'], (top: Account) => `${top.sid} ${top.type}`, familyBalanceMicros);
const cachedIsVerified = cachedReads(['outgoing_caller_ids'], (accountSid: string, to: string) => `${accountSid} ${to}`, isVerifiedCallerId);

/** A Trial account (or a subaccount of one) may only call and text numbers verified on it or on its parent. */
async function checkTrialDestination(db: Kysely<Database>, account: Account, top: Account, kind: 'call' | 'message', to: string): Promise<void> {
  if (top.type !== 'Trial' || !to.startsWith('+')) return;
  if (await cachedIsVerified(db, account.sid, to)) return;
  if (top.sid !== account.sid && (await cachedIsVerified(db, top.sid, to))) return;
  throw kind === 'call'
    ? TwilioError.validation(TRIAL_CALL_UNVERIFIED, `The number ${to} is unverified. Trial accounts may only make calls to verified numbers (OutgoingCallerIds).`)
    : TwilioError.validation(TRIAL_MESSAGE_UNVERIFIED, `The number ${to} is unverified. Trial accounts cannot send messages to unverified numbers; verify it (OutgoingCallerIds) or upgrade the account.`);
}

/** Calls and messages go out only while the balance is above zero, as Twilio stops an account at $0. */
export async function checkCanSend(db: Kysely<Database>, account: Account, kind: 'call' | 'message', to: string): Promise<void> {
  const top = await cachedTopLevelOf(db, account);
  await checkTrialDestination(db, account, top, kind, to);
  const balance = await cachedBalance(db, top);
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
