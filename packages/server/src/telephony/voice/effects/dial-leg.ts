import type { Kysely } from 'kysely';
import { insertCall, type Call } from '../../../storage/repositories/calls.ts';
import type { Database } from '../../../storage/schema.ts';
import { timeOrderedSid } from '../../../util/sid.ts';
import { QUEUE_SECONDS } from '../../call-lifecycle.ts';
import type { DialPlan } from '../steps/dial.ts';

/**
 * Creates the child leg a `<Dial>` rings: `outbound-dial`, with `parent_call_sid`, due to start ringing
 * at once (Dial legs are never held queued), then moved on by the simulation like any call, with its
 * own status callbacks. Returns the parameters of the Dial's action.
 */
export async function dialLeg(db: Kysely<Database>, parent: Call, plan: DialPlan, at: number): Promise<{ childSid: string; endsAt: number; params: Record<string, string> }> {
  const child: Call = {
    sid: timeOrderedSid('CA', at), account_sid: parent.account_sid, parent_call_sid: parent.sid, to: plan.to, from: plan.callerId ?? parent.from,
    phone_number_sid: null, status: 'queued', direction: 'outbound-dial', start_time: null, end_time: null, duration: null, price: null,
    answered_by: null, caller_name: null, forwarded_from: null, queue_time: 0, url: null, method: null, twiml: null, application_sid: null,
    status_callback: plan.statusCallback?.url ?? null, status_callback_method: plan.statusCallback?.method ?? null,
    status_callback_events: plan.statusCallback?.events ?? 'completed', fallback_url: null, fallback_method: null, conversation: null, record: 0,
    outcome: plan.outcome, ring_seconds: plan.ringSeconds, talk_seconds: plan.talkSeconds, next_event_at: at,
    date_created: at - QUEUE_SECONDS * 1000, date_updated: at,
  };
  await insertCall(db, child);
  const answered = plan.outcome === 'completed';
  const endsAt = at + (plan.ringSeconds + plan.talkSeconds) * 1000;
  return {
    childSid: child.sid,
    endsAt,
    params: { DialCallStatus: answered ? 'completed' : plan.outcome, DialCallSid: child.sid, DialCallDuration: String(answered ? plan.talkSeconds : 0), DialBridged: String(answered) },
  };
}
