import type { Kysely } from 'kysely';
import type { Call } from '../../storage/repositories/calls.ts';
import type { Database } from '../../storage/schema.ts';
import { rfc2822 } from '../../util/rfc2822.ts';
import { enqueueCallback } from './enqueue-callback.ts';

export interface CallRecording {
  recordingSid: string;
  durationSeconds: number;
  startTime: number;
  at: number;
}

/**
 * Queues the `RecordingStatusCallback` a `Record=true` call asked for on Create Call: `in-progress`
 * (when subscribed) then `completed`, with Twilio's recording parameters and `RecordingSource=OutboundAPI`.
 */
export async function queueCallRecordingCallbacks(db: Kysely<Database>, call: Call, recording: CallRecording, apiBase: string): Promise<void> {
  const wanted = await db.selectFrom('call_recording_callbacks').selectAll().where('call_sid', '=', call.sid).executeTakeFirst();
  if (!wanted) return;
  const events = wanted.events.split(' ');
  const about = {
    AccountSid: call.account_sid,
    CallSid: call.sid,
    RecordingSid: recording.recordingSid,
    RecordingUrl: `${apiBase}/2010-04-01/Accounts/${call.account_sid}/Recordings/${recording.recordingSid}`,
    RecordingChannels: '1',
    RecordingStartTime: rfc2822(recording.startTime),
    RecordingSource: 'OutboundAPI',
    RecordingTrack: 'both',
  };
  const send = (status: string, at: number, extra: Record<string, string>) =>
    enqueueCallback(db, {
      type: 'recording.status', accountSid: call.account_sid, resourceSid: recording.recordingSid, url: wanted.url, method: wanted.method, at,
      params: () => ({ ...about, RecordingStatus: status, ...extra }),
    });
  if (events.includes('in-progress')) await send('in-progress', recording.startTime, {});
  if (events.includes('completed')) await send('completed', recording.at, { RecordingDuration: String(recording.durationSeconds) });
}
