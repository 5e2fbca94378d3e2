import type { Kysely } from 'kysely';
import type { Call } from '../../storage/repositories/calls.ts';
import type { CallStatus, Database } from '../../storage/schema.ts';
import { billedMinutes } from '../call-lifecycle.ts';
import { queueCallRecordingCallbacks } from '../callbacks/call-recording-callbacks.ts';
import { createRecordingForCall } from '../create-recording.ts';
import { finishLiveRecordingsOf } from '../live-recording.ts';
import { recordUsage } from '../record-usage.ts';
import { formatPrice } from '../usage-categories.ts';

/**
 * The changes that end a call whose TwiML ran: its duration is what the conversation took from the
 * answer, billed per started minute; a call never answered lasts 0 s and costs nothing. With
 * `Record=true` the whole answered call is recorded, and its `RecordingStatusCallback` told;
 * `apiBase` is where the recording's URL points.
 */
export async function endCall(db: Kysely<Database>, call: Call, status: CallStatus, at: number, apiBase: string): Promise<Partial<Call>> {
  const duration = call.start_time === null ? 0 : Math.max(0, Math.round((at - call.start_time) / 1000));
  let price: string | null = null;
  if (call.start_time !== null) {
    const micros = await recordUsage(db, {
      accountSid: call.account_sid,
      category: call.direction === 'inbound' ? 'calls-inbound' : 'calls-outbound',
      count: 1,
      usage: billedMinutes(duration),
      at,
    });
    price = formatPrice(micros);
    if (call.record === 1 && duration > 0) {
      const { recordingSid } = await createRecordingForCall(db, { accountSid: call.account_sid, callSid: call.sid, durationSeconds: duration, at, transcribe: false });
      await queueCallRecordingCallbacks(db, call, { recordingSid, durationSeconds: duration, startTime: at - duration * 1000, at }, apiBase);
    }
  }
  await finishLiveRecordingsOf(db, call.sid, at);
  return { status, end_time: at, duration, price, next_event_at: null, date_updated: at };
}
