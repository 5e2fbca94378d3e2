import type { Kysely } from 'kysely';
import type { Call } from '../storage/repositories/calls.ts';
import type { Database } from '../storage/schema.ts';
import { billedMinutes, callStateAt } from './call-lifecycle.ts';
import { createRecordingForCall } from './create-recording.ts';
import { finishLiveRecordingsOf } from './live-recording.ts';
import { deterministicUniform } from './outcome.ts';
import { recordUsage } from './record-usage.ts';
import { formatPrice } from './usage-categories.ts';

/** Share of answered calls the simulation records when the caller did not ask to; a third of those are transcribed. */
const RECORDED_SHARE = 0.25;

/**
 * The changes that end a call at `now` (its planned end, or a hang-up): final status and times,
 * its price, usage billed to its account, and a recording when asked for or by chance.
 */
export async function completeCall(db: Kysely<Database>, seed: number, call: Call, now: number): Promise<Partial<Call>> {
  const planned = callStateAt(call, now);
  if (planned.status !== 'completed' && planned.status !== 'in-progress') {
    return { ...planned, price: planned.status === 'failed' || planned.duration === 0 ? null : call.price, date_updated: now };
  }
  const startTime = planned.start_time!;
  const duration = planned.status === 'completed' ? planned.duration! : Math.max(0, Math.round((now - startTime) / 1000));
  const endTime = startTime + duration * 1000;
  const minutes = billedMinutes(duration);
  const price = await recordUsage(db, {
    accountSid: call.account_sid,
    category: call.direction === 'inbound' ? 'calls-inbound' : 'calls-outbound',
    count: 1,
    usage: minutes,
    at: endTime,
  });
  const u = deterministicUniform(seed, 'recording', call.sid);
  if (duration > 0 && (call.record === 1 || u < RECORDED_SHARE)) {
    await createRecordingForCall(db, { accountSid: call.account_sid, callSid: call.sid, durationSeconds: duration, at: endTime, transcribe: u < RECORDED_SHARE / 3 });
  }
  await finishLiveRecordingsOf(db, call.sid, endTime);
  return { status: 'completed', start_time: startTime, end_time: endTime, duration, price: formatPrice(price), next_event_at: null, date_updated: now };
}
