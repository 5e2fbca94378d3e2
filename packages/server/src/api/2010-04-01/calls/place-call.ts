import type { AppDeps } from '../../../app/deps.ts';
import type { Params } from '../../../http/params.ts';
import type { Account } from '../../../storage/repositories/accounts.ts';
import { commitRowsGrouped } from '../../../storage/group-commit.ts';
import type { Call } from '../../../storage/repositories/calls.ts';
import { callStateAt, planCall } from '../../../telephony/call-lifecycle.ts';
import { checkCanSend } from '../../../telephony/spending-rules.ts';
import { timeOrderedSid } from '../../../util/sid.ts';
import { readNewCall } from './read-create.ts';

/** An outbound API call (`POST /Calls`, or a conference participant): validated, planned by the seed, stored queued. */
export async function placeCall(deps: AppDeps, target: Account, form: Params, now: number): Promise<Call> {
  const request = await readNewCall(deps.db, target.sid, form);
  await checkCanSend(deps.db, target, 'call', request.to);
  const plan = planCall(deps.config.simulationSeed, request.to, request.from, now);
  const talkSeconds = request.timeLimit !== null ? Math.min(plan.talkSeconds, request.timeLimit) : plan.talkSeconds;
  const call: Call = {
    sid: timeOrderedSid('CA', now),
    account_sid: target.sid,
    parent_call_sid: null,
    to: request.to,
    from: request.from,
    phone_number_sid: request.phoneNumberSid,
    direction: 'outbound-api',
    answered_by: null,
    caller_name: null,
    forwarded_from: null,
    queue_time: 0,
    price: null,
    url: request.url,
    method: request.method,
    twiml: request.twiml,
    application_sid: request.applicationSid,
    status_callback: request.statusCallback,
    status_callback_method: request.statusCallbackMethod,
    status_callback_events: request.statusCallbackEvents,
    fallback_url: request.fallbackUrl,
    fallback_method: request.fallbackMethod,
    conversation: null,
    record: request.record ? 1 : 0,
    outcome: plan.outcome,
    ring_seconds: plan.ringSeconds,
    talk_seconds: talkSeconds,
    ...callStateAt({ date_created: now, outcome: plan.outcome, ring_seconds: plan.ringSeconds, talk_seconds: talkSeconds }, now),
    date_created: now,
    date_updated: now,
  };
  const recordingCallbacks = request.recordingStatusCallback ? [{ call_sid: call.sid, ...request.recordingStatusCallback }] : [];
  await commitRowsGrouped(deps.db, [['calls', [call]], ['call_recording_callbacks', recordingCallbacks]]);
  return call;
}
