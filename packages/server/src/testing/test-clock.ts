import type { AppDeps } from '../app/deps.ts';
import { clockOwner } from '../clock/account-clock.ts';
import { changeClock, showClock, type ClockChange, type ClockState } from '../clock/change-clock.ts';
import { findAccount } from '../storage/repositories/accounts.ts';

/** An account's test clock as a test reads it. */
export interface ClockReading {
  /** The top-level account whose clock it is (a subaccount shares its parent's). */
  accountSid: string;
  now: Date;
  frozen: boolean;
}

/** `sb.clock(accountSid)`: the same controls as `/_switchboard/Accounts/{AccountSid}/Clock.json`. */
export interface TestClock {
  show(): Promise<ClockReading>;
  /** Stops the clock: nothing in the account moves on its own. */
  freeze(): Promise<ClockReading>;
  /** Lets it run on from where it stands. */
  unfreeze(): Promise<ClockReading>;
  /** Moves it forward, and resolves once everything that fell due has run. */
  advance(seconds: number): Promise<ClockReading>;
  /** Moves it forward to an instant (never back), likewise. */
  set(time: Date | string): Promise<ClockReading>;
}

const reading = (state: ClockState): ClockReading => ({ accountSid: state.accountSid, now: new Date(state.now), frozen: state.frozen });

export function testClock(deps: AppDeps, accountSid: string): TestClock {
  const owner = async () => {
    const account = await findAccount(deps.db, accountSid);
    if (!account) throw new Error(`sb.clock(): no account ${accountSid} on this server; use an accountSid of a world (w.customer.accountSid, …).`);
    return clockOwner(account);
  };
  const change = async (c: ClockChange) => reading(await changeClock(deps, await owner(), c));
  return {
    show: async () => reading(await showClock(deps, await owner())),
    freeze: () => change({ frozen: true }),
    unfreeze: () => change({ frozen: false }),
    advance: (seconds) => change({ advanceMs: Math.round(seconds * 1000) }),
    set: (time) => change({ time: new Date(time).getTime() }),
  };
}
