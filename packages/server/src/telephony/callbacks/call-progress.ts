import type { Call } from '../../storage/repositories/calls.ts';
import type { CallStatus } from '../../storage/schema.ts';
import { FINAL_CALL_STATUSES, QUEUE_SECONDS } from '../call-lifecycle.ts';

export type CallEvent = 'initiated' | 'ringing' | 'answered' | 'completed';

export interface CallProgress {
  event: CallEvent;
  /** `CallStatus` in the callback: `answered` reports `in-progress`, `completed` the final status. */
  callStatus: string;
  at: number;
}

type Stage = 0 | 1 | 2 | 3;
/** How far a status is along initiated → ringing → answered → ended. */
const stageOf = (status: CallStatus): Stage => (status === 'queued' ? 0 : status === 'ringing' ? 1 : status === 'in-progress' ? 2 : 3);

type Moment = Pick<Call, 'status' | 'date_created' | 'start_time' | 'end_time'>;

/**
 * The progress events a call passed through between two of its states, in order, each at the instant
 * it happened. A call that fails before ringing is never `ringing`; one that ends unanswered is never
 * `answered`; one canceled while queued fires nothing, as in Twilio.
 */
export function callProgressBetween(before: Moment, after: Moment, now: number): CallProgress[] {
  const from = stageOf(before.status);
  const to = stageOf(after.status);
  if (to <= from) return [];
  if (from === 0 && after.status === 'canceled') return [];
  const dialledAt = Math.min(before.date_created + QUEUE_SECONDS * 1000, now);
  const answered = after.start_time !== null && (after.status === 'in-progress' || after.status === 'completed');
  const events: CallProgress[] = [];
  if (from < 1) {
    events.push({ event: 'initiated', callStatus: 'initiated', at: dialledAt });
    if (after.status !== 'failed') events.push({ event: 'ringing', callStatus: 'ringing', at: dialledAt });
  }
  if (from < 2 && to >= 2 && answered) events.push({ event: 'answered', callStatus: 'in-progress', at: after.start_time! });
  if (to === 3 && FINAL_CALL_STATUSES.has(after.status)) events.push({ event: 'completed', callStatus: after.status, at: after.end_time ?? now });
  return events;
}
