import type { Kysely } from 'kysely';
import { findClock, type AccountClock } from '../storage/repositories/account-clocks.ts';
import type { Database } from '../storage/schema.ts';

/** A subaccount lives on its parent's clock. */
export const clockOwner = (account: { sid: string; parent_sid: string | null }): string => account.parent_sid ?? account.sid;

/** What a clock reads when the server's reads `serverNow`. */
export const readClock = (clock: Pick<AccountClock, 'offset_ms' | 'frozen_at'>, serverNow: number): number =>
  clock.frozen_at ?? serverNow + clock.offset_ms;

/**
 * The instant an account lives at: its family's clock if one was ever set, else the server's. Read
 * from the database every time (one row by primary key), so every process sees a change at once.
 */
export async function accountNow(db: Kysely<Database>, serverNow: number, account: { sid: string; parent_sid: string | null }): Promise<number> {
  const clock = await findClock(db, clockOwner(account));
  return clock ? readClock(clock, serverNow) : serverNow;
}
