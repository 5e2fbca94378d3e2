import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { TwilioError } from '../errors/twilio-error.ts';
import type { Principal } from '../principal/principal.ts';
import { freshMemo } from '../storage/fresh-memo.ts';
import { liveFaults, useFault, type Fault } from '../storage/repositories/test-faults.ts';
import type { Database } from '../storage/schema.ts';
import { pathGlob } from './path-glob.ts';

/** Read again once any process sets or uses a fault: most requests meet none, and learn that from memory. */
const freshLiveFaults = freshMemo(['test_faults'], (db, accounts) => liveFaults(db, accounts.split(',')));

/** A fault that fired: the error to answer with and its `Retry-After`, if any. */
export interface InjectedFailure {
  error: TwilioError;
  retryAfter: number | null;
}

/**
 * The accounts whose faults a request meets: the account whose credentials (token or key) made it;
 * for Connect credentials, the Connect subaccount and the account acted on.
 */
const faultAccounts = (principal: Principal, targetSid: string | undefined): string[] => {
  if (principal.kind === 'account') return [principal.account.sid];
  return targetSid === undefined || targetSid === principal.subaccountSid ? [principal.subaccountSid] : [principal.subaccountSid, targetSid];
};

const matches = (fault: Fault, method: string, path: string): boolean =>
  (fault.method === null || fault.method === method) && pathGlob(fault.path).test(path);

/** What the faults did to a request: the failure to answer with, if any; `quiet` when no fault was live at all. */
export interface FaultOutcome {
  failure: InjectedFailure | null;
  quiet: boolean;
}

const QUIET: FaultOutcome = { failure: null, quiet: true };

/**
 * Runs the first matching fault with uses left: waits its `DelayMs`, then returns the failure it
 * injects, or no failure to let the request through (a delay-only fault, or none matched).
 */
export async function applyFaults(
  db: Kysely<Database>,
  request: { principal: Principal; targetSid: string | undefined; method: string; path: string; now: number },
): Promise<FaultOutcome> {
  const candidates = await freshLiveFaults(db, faultAccounts(request.principal, request.targetSid).join(','));
  if (candidates.length === 0) return QUIET;
  return { failure: await firstFailure(db, candidates, request), quiet: false };
}

async function firstFailure(
  db: Kysely<Database>,
  candidates: readonly Fault[],
  request: { method: string; path: string; now: number },
): Promise<InjectedFailure | null> {
  for (const fault of candidates) {
    if (!matches(fault, request.method, request.path) || !(await useFault(db, fault.sid, request.now))) continue;
    if (fault.delay_ms) await sleep(fault.delay_ms);
    if (fault.status === null) return null;
    const message = `Fault ${fault.sid} injected by the test controls: ${request.method} ${request.path} fails with ${fault.status}.`;
    return { error: new TwilioError(fault.code!, fault.status, message), retryAfter: fault.retry_after };
  }
  return null;
}
