import type { Kysely } from 'kysely';
import { freshMemo } from '../storage/fresh-memo.ts';
import { findClock, type AccountClock } from '../storage/repositories/account-clocks.ts';
import type { Database } from '../storage/schema.ts';

/** A subaccount lives on its parent's clock. */
export const clockOwner = (account: { sid: string; parent_sid: string | null }): string => account.parent_sid ?? account.sid;

/** What a clock reads when the server's reads `serverNow`. */
export const readClock = (clock: Pick<AccountClock, 'offset_ms' | 'frozen_at'>, serverNow: number): number =>
  clock.frozen_at ?? serverNow + clock.offset_ms;

/** Read again once any process writes a clock. */
const findFreshClock = freshMemo(['account_clocks'], findClock);

/**
 * The instant an account lives at: its family's clock if one was ever set, else the server's. A
 * change of a clock, in any process, is seen at once.
 */
export async function accountNow(db: Kysely<Database>, serverNow: number, account: { sid: string; parent_sid: string | null }): Promise<number> {
  const clock = await findFreshClock(db, clockOwner(account));
  return clock ? readClock(clock, serverNow) : serverNow;
}
