import type { AppDeps } from '../app/deps.ts';
import { invalidParameter } from '../errors/twilio-error.ts';
import { findClock, saveClock, type AccountClock } from '../storage/repositories/account-clocks.ts';
import { readClock } from './account-clock.ts';

/** What a clock control asks for: freeze or unfreeze, and move forward by an amount or to an instant. */
export interface ClockChange {
  frozen?: boolean;
  advanceMs?: number;
  time?: number;
}

/** A clock as the controls show it: the top-level account it belongs to, what it reads, frozen or not. */
export interface ClockState {
  accountSid: string;
  now: number;
  frozen: boolean;
}

type Deps = Pick<AppDeps, 'db' | 'clock' | 'simulator'>;

/** The clock of a top-level account; one never set runs with the server's. */
export async function showClock(deps: Deps, owner: string): Promise<ClockState> {
  const clock = await findClock(deps.db, owner);
  const serverNow = deps.clock();
  return { accountSid: owner, now: clock ? readClock(clock, serverNow) : serverNow, frozen: clock?.frozen_at != null };
}

function targetInstant(current: number, change: ClockChange): number {
  if (change.advanceMs !== undefined && change.time !== undefined) {
    throw invalidParameter('Give Advance (seconds) or Time (an ISO 8601 instant), not both.');
  }
  if (change.time !== undefined && change.time < current) {
    throw invalidParameter(`The clock only moves forward: Time ${new Date(change.time).toISOString()} is before its now, ${new Date(current).toISOString()}. Give a later Time, or a positive Advance.`);
  }
  return change.time ?? current + (change.advanceMs ?? 0);
}

/**
 * Sets the clock, then runs everything in the family that fell due up to its new instant, event by
 * event, before answering: a test that advances sees the world as it stands at the new time.
 */
export async function changeClock(deps: Deps, owner: string, change: ClockChange): Promise<ClockState> {
  const existing = await findClock(deps.db, owner);
  const serverNow = deps.clock();
  const current = existing ? readClock(existing, serverNow) : serverNow;
  const until = targetInstant(current, change);
  const frozen = change.frozen ?? existing?.frozen_at != null;
  const clock: AccountClock = {
    account_sid: owner,
    // Running, it keeps its distance from the server's clock; frozen, it holds its instant.
    offset_ms: until - serverNow,
    frozen_at: frozen ? until : null,
    date_created: existing?.date_created ?? serverNow,
    date_updated: serverNow,
  };
  await saveClock(deps.db, clock);
  await deps.simulator.advanceFamily(owner, until);
  return { accountSid: owner, now: frozen ? until : readClock(clock, deps.clock()), frozen };
}
