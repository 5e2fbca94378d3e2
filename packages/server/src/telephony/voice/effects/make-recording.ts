import type { Kysely } from 'kysely';
import type { Call } from '../../../storage/repositories/calls.ts';
import type { Database } from '../../../storage/schema.ts';
import { rfc2822 } from '../../../util/rfc2822.ts';
import { enqueueCallback } from '../../callbacks/enqueue-callback.ts';
import { createRecordingForCall, placeholderTranscript } from '../../create-recording.ts';
import type { RecordingPlan } from '../steps/record.ts';

/**
 * Stores what a `<Record>` recorded (and its transcription), bills them, and queues their
 * `recordingStatusCallback` and `transcribeCallback`. Returns the parameters of the verb's action.
 */
export async function makeRecording(db: Kysely<Database>, call: Call, plan: RecordingPlan, apiBase: string): Promise<Record<string, string>> {
  if (plan.durationSeconds === 0) return { Digits: plan.digits, RecordingDuration: '0' };
  const { recordingSid, transcriptionSid } = await createRecordingForCall(db, {
    accountSid: call.account_sid, callSid: call.sid, durationSeconds: plan.durationSeconds, at: plan.endsAt, transcribe: plan.transcribe, source: 'RecordVerb',
  });
  const recordingUrl = `${apiBase}/2010-04-01/Accounts/${call.account_sid}/Recordings/${recordingSid}`;
  const about = { AccountSid: call.account_sid, CallSid: call.sid, RecordingSid: recordingSid, RecordingUrl: recordingUrl };
  if (plan.statusCallback) {
    await enqueueCallback(db, {
      type: 'recording.status', accountSid: call.account_sid, resourceSid: recordingSid, ...plan.statusCallback, at: plan.endsAt,
      params: () => ({ ...about, RecordingStatus: 'completed', RecordingDuration: String(plan.durationSeconds), RecordingChannels: '1', RecordingStartTime: rfc2822(plan.startsAt), RecordingSource: 'RecordVerb', RecordingTrack: 'inbound' }),
    });
  }
  if (transcriptionSid && plan.transcribeCallback) {
    await enqueueCallback(db, {
      type: 'transcription.status', accountSid: call.account_sid, resourceSid: transcriptionSid, url: plan.transcribeCallback, method: 'POST', at: plan.endsAt,
      params: () => ({
        ...about, TranscriptionSid: transcriptionSid, TranscriptionText: placeholderTranscript(plan.durationSeconds), TranscriptionStatus: 'completed',
        TranscriptionUrl: `${apiBase}/2010-04-01/Accounts/${call.account_sid}/Transcriptions/${transcriptionSid}`,
      }),
    });
  }
  return { ...about, RecordingDuration: String(plan.durationSeconds), Digits: plan.digits };
}
