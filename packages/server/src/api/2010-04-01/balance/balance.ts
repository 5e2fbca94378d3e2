import type { Kysely } from 'kysely';
import { findAccount, type Account } from '../../../storage/repositories/accounts.ts';
import { creditMicros } from '../../../storage/repositories/balance-credits.ts';
import { familyPriceMicros } from '../../../storage/repositories/usage.ts';
import type { Database } from '../../../storage/schema.ts';

/**
 * What a top-level account starts with, in millionths of a dollar: Twilio's trial credit ($15.50)
 * for Trial accounts, and $20.00 (Twilio's smallest first top-up) for Full ones.
 */
export const STARTING_CREDIT_MICROS: Readonly<Record<Account['type'], number>> = { Trial: 15_500_000, Full: 20_000_000 };

/**
 * The balance a top-level account and all its subaccounts share: the starting credit and any credit
 * added since (seeded history comes paid for), less every price recorded anywhere in the family. A
 * Connect subaccount is in its user's family, so the user pays for what the app does, never the developer.
 */
export async function balanceMicros(db: Kysely<Database>, account: Account): Promise<number> {
  return familyBalanceMicros(db, await topLevelOf(db, account));
}

/** The balance of a top-level account's family, given that account. */
export async function familyBalanceMicros(db: Kysely<Database>, top: Pick<Account, 'sid' | 'type'>): Promise<number> {
  const [credit, spent] = await Promise.all([creditMicros(db, top.sid), familyPriceMicros(db, top.sid)]);
  return STARTING_CREDIT_MICROS[top.type] + credit - spent;
}

/** The account that pays for `account`: itself, or its parent. */
export async function topLevelOf(db: Kysely<Database>, account: Account): Promise<Account> {
  const top = account.parent_sid === null ? account : await findAccount(db, account.parent_sid);
  if (!top) throw new Error(`Account ${account.sid} has a parent ${account.parent_sid} that does not exist.`);
  return top;
}
