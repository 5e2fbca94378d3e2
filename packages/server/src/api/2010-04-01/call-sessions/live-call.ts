import { notFound, TwilioError } from '../../../errors/twilio-error.ts';
import { findCall, type Call } from '../../../storage/repositories/calls.ts';
import { FINAL_CALL_STATUSES } from '../../../telephony/call-lifecycle.ts';
import type { ApiContext } from '../route.ts';

/** Twilio's "Call is not in-progress" refusal. */
const CALL_NOT_IN_PROGRESS = 21220;

/** The path's call, in the path's account. */
export async function loadPathCall({ deps, params, target, path }: ApiContext): Promise<Call> {
  const call = await findCall(deps.db, target.sid, params.CallSid!);
  if (!call) throw notFound(path);
  return call;
}

/** The path's call, which must be answered and not over: only a live call can be streamed, recorded or charged. */
export async function loadLiveCall(ctx: ApiContext): Promise<Call> {
  const call = await loadPathCall(ctx);
  if (call.status !== 'in-progress') {
    throw TwilioError.validation(CALL_NOT_IN_PROGRESS, `Call ${call.sid} is ${call.status}, not in-progress: start this once the call has been answered and before it ends.`);
  }
  return call;
}

export const isOver = (call: Call): boolean => FINAL_CALL_STATUSES.has(call.status);
